/** A streamed NDJSON answer that keeps to the pace of the client: it never holds more than a line ahead. */

import type { ServerResponse } from 'node:http';
import type { Headers } from './reply.js';

const COMMON = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
/** Bytes encoded at a time: a multiple of 3, so that the slices' base64 joins into the whole's. */
const SLICE = 48 * 1024;

export class NdjsonResponse {
  readonly #res: ServerResponse;

  constructor(res: ServerResponse, mediaType: string, headers: Headers) {
    this.#res = res;
    res.writeHead(200, { ...COMMON, ...headers, 'content-type': mediaType });
  }

  /** Writes one line; resolves when the client may take more. Rejects if the client went away. */
  line(value: unknown): Promise<void> {
    return this.#write(`${JSON.stringify(value)}\n`);
  }

  /**
   * Writes the line of `value` with `bytes` as the unpadded base64url string of its last field,
   * `field`, encoded a slice at a time: a megabyte of content never becomes a megabyte string.
   */
  async lineWithBytes(value: Readonly<Record<string, unknown>>, field: string, bytes: Uint8Array): Promise<void> {
    const head = JSON.stringify(value).slice(0, -1);
    await this.#write(`${head}${head.length > 1 ? ',' : ''}${JSON.stringify(field)}:"`);
    for (let at = 0; at < bytes.length; at += SLICE) {
      await this.#write(Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(SLICE, bytes.length - at)).toString('base64url'));
    }
    await this.#write('"}\n');
  }

  #write(text: string): Promise<void> {
    const res = this.#res;
    if (res.destroyed) return Promise.reject(gone());
    if (res.write(text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const drained = (): void => {
        res.off('close', closed);
        resolve();
      };
      const closed = (): void => {
        res.off('drain', drained);
        reject(gone());
      };
      res.once('drain', drained);
      res.once('close', closed);
    });
  }

  /** Ends the answer; resolves once the last byte is handed to the operating system. */
  end(): Promise<void> {
    const res = this.#res;
    return new Promise((resolve, reject) => {
      const closed = (): void => reject(gone());
      res.once('close', closed);
      res.end(() => {
        res.off('close', closed);
        resolve();
      });
    });
  }
}

function gone(): Error {
  return Object.assign(new Error('the client closed the connection before the answer was complete'), { name: 'ClientGone' });
}
