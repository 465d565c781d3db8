import type { ArtifactKind } from '../storage/types.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/geo+json': 'geojson',
  'text/plain': 'txt',
};

/**
 * A file name for a decrypted artifact that says what it is and when it was made (UTC), never
 * who it is about: `recording-2026-12-05T14-03-11-3f2a9c1e.webm`.
 */
export function artifactFileName({ id, kind, createdAt, mimeType }: { readonly id: string; readonly kind: ArtifactKind; readonly createdAt: number; readonly mimeType: string }): string {
  const stamp = new Date(createdAt).toISOString().slice(0, 19).replaceAll(':', '-');
  const extension = EXTENSIONS[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
  const short = id.replace(/[^A-Za-z0-9-]/g, '').slice(0, 8) || 'artifact';
  return `${kind}-${stamp}-${short}.${extension}`;
}
