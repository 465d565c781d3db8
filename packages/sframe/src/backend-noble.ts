/**
 * The reference backend: synchronous, pure JavaScript (@noble/ciphers, @noble/hashes). The
 * public frame functions use it; SFrameContext uses it where WebCrypto is missing. About an
 * order of magnitude slower than WebCrypto on media-sized frames.
 * @module
 */
import { ctr, gcm } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { SFrameBackend } from './backend.js';
import { equalBytes } from './bytes.js';
import { checkBytes } from './check.js';
import { authDataPrefix, initialCounter, splitKey } from './ctr-hmac.js';
import { deriveKeyMaterial, type KeyMaterial } from './derive.js';
import { authFailed } from './errors.js';
import { checkOpen, checkSeal, liveKey, type DroppedKeys } from './backend-checks.js';
import { getSuite, type CipherSuiteId, type SuiteParams } from './suites.js';

/** A key prepared by the reference backend: the suite and a private copy of sframe_key. */
export interface ReferenceKey {
  readonly params: SuiteParams;
  readonly key: Uint8Array;
}

const dropped: DroppedKeys = new WeakSet();

/** RFC 9605 §4.5.1 compute_tag, untruncated: HMAC(auth_key, auth_data). */
function mac(params: SuiteParams, authKey: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
  return hmac
    .create(params.hash === 'SHA-256' ? sha256 : sha512, authKey)
    .update(authDataPrefix(params, aad.length, ct.length))
    .update(nonce)
    .update(aad)
    .update(ct)
    .digest();
}

export const referenceBackend = {
  name: 'reference',

  deriveKeyMaterial(suite: CipherSuiteId, kid: bigint, baseKey: Uint8Array): KeyMaterial {
    return deriveKeyMaterial(suite, kid, baseKey);
  },

  importKey(suite: CipherSuiteId, key: Uint8Array): ReferenceKey {
    const params = getSuite(suite);
    return { params, key: checkBytes(key, 'key', params.nk).slice() };
  },

  seal(handle: ReferenceKey, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const { params, key } = liveKey(dropped, handle);
    checkSeal(params, nonce, aad, plaintext);
    if (params.aead === 'gcm') return gcm(key, nonce, aad).encrypt(plaintext);
    // RFC 9605 §4.5.1 AEAD.Encrypt: ct = AES-CTR.Encrypt(enc_key, initial_counter, pt);
    // tag = compute_tag(auth_key, nonce, aad, ct); return ct + tag.
    const { encKey, authKey } = splitKey(params, key);
    const out = new Uint8Array(plaintext.length + params.nt);
    const ct = ctr(encKey, initialCounter(nonce)).encrypt(plaintext, out.subarray(0, plaintext.length));
    // "The resulting MAC value is truncated to a number of bytes Nt fixed by the cipher suite."
    out.set(mac(params, authKey, nonce, aad, ct).subarray(0, params.nt), plaintext.length);
    return out;
  },

  open(handle: ReferenceKey, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
    const { params, key } = liveKey(dropped, handle);
    checkOpen(params, nonce, aad, sealed);
    if (params.aead === 'gcm') {
      try {
        return gcm(key, nonce, aad).decrypt(sealed);
      } catch (err) {
        throw authFailed(err);
      }
    }
    // RFC 9605 §4.5.1 AEAD.Decrypt: verify the tag over the ciphertext first (encrypt-then-MAC)
    // with constant_time_equal, and decrypt only what authenticated.
    const { encKey, authKey } = splitKey(params, key);
    const ct = sealed.subarray(0, sealed.length - params.nt);
    const tag = sealed.subarray(sealed.length - params.nt);
    const candidate = mac(params, authKey, nonce, aad, ct).subarray(0, params.nt);
    if (!equalBytes(tag, candidate)) throw authFailed();
    return ctr(encKey, initialCounter(nonce)).decrypt(ct);
  },

  dropKey(handle: ReferenceKey): void {
    dropped.add(handle);
    handle.key.fill(0);
  },
} satisfies SFrameBackend<ReferenceKey>;
