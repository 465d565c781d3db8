import { expect } from '@esm-bundle/chai';
import { SFrameError, webCryptoBackend, type SFrameBackend, type SFrameErrorCode } from '../src/index.js';
import { referenceBackend } from '../src/reference.js';

export function hex(text: string): Uint8Array {
  if (text.length % 2 !== 0) throw new Error(`odd hex length: ${text}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const byte = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
    if (Number.isNaN(byte)) throw new Error(`bad hex: ${text}`);
    out[i] = byte;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

/** The package's own concatenation, under the name the tests use. */
export { concat as concatBytes } from '../src/bytes.js';

export type CauseType = typeof TypeError | typeof RangeError;

function checkError(err: unknown, code: SFrameErrorCode, cause?: CauseType): SFrameError {
  expect(err, `expected SFrameError ${code}`).to.be.instanceOf(SFrameError);
  const error = err as SFrameError;
  expect(error.code, error.message).to.equal(code);
  expect(error.name).to.equal('SFrameError');
  expect(error.message).to.be.a('string').that.is.not.empty;
  if (cause !== undefined) expect(error.cause).to.be.instanceOf(cause);
  return error;
}

/** Runs `fn` and asserts it throws an SFrameError with `code` (and a cause of type `cause`). */
export function expectThrows(fn: () => unknown, code: SFrameErrorCode, cause?: CauseType): SFrameError {
  try {
    fn();
  } catch (err) {
    return checkError(err, code, cause);
  }
  throw new Error(`expected SFrameError ${code}, nothing was thrown`);
}

/** Runs `fn` and asserts it throws an SFrameError with one of `codes`. */
export function expectThrowsOneOf(fn: () => unknown, codes: readonly SFrameErrorCode[]): SFrameError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SFrameError);
    expect(codes).to.include((err as SFrameError).code);
    return err as SFrameError;
  }
  throw new Error(`expected SFrameError ${codes.join(' | ')}, nothing was thrown`);
}

/** Awaits `promise` and asserts it rejects with an SFrameError with `code`. */
export async function expectRejects(
  promise: Promise<unknown> | (() => Promise<unknown>),
  code: SFrameErrorCode,
  cause?: CauseType,
): Promise<SFrameError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    return checkError(err, code, cause);
  }
  throw new Error(`expected rejection with SFrameError ${code}, it resolved`);
}

export const BACKENDS: readonly { readonly name: string; readonly backend: SFrameBackend }[] = [
  { name: 'reference', backend: referenceBackend },
  { name: 'webcrypto', backend: webCryptoBackend },
];

/** 2^64 - 1 and 2^53 - 1, the edges the API promises to take. */
export const U64_MAX = 0xffff_ffff_ffff_ffffn;
export const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Every byte-length boundary of the header fields: 0, 7 | 8, then 2^(8n) - 1 | 2^(8n). */
export const BOUNDARY_VALUES: readonly bigint[] = [
  0n,
  7n,
  8n,
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((n) => [(1n << BigInt(8 * n)) - 1n, 1n << BigInt(8 * n)]),
  SAFE_MAX,
  U64_MAX,
];
