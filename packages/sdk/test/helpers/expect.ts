import { expect } from '@esm-bundle/chai';
import { SealcallError } from '../../src/errors.js';
import { concatBytes } from '../../src/internal/bytes.js';
import type { StorageAdapter } from '../../src/storage/types.js';

/** The SealcallError `promise` (or `action()`) rejects with; fails the test if it resolves. */
export async function rejection(pending: Promise<unknown> | (() => Promise<unknown>)): Promise<SealcallError> {
  try {
    await (typeof pending === 'function' ? pending() : pending);
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(SealcallError);
    return error as SealcallError;
  }
  return expect.fail('expected a SealcallError, but nothing was thrown');
}

/** As rejection(), and the error has `code`. */
export async function expectCode(pending: Promise<unknown> | (() => Promise<unknown>), code: string): Promise<SealcallError> {
  const error = await rejection(pending);
  expect(error.code, error.message).to.equal(code);
  return error;
}

export async function streamChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return chunks;
}

export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return concatBytes(...(await streamChunks(stream)));
}

/** The chunks an adapter holds for an artifact, as stored (ciphertext, for a vault's). */
export async function storedChunks(storage: StorageAdapter, id: string): Promise<Uint8Array[]> {
  return streamChunks(await storage.getContent(id));
}
