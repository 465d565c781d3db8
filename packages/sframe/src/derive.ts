/** RFC 9605 §4.4.2 key derivation on @noble/hashes (the reference backend's, and `deriveKeyMaterial`). @module */
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { checkBaseKey, toU64 } from './check.js';
import { deriveLabels } from './labels.js';
import { getSuite, type CipherSuiteId, type SuiteParams } from './suites.js';

/** The key and salt derived from a base_key for one KID: what encryption actually uses. */
export interface KeyMaterial {
  /** sframe_key, AEAD.Nk bytes. For the AES-CTR-HMAC suites, enc_key || auth_key (§4.5.1). */
  readonly key: Uint8Array;
  /** sframe_salt, AEAD.Nn bytes. */
  readonly salt: Uint8Array;
}

/** RFC 9605 §4.4.2: "The hash function used for HKDF is determined by the cipher suite in use." */
function hashOf(params: SuiteParams) {
  return params.hash === 'SHA-256' ? sha256 : sha512;
}

/** RFC 9605 §4.4.2: sframe_secret = HKDF-Extract("", base_key). */
export function deriveSecret(params: SuiteParams, baseKey: Uint8Array): Uint8Array {
  return extract(hashOf(params), baseKey, new Uint8Array(0));
}

/** Key derivation for checked inputs (the reference backend's implementation). */
export function deriveKeyMaterialUnchecked(params: SuiteParams, kid: bigint, baseKey: Uint8Array): KeyMaterial {
  const hash = hashOf(params);
  const secret = deriveSecret(params, baseKey);
  const labels = deriveLabels(params.id, kid);
  try {
    return {
      // sframe_key = HKDF-Expand(sframe_secret, sframe_key_label, AEAD.Nk)
      key: expand(hash, secret, labels.key, params.nk),
      // sframe_salt = HKDF-Expand(sframe_secret, sframe_salt_label, AEAD.Nn)
      salt: expand(hash, secret, labels.salt, params.nn),
    };
  } finally {
    secret.fill(0);
  }
}

/**
 * Derives sframe_key and sframe_salt from `baseKey` for `kid` (RFC 9605 §4.4.2).
 * `suite` is the RFC number 1..5; `baseKey` must be at least 16 bytes.
 */
export function deriveKeyMaterial(suite: CipherSuiteId, kid: bigint | number, baseKey: Uint8Array): KeyMaterial {
  return deriveKeyMaterialUnchecked(getSuite(suite), toU64(kid, 'kid'), checkBaseKey(baseKey));
}
