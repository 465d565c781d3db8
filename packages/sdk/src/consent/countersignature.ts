/**
 * Checking a consent record's countersignature: Ed25519 by one of the server's audit keys (its
 * JWKS at `GET /v1/audit/keys`) over the SHA-256 of `countersignedMessage(hash, time)`.
 */

import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { countersignedMessage, type Countersignature } from '@sealcall/protocol';
import { fromBase64Url, utf8 } from '../internal/bytes.js';
import { isObject } from '../internal/validate.js';

/** A key set as the server publishes it: `{ keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid }] }`. */
export interface TrustedKeySet {
  readonly keys: readonly { readonly kid?: string; readonly x?: string; readonly crv?: string }[];
}

/** Whether `countersignature` signs `recordHash` and verifies under the key of `trusted` it names. */
export function verifyCountersignature(recordHash: string, countersignature: Countersignature | undefined, trusted: TrustedKeySet): boolean {
  if (countersignature === undefined || countersignature.recordHash !== recordHash) return false;
  const key = trusted.keys.find((k) => k.kid === countersignature.keyId && k.crv === 'Ed25519');
  const publicKey = key?.x === undefined ? undefined : fromBase64Url(key.x);
  const signature = fromBase64Url(countersignature.signature);
  if (publicKey === undefined || publicKey.length !== 32 || signature === undefined || signature.length !== 64) return false;
  const digest = sha256(utf8(countersignedMessage(recordHash, countersignature.countersignedAt)));
  try {
    return ed25519.verify(signature, digest, publicKey);
  } catch {
    // A malformed point or signature is a signature that does not verify.
    return false;
  }
}

/** True when `value` has the shape of a key set. */
export function isTrustedKeySet(value: unknown): value is TrustedKeySet {
  return isObject(value) && Array.isArray(value.keys) && value.keys.every(isObject);
}
