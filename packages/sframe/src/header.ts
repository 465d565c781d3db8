/**
 * RFC 9605 §4.3 SFrame header.
 *
 * ```
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+------------+------------+
 * |X|  K  |Y|  C  |   KID...   |   CTR...   |
 * +-+-+-+-+-+-+-+-+------------+------------+
 * ```
 * @module
 */
import { SFrameError } from './errors.js';
import { checkBytes, toU64 } from './check.js';

/** A decoded header. `length` is the header's size in bytes: the frame's ciphertext follows. */
export interface SFrameHeader {
  readonly kid: bigint;
  readonly ctr: bigint;
  readonly length: number;
}

/** Number of bytes in the minimal big-endian encoding of `value` (1..8, for value < 2^64). */
function byteLength(value: bigint): number {
  let n = 1;
  while (value > 0xffn) {
    value >>= 8n;
    n++;
  }
  return n;
}

/** Encoded size of one field after the config byte: 0 when it fits in K or C. */
function fieldLength(value: bigint): number {
  return value < 8n ? 0 : byteLength(value);
}

function writeField(out: Uint8Array, offset: number, value: bigint, length: number): void {
  for (let i = offset + length - 1; i >= offset; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/** RFC 9605 §4.3 for already-checked values (both < 2^64). */
export function encodeHeaderUnchecked(kid: bigint, ctr: bigint): Uint8Array {
  const kidLen = fieldLength(kid);
  const ctrLen = fieldLength(ctr);
  const out = new Uint8Array(1 + kidLen + ctrLen);
  // RFC 9605 §4.3: "If the value of one of these fields is in the range 0-7, then the value is
  // carried in the corresponding bits of the config byte (K or C) and the corresponding flag
  // (X or Y) is set to zero. Otherwise, the value MUST be encoded with the minimum number of
  // bytes required [...] The header field (K or C) is set to the number of bytes in the encoded
  // value, minus one."
  const k = kidLen === 0 ? Number(kid) : 0x8 | (kidLen - 1);
  const c = ctrLen === 0 ? Number(ctr) : 0x8 | (ctrLen - 1);
  out[0] = (k << 4) | c;
  // "appended after the config byte, with the KID first and CTR second."
  writeField(out, 1, kid, kidLen);
  writeField(out, 1 + kidLen, ctr, ctrLen);
  return out;
}

/**
 * Encodes the SFrame header for `kid` and `ctr` (RFC 9605 §4.3), minimally.
 * Both are bigints in 0..2^64-1 or non-negative safe-integer numbers.
 */
export function encodeHeader(kid: bigint | number, ctr: bigint | number): Uint8Array {
  return encodeHeaderUnchecked(toU64(kid, 'kid'), toU64(ctr, 'ctr'));
}

/**
 * Decodes the SFrame header at the start of `bytes` (a header, or a whole SFrame ciphertext).
 * Throws SFRAME_TRUNCATED when the bytes end inside the header and SFRAME_BAD_HEADER when a
 * field is not minimally encoded, which RFC 9605 §4.3 forbids ("MUST be encoded with the
 * minimum number of bytes"): every valid header has exactly one encoding.
 */
export function decodeHeader(bytes: Uint8Array): SFrameHeader {
  checkBytes(bytes, 'bytes');
  if (bytes.length === 0) {
    throw new SFrameError('SFRAME_TRUNCATED', 'SFrame header truncated: got 0 bytes; pass the whole SFrame ciphertext');
  }
  const config = bytes[0]!;
  const x = (config & 0x80) !== 0;
  const k = (config >> 4) & 0x7;
  const y = (config & 0x08) !== 0;
  const c = config & 0x7;
  // "The value 000 represents a length of 1, 001 a length of 2, etc."
  const kidLen = x ? k + 1 : 0;
  const ctrLen = y ? c + 1 : 0;
  const length = 1 + kidLen + ctrLen;
  if (bytes.length < length) {
    throw new SFrameError(
      'SFRAME_TRUNCATED',
      `SFrame header truncated: config byte 0x${hex2(config)} announces ${length} header bytes, ` +
        `got ${bytes.length}; pass the whole SFrame ciphertext`,
    );
  }
  const kid = x ? readField(bytes, 1, kidLen, 'KID') : BigInt(k);
  const ctr = y ? readField(bytes, 1 + kidLen, ctrLen, 'CTR') : BigInt(c);
  return { kid, ctr, length };
}

function readField(bytes: Uint8Array, offset: number, length: number, name: string): bigint {
  let value = 0n;
  for (let i = offset; i < offset + length; i++) value = (value << 8n) | BigInt(bytes[i]!);
  // Values 0..7 belong in the config byte; a leading zero byte is a longer-than-minimal form.
  if (value < 8n || byteLength(value) !== length) {
    throw new SFrameError(
      'SFRAME_BAD_HEADER',
      `SFrame header ${name} is not minimally encoded (RFC 9605 §4.3): ${length} byte(s) hold ` +
        `${value}, which ${value < 8n ? 'belongs in the config byte' : `needs ${byteLength(value)}`}; ` +
        'the frame is malformed or was modified, drop it',
    );
  }
  return value;
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
