import type { NewArtifact } from '../../src/storage/types.js';

export const DAY = 24 * 60 * 60 * 1000;

/** Metadata for a storage test, created now and kept 30 days; `fields` override any of it. */
export function newArtifact(fields: Partial<NewArtifact> = {}): NewArtifact {
  const createdAt = Date.now();
  return {
    id: crypto.randomUUID(),
    callId: 'call-1',
    subjectId: 'subject-1',
    kind: 'recording',
    mimeType: 'video/webm',
    createdAt,
    expiresAt: createdAt + 30 * DAY,
    consentRef: 'consent-1',
    encryption: { algorithm: 'test', keyProviderId: 'device:default', wrappedKey: 'AQIDBA', noncePrefix: 'AAAAAAAAAA' },
    ...fields,
  };
}
