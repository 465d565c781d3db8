import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, lengthPrefixed, uint32, utf8 } from '../internal/bytes.js';

/**
 * The segmented format of artifact content (docs/storage.md, "Segment format"): the STREAM
 * construction (Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and its
 * Nonce-Reuse Misuse-Resistance", CRYPTO 2015) over AES-256-GCM.
 */
export const ARTIFACT_ALGORITHM = 'sealcall-stream-v1/aes-256-gcm/64k';
export const DATA_KEY_BYTES = 32;
export const SEGMENT_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEGMENT_CIPHERTEXT_BYTES = SEGMENT_BYTES + TAG_BYTES;
export const NONCE_PREFIX_BYTES = 7;
/** The segment index is 32 bits: 2^32 segments of 64 KiB, 256 TiB per artifact. */
export const MAX_SEGMENTS = 2 ** 32;

const LABEL = 'sealcall/at-rest/v1';

/**
 * The segment key: HKDF-SHA256 of the artifact's random data key, bound to the artifact id, so
 * that a data key moved under another id decrypts nothing.
 */
export function segmentKeyBytes(dataKey: Uint8Array, artifactId: string): Uint8Array {
  const prk = extract(sha256, dataKey);
  const key = expand(sha256, prk, concatBytes(utf8(`${LABEL}/segment-key`), lengthPrefixed(utf8(artifactId))), 32);
  prk.fill(0);
  return key;
}

/**
 * nonce = prefix (7 random bytes per artifact) || index (uint32, big-endian) || final (0x01 on
 * the last segment, else 0x00). Each (index, final) pair is encrypted once per artifact, under a
 * key used by that artifact only, so a nonce never repeats under a key.
 */
export function segmentNonce(noncePrefix: Uint8Array, index: number, final: boolean): Uint8Array {
  return concatBytes(noncePrefix, uint32(index), Uint8Array.of(final ? 1 : 0));
}

/** Associated data: the label, the artifact id, the index and the final flag, unambiguously. */
export function segmentAad(artifactId: string, index: number, final: boolean): Uint8Array {
  return concatBytes(utf8(`${LABEL}/segment`), lengthPrefixed(utf8(artifactId)), uint32(index), Uint8Array.of(final ? 1 : 0));
}
