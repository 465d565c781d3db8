import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SealcallError } from '../errors.js';
import { toBase64Url, utf8 } from '../internal/bytes.js';

export const SUBJECT_KEY_MIN_BYTES = 32;

/**
 * The id artifacts are stored under instead of the integrator's customer id:
 * base64url(HMAC-SHA256(hmacKey, UTF-8(integratorCustomerId))), 43 characters. The same key and
 * customer id always give the same subject id, so "everything about this person" stays one index
 * query; without the key, the subject id says nothing about the person. Keep one key per
 * integrator, used for nothing else, where the back end can recompute the id for access and
 * erasure requests; whoever holds it can test guesses of customer ids.
 */
export function pseudonymousSubjectId(hmacKey: Uint8Array, integratorCustomerId: string): string {
  if (!(hmacKey instanceof Uint8Array)) throw new SealcallError('INVALID_ARGUMENT', `"hmacKey" expected Uint8Array, got ${typeof hmacKey}`);
  if (hmacKey.length < SUBJECT_KEY_MIN_BYTES) {
    throw new SealcallError('INVALID_ARGUMENT', `"hmacKey" expected Uint8Array of length >= ${SUBJECT_KEY_MIN_BYTES}, got length=${hmacKey.length}`);
  }
  if (typeof integratorCustomerId !== 'string' || integratorCustomerId.length === 0) {
    throw new SealcallError('INVALID_ARGUMENT', `"integratorCustomerId" expected a non-empty string`);
  }
  return toBase64Url(hmac(sha256, hmacKey, utf8(integratorCustomerId)));
}
