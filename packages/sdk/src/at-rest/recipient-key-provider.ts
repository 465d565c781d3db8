import { x25519 } from '@noble/curves/ed25519.js';
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SealcallError } from '../errors.js';
import { concatBytes, lengthPrefixed, toBase64Url, utf8 } from '../internal/bytes.js';
import { artifactError } from './errors.js';
import { checkContext, checkDataKey, checkWrapped } from './key-checks.js';
import { DATA_KEY_BYTES, TAG_BYTES } from './segment-format.js';
import type { KeyProvider, KeyWrapContext } from './types.js';
import { aesGcmDecrypt, aesGcmEncrypt, importAesGcmKey } from './webcrypto.js';

export interface RecipientKeyProviderOptions {
  /** Default `x25519:` and 16 characters of the public key's SHA-256: the same on every side. */
  id?: string;
}

const VERSION = 1;
const KEY_BYTES = 32;
const WRAPPED_BYTES = 1 + KEY_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const LABEL = 'sealcall/at-rest/v1/recipient-wrap';

/**
 * Wraps data keys to a recipient's X25519 public key, so that the agent's browser can store
 * evidence that only the holder of the private key (the insurer's back office) can read; the
 * writer itself cannot read it back.
 *
 * An ECIES construction in the manner of HPKE base mode (RFC 9180), not wire-compatible with it:
 *   (e, E) = fresh X25519 key pair; Z = X25519(e, R)
 *   PRK = HKDF-Extract(salt = E || R, Z); OKM = HKDF-Expand(PRK, LABEL, 44)
 *   key = OKM[0..32], nonce = OKM[32..44] (one encryption per key, so a fixed nonce is safe)
 *   wrapped = 0x01 || E (32) || AES-256-GCM(key, nonce, data key, aad = LABEL || len || artifactId) (48)
 */
export class RecipientKeyProvider implements KeyProvider {
  readonly id: string;
  readonly publicKey: Uint8Array;
  #privateKey: Uint8Array | undefined;

  /** A provider that wraps only: what the agent's browser holds. */
  constructor(publicKey: Uint8Array, options: RecipientKeyProviderOptions = {}) {
    checkKey(publicKey, 'publicKey');
    try {
      x25519.getSharedSecret(x25519.utils.randomSecretKey(), publicKey).fill(0);
    } catch {
      throw new SealcallError('INVALID_ARGUMENT', '"publicKey" expected an X25519 public key, got a low-order point');
    }
    this.publicKey = publicKey.slice();
    this.id = options.id ?? `x25519:${toBase64Url(sha256(concatBytes(utf8('sealcall/at-rest/v1/recipient-id'), publicKey)).subarray(0, 12))}`;
  }

  /** A provider that also unwraps: what the holder of the private key uses to read. */
  static forPrivateKey(privateKey: Uint8Array, options: RecipientKeyProviderOptions = {}): RecipientKeyProvider {
    checkKey(privateKey, 'privateKey');
    const provider = new RecipientKeyProvider(x25519.getPublicKey(privateKey), options);
    provider.#privateKey = privateKey.slice();
    return provider;
  }

  static generateKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
    const { secretKey, publicKey } = x25519.keygen();
    return { privateKey: secretKey, publicKey };
  }

  get canUnwrap(): boolean {
    return this.#privateKey !== undefined;
  }

  async wrap(dataKey: Uint8Array, context: KeyWrapContext): Promise<Uint8Array> {
    checkDataKey(dataKey);
    checkContext(context);
    const { secretKey, publicKey: ephemeral } = x25519.keygen();
    const shared = x25519.getSharedSecret(secretKey, this.publicKey);
    secretKey.fill(0);
    const sealed = await this.#seal(shared, ephemeral, context, dataKey);
    return concatBytes(Uint8Array.of(VERSION), ephemeral, sealed);
  }

  async unwrap(wrapped: Uint8Array, context: KeyWrapContext): Promise<Uint8Array> {
    checkWrapped(wrapped);
    checkContext(context);
    if (!this.#privateKey) {
      throw artifactError(
        'ARTIFACT_KEY_UNAVAILABLE',
        `Artifact "${context.artifactId}" is encrypted to a recipient key; this provider holds only the public key, so only the holder of the private key can read it.`,
      );
    }
    const corrupt = (cause?: unknown) =>
      artifactError('ARTIFACT_CORRUPT', `Artifact "${context.artifactId}": the wrapped key does not authenticate (altered, another artifact's, or for another recipient).`, { cause });
    if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== VERSION) throw corrupt();
    const ephemeral = wrapped.slice(1, 1 + KEY_BYTES);
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(this.#privateKey, ephemeral);
    } catch (cause) {
      throw corrupt(cause);
    }
    const dataKey = await this.#open(shared, ephemeral, context, wrapped.subarray(1 + KEY_BYTES));
    if (!dataKey) throw corrupt();
    return dataKey;
  }

  async #seal(shared: Uint8Array, ephemeral: Uint8Array, context: KeyWrapContext, dataKey: Uint8Array): Promise<Uint8Array> {
    const { key, nonce } = await this.#schedule(shared, ephemeral);
    return aesGcmEncrypt(key, nonce, aad(context), dataKey);
  }

  async #open(shared: Uint8Array, ephemeral: Uint8Array, context: KeyWrapContext, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    const { key, nonce } = await this.#schedule(shared, ephemeral);
    return aesGcmDecrypt(key, nonce, aad(context), sealed);
  }

  async #schedule(shared: Uint8Array, ephemeral: Uint8Array): Promise<{ key: CryptoKey; nonce: Uint8Array }> {
    const prk = extract(sha256, shared, concatBytes(ephemeral, this.publicKey));
    const okm = expand(sha256, prk, utf8(LABEL), 44);
    shared.fill(0);
    prk.fill(0);
    const key = await importAesGcmKey(okm.subarray(0, 32));
    const nonce = okm.slice(32, 44);
    okm.fill(0);
    return { key, nonce };
  }
}

function aad(context: KeyWrapContext): Uint8Array {
  return concatBytes(utf8(LABEL), lengthPrefixed(utf8(context.artifactId)));
}

function checkKey(key: unknown, name: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) throw new SealcallError('INVALID_ARGUMENT', `"${name}" expected Uint8Array, got ${typeof key}`);
  if (key.length !== KEY_BYTES) throw new SealcallError('INVALID_ARGUMENT', `"${name}" expected Uint8Array of length ${KEY_BYTES}, got length=${key.length}`);
}
