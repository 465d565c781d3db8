import { ARTIFACT_ID_PATTERN, parseArtifactPatch, parseNewArtifact } from '@sealcall/protocol';
import { invalidArgument } from './errors.js';
import type { ArtifactMetadataPatch, NewArtifact } from './types.js';

/**
 * Input checks shared by the adapters: each throws INVALID_ARGUMENT, with what was wrong. The
 * rules of an artifact's metadata are the wire contract's (@sealcall/protocol), so an artifact
 * a local adapter takes is one the reference server takes too.
 */

export function checkId(id: unknown, name = 'id'): string {
  if (typeof id !== 'string' || !ARTIFACT_ID_PATTERN.test(id)) {
    throw invalidArgument(`"${name}" expected 1 to 128 characters of [A-Za-z0-9._:-], got ${describe(id)}`);
  }
  return id;
}

export function checkNewArtifact(artifact: NewArtifact): void {
  if (typeof artifact !== 'object' || artifact === null) throw invalidArgument(`"artifact" expected an object, got ${describe(artifact)}`);
  const parsed = parseNewArtifact(newArtifactFields(artifact));
  if (!parsed.ok) throw invalidArgument(parsed.reason);
}

export function checkPatch(patch: ArtifactMetadataPatch): void {
  if (typeof patch !== 'object' || patch === null) throw invalidArgument(`"patch" expected an object, got ${describe(patch)}`);
  const parsed = parseArtifactPatch(patchFields(patch));
  if (!parsed.ok) throw invalidArgument(parsed.reason);
}

/** Exactly the fields of a NewArtifact, whatever else the object carries (the server refuses any other). */
export function newArtifactFields(a: NewArtifact): NewArtifact {
  return {
    id: a.id,
    callId: a.callId,
    subjectId: a.subjectId,
    kind: a.kind,
    mimeType: a.mimeType,
    createdAt: a.createdAt,
    expiresAt: a.expiresAt,
    consentRef: a.consentRef,
    ...(a.purpose === undefined ? {} : { purpose: a.purpose }),
    encryption: encryptionFields(a.encryption),
  };
}

/** Exactly the fields of a patch that it sets. */
export function patchFields(patch: ArtifactMetadataPatch): ArtifactMetadataPatch {
  const { expiresAt, encryption, endReason } = patch;
  return {
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(encryption !== undefined ? { encryption: encryptionFields(encryption) } : {}),
    ...(endReason !== undefined ? { endReason } : {}),
  };
}

function encryptionFields(e: NewArtifact['encryption']): NewArtifact['encryption'] {
  if (typeof e !== 'object' || e === null) return e;
  return { algorithm: e.algorithm, keyProviderId: e.keyProviderId, wrappedKey: e.wrappedKey, noncePrefix: e.noncePrefix };
}

export function checkChunk(index: unknown, bytes: unknown): void {
  if (!Number.isSafeInteger(index) || (index as number) < 0) {
    throw invalidArgument(`"index" expected a non-negative integer, got ${describe(index)}`);
  }
  if (!(bytes instanceof Uint8Array)) throw invalidArgument(`"bytes" expected Uint8Array, got ${describe(bytes)}`);
}

export function checkTimeArgument(time: unknown): number {
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw invalidArgument(`"time" expected a valid Date, got ${describe(time)}`);
  return time.getTime();
}

/** A copy that owns exactly its bytes (storing a view would store its whole buffer). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `string of length=${value.length}` : JSON.stringify(value);
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `Uint8Array of length=${value.length}`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}
