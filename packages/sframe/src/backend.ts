/**
 * The crypto an SFrame context needs, behind one small interface with two implementations:
 * `referenceBackend` (synchronous, @noble/ciphers + @noble/hashes) and `webCryptoBackend`
 * (asynchronous, `crypto.subtle`). Both are byte-identical on the same inputs.
 * @module
 */
import type { KeyMaterial } from './derive.js';
import type { CipherSuiteId } from './suites.js';

export type MaybePromise<T> = T | Promise<T>;

/**
 * Key derivation and the suite's AEAD (RFC 9605 §4.4.2, §4.4.3, §4.4.4, §4.5). `K` is the
 * backend's prepared key, opaque to callers: import once, use for many frames.
 *
 * Contract, for the built-in backends and any other:
 * - Sizes follow RFC 9605 Table 1 for the suite given to `importKey`; nonces are Nn = 12 bytes.
 * - `seal` returns ciphertext || tag (RFC 5116 convention, §4.4); `open` takes the same.
 * - `open` throws an `SFrameError` with code `SFRAME_AUTH_FAILED` when the tag does not verify,
 *   and returns nothing derived from unauthenticated data. Any other throw is reported to
 *   callers of `SFrameContext` as `SFRAME_BACKEND_ERROR`.
 * - The returned arrays are new; the backend keeps no reference to inputs or outputs.
 * - `dropKey` forgets a key and zeroes what it can; it may be called while an operation that
 *   already received the key is still pending, which must then complete or fail cleanly.
 */
export interface SFrameBackend<K = unknown> {
  readonly name: string;
  /** RFC 9605 §4.4.2: sframe_key (Nk bytes) and sframe_salt (Nn bytes) for `kid`. */
  deriveKeyMaterial(suite: CipherSuiteId, kid: bigint, baseKey: Uint8Array): MaybePromise<KeyMaterial>;
  /** Prepares sframe_key (Nk bytes) for repeated use. The caller may zero `key` afterwards. */
  importKey(suite: CipherSuiteId, key: Uint8Array): MaybePromise<K>;
  /** AEAD.Encrypt(key, nonce, aad, plaintext): ciphertext || tag. */
  seal(key: K, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): MaybePromise<Uint8Array>;
  /** AEAD.Decrypt(key, nonce, aad, ciphertext || tag): plaintext, or SFRAME_AUTH_FAILED. */
  open(key: K, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): MaybePromise<Uint8Array>;
  /** Forgets `key`, zeroing any raw key bytes the backend holds. */
  dropKey(key: K): void;
}
