/**
 * Input checks with uniform, noble-style messages. A wrong type is an SFrameError whose cause
 * is a TypeError; a wrong size or range, one whose cause is a RangeError. Internal.
 * @module
 */
import { rangeError, typeError } from './errors.js';

/** RFC 9605 §4.3: KID and CTR are at most 8 bytes on the wire, so both are < 2^64. */
export const MAX_U64 = 0xffff_ffff_ffff_ffffn;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `Uint8Array of length ${value.length}`;
  if (typeof value === 'object') return `object ${Object.prototype.toString.call(value)}`;
  return `type=${typeof value}`;
}

/** A KID or CTR: a bigint in 0..2^64-1, or a non-negative safe-integer number. */
export function toU64(value: unknown, name: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n || value > MAX_U64) {
      throw rangeError(`"${name}" expected integer in 0..2^64-1, got ${value}`);
    }
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw rangeError(
        `"${name}" expected non-negative safe integer (or a bigint up to 2^64-1), got ${value}`,
      );
    }
    return BigInt(value);
  }
  throw typeError(`"${name}" expected bigint or number, got ${typeOf(value)}`);
}

/** A Uint8Array, of exactly `length` bytes when given. */
export function checkBytes(value: unknown, name: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw typeError(`"${name}" expected Uint8Array, got ${typeOf(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw rangeError(`"${name}" expected Uint8Array of length ${length}, got length=${value.length}`);
  }
  return value;
}

/**
 * Not an RFC 9605 requirement: a base_key shorter than 16 bytes (128 bits) cannot give any
 * suite its security level, so it is refused as a likely mistake (a truncated or empty key).
 */
export const MIN_BASE_KEY_LENGTH = 16;

export function checkBaseKey(value: unknown): Uint8Array {
  const key = checkBytes(value, 'baseKey');
  if (key.length < MIN_BASE_KEY_LENGTH) {
    throw rangeError(
      `"baseKey" expected Uint8Array of length >= ${MIN_BASE_KEY_LENGTH}, got length=${key.length}`,
    );
  }
  return key;
}

/**
 * The most one frame may carry: AES-GCM allows 2^39 - 256 bits (NIST SP 800-38D), and the
 * CTR-HMAC suites run a 32-bit block counter after the 12-byte nonce (RFC 9605 §4.5.1:
 * "initial_counter = nonce + 0x00000000"), i.e. 2^36 bytes. The smaller bound serves both.
 */
export const MAX_PLAINTEXT_LENGTH = 2 ** 36 - 32;

export function checkPlaintext(value: unknown): Uint8Array {
  const pt = checkBytes(value, 'plaintext');
  if (pt.length > MAX_PLAINTEXT_LENGTH) {
    throw rangeError(
      `"plaintext" expected Uint8Array of length <= ${MAX_PLAINTEXT_LENGTH}, got length=${pt.length}`,
    );
  }
  return pt;
}
