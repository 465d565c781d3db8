import { SealcallError } from '../errors.js';
import { artifactError } from './errors.js';
import { MAX_SEGMENTS, NONCE_PREFIX_BYTES, segmentAad, segmentKeyBytes, segmentNonce, TAG_BYTES } from './segment-format.js';
import { aesGcmDecrypt, aesGcmEncrypt, importAesGcmKey } from './webcrypto.js';

/** Seals and opens the segments of one artifact with WebCrypto AES-256-GCM. */
export class SegmentCipher {
  readonly #key: CryptoKey;
  readonly #artifactId: string;
  readonly #noncePrefix: Uint8Array;

  private constructor(key: CryptoKey, artifactId: string, noncePrefix: Uint8Array) {
    this.#key = key;
    this.#artifactId = artifactId;
    this.#noncePrefix = noncePrefix;
  }

  /** The segment key is derived here and kept only as a non-extractable CryptoKey. */
  static async create(dataKey: Uint8Array, artifactId: string, noncePrefix: Uint8Array): Promise<SegmentCipher> {
    if (noncePrefix.length !== NONCE_PREFIX_BYTES) {
      throw artifactError('ARTIFACT_CORRUPT', `"noncePrefix" expected Uint8Array of length ${NONCE_PREFIX_BYTES}, got length=${noncePrefix.length}`);
    }
    const raw = segmentKeyBytes(dataKey, artifactId);
    try {
      return new SegmentCipher(await importAesGcmKey(raw), artifactId, noncePrefix.slice());
    } finally {
      raw.fill(0);
    }
  }

  async seal(index: number, final: boolean, plaintext: Uint8Array): Promise<Uint8Array> {
    if (index >= MAX_SEGMENTS) throw new SealcallError('INVALID_STATE', `Artifact "${this.#artifactId}" is too large: more than ${MAX_SEGMENTS} segments.`);
    return aesGcmEncrypt(this.#key, segmentNonce(this.#noncePrefix, index, final), segmentAad(this.#artifactId, index, final), plaintext);
  }

  /** The plaintext, or ARTIFACT_CORRUPT. */
  async open(index: number, final: boolean, ciphertext: Uint8Array): Promise<Uint8Array> {
    const plaintext =
      index < MAX_SEGMENTS && ciphertext.length >= TAG_BYTES
        ? await aesGcmDecrypt(this.#key, segmentNonce(this.#noncePrefix, index, final), segmentAad(this.#artifactId, index, final), ciphertext)
        : undefined;
    if (!plaintext) {
      throw artifactError(
        'ARTIFACT_CORRUPT',
        `Artifact "${this.#artifactId}": segment ${index} does not authenticate as ${final ? 'the final' : 'a middle'} segment. The content was altered, truncated, reordered or mixed with another artifact's.`,
      );
    }
    return plaintext;
  }
}
