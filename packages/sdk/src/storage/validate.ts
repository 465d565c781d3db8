import { invalidArgument } from './errors.js';
import type { ArtifactEncryption, ArtifactMetadataPatch, NewArtifact } from './types.js';

/** Input checks shared by the adapters: each throws INVALID_ARGUMENT in noble's wording. */

const KINDS: ReadonlySet<string> = new Set(['picture', 'recording', 'document', 'consent']);
const END_REASONS: ReadonlySet<string> = new Set(['stopped', 'consent-withdrawn', 'call-ended', 'failed']);
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function checkId(id: unknown, name = 'id'): string {
  if (typeof id !== 'string' || !ID.test(id)) {
    throw invalidArgument(`"${name}" expected 1 to 128 characters of [A-Za-z0-9._:-], got ${describe(id)}`);
  }
  return id;
}

function checkText(value: unknown, name: string, maxLength = 256): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalidArgument(`"${name}" expected a non-empty string of at most ${maxLength} characters, got ${describe(value)}`);
  }
}

function checkTime(value: unknown, name: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw invalidArgument(`"${name}" expected milliseconds since the epoch (a non-negative integer), got ${describe(value)}`);
  }
}

function checkBase64Url(value: unknown, name: string, maxLength: number): void {
  if (typeof value !== 'string' || !BASE64URL.test(value) || value.length > maxLength) {
    throw invalidArgument(`"${name}" expected unpadded base64url of at most ${maxLength} characters, got ${describe(value)}`);
  }
}

export function checkEncryption(value: ArtifactEncryption): void {
  if (typeof value !== 'object' || value === null) throw invalidArgument(`"encryption" expected an object, got ${describe(value)}`);
  checkText(value.algorithm, 'encryption.algorithm', 64);
  checkText(value.keyProviderId, 'encryption.keyProviderId');
  if (value.wrappedKey !== null) checkBase64Url(value.wrappedKey, 'encryption.wrappedKey', 4096);
  checkBase64Url(value.noncePrefix, 'encryption.noncePrefix', 64);
}

export function checkNewArtifact(artifact: NewArtifact): void {
  if (typeof artifact !== 'object' || artifact === null) throw invalidArgument(`"artifact" expected an object, got ${describe(artifact)}`);
  checkId(artifact.id);
  checkText(artifact.callId, 'callId');
  checkText(artifact.subjectId, 'subjectId');
  if (!KINDS.has(artifact.kind)) throw invalidArgument(`"kind" expected picture, recording, document or consent, got ${describe(artifact.kind)}`);
  checkText(artifact.mimeType, 'mimeType', 128);
  checkTime(artifact.createdAt, 'createdAt');
  checkTime(artifact.expiresAt, 'expiresAt');
  if (artifact.expiresAt < artifact.createdAt) {
    throw invalidArgument(`"expiresAt" expected no earlier than createdAt (${artifact.createdAt}), got ${artifact.expiresAt}`);
  }
  if (artifact.consentRef !== null) checkText(artifact.consentRef, 'consentRef');
  checkEncryption(artifact.encryption);
}

export function checkPatch(patch: ArtifactMetadataPatch): void {
  if (typeof patch !== 'object' || patch === null) throw invalidArgument(`"patch" expected an object, got ${describe(patch)}`);
  if (patch.expiresAt !== undefined) checkTime(patch.expiresAt, 'expiresAt');
  if (patch.encryption !== undefined) checkEncryption(patch.encryption);
  if (patch.endReason !== undefined && !END_REASONS.has(patch.endReason)) {
    throw invalidArgument(`"endReason" expected stopped, consent-withdrawn, call-ended or failed, got ${describe(patch.endReason)}`);
  }
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
