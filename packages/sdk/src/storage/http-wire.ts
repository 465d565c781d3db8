import { SealcallError } from '../errors.js';
import { isCount, isObject } from '../internal/validate.js';
import { invalidArgument, storageError } from './errors.js';
import type { ArtifactEndReason, ArtifactMetadata, ArtifactMetadataPatch, NewArtifact } from './types.js';
import { checkId, checkNewArtifact, checkPatch } from './validate.js';

/** The JSON of the storage server (docs/protocol.md, "Artifact storage"), both ways. */

const END_REASONS: ReadonlySet<string> = new Set(['stopped', 'consent-withdrawn', 'call-ended', 'failed']);

/** An id that can be a URL path segment: `.` and `..` cannot (URLs resolve them away). */
export function checkAddressableId(id: unknown): string {
  checkId(id);
  if (id === '.' || id === '..') throw invalidArgument(`"id" expected an id other than "." and ".." for HTTP storage, got ${JSON.stringify(id)}`);
  return id as string;
}

export function artifactPath(id: string, rest = ''): string {
  return `/${encodeURIComponent(id)}${rest}`;
}

export function chunkPath(id: string, index: number): string {
  return artifactPath(id, `/chunks/${index}`);
}

/** Exactly the fields of a NewArtifact: the server refuses any other. */
export function newArtifactBody(a: NewArtifact): NewArtifact {
  const { algorithm, keyProviderId, wrappedKey, noncePrefix } = a.encryption;
  return {
    id: a.id,
    callId: a.callId,
    subjectId: a.subjectId,
    kind: a.kind,
    mimeType: a.mimeType,
    createdAt: a.createdAt,
    expiresAt: a.expiresAt,
    consentRef: a.consentRef,
    encryption: { algorithm, keyProviderId, wrappedKey, noncePrefix },
  };
}

export function patchBody(patch: ArtifactMetadataPatch): ArtifactMetadataPatch {
  checkPatch(patch);
  const { expiresAt, encryption, endReason } = patch;
  return {
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(encryption !== undefined ? { encryption: { algorithm: encryption.algorithm, keyProviderId: encryption.keyProviderId, wrappedKey: encryption.wrappedKey, noncePrefix: encryption.noncePrefix } } : {}),
    ...(endReason !== undefined ? { endReason } : {}),
  };
}

/** Metadata as the server answered it, checked and rebuilt; STORAGE_FAILED if malformed. */
export function parseMetadata(value: unknown): ArtifactMetadata {
  try {
    if (!isObject(value)) throw invalidArgument('expected an object');
    const { size, status, chunkCount, endReason } = value;
    const base = newArtifactBody(value as unknown as NewArtifact);
    checkNewArtifact(base);
    if (!isCount(size) || !isCount(chunkCount) || (status !== 'incomplete' && status !== 'complete')) {
      throw invalidArgument('expected size, chunkCount and status');
    }
    if (endReason !== undefined && !(typeof endReason === 'string' && END_REASONS.has(endReason))) throw invalidArgument('expected a known endReason');
    return { ...base, size, status, chunkCount, ...(endReason !== undefined ? { endReason: endReason as ArtifactEndReason } : {}) };
  } catch (cause) {
    throw malformed('artifact metadata', cause);
  }
}

export function parseMetadataList(value: unknown): ArtifactMetadata[] {
  if (!isObject(value) || !Array.isArray(value.artifacts)) throw malformed('a listing', undefined);
  return value.artifacts.map(parseMetadata);
}

/** The answer to a chunk: how many chunks and bytes the server holds now. */
export function parseAppended(value: unknown): { chunkCount: number; size: number } {
  if (!isObject(value) || !isCount(value.chunkCount) || !isCount(value.size)) throw malformed('a chunk acknowledgement', undefined);
  return { chunkCount: value.chunkCount, size: value.size };
}

function malformed(what: string, cause: unknown): SealcallError {
  return storageError('STORAGE_FAILED', `The storage server answered malformed ${what}.`, { cause });
}
