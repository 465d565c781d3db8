import { SealcallError } from '../errors.js';
import type { ArtifactMetadata, ArtifactWriter } from '../storage/types.js';
import type { SegmentCipher } from './segment-cipher.js';
import { SEGMENT_BYTES } from './segment-format.js';
import type { VaultWriter } from './types.js';

/**
 * At most this many sealed segments wait for the storage at once (8 MiB), however the writes
 * come: room for one full batch of an adapter (HttpStorage sends up to 64) while the next fills.
 */
export const MAX_SEGMENTS_IN_FLIGHT = 128;

/**
 * Gathers plaintext into one 64 KiB segment and stores each full one, encrypted, as a middle
 * segment; `close()` stores the rest (0 to 64 KiB - 1 bytes) as the final segment. A full segment
 * is never final, which is what lets the reader frame segments by length alone.
 *
 * Segments are handed to the storage without awaiting each other (the contract applies them in
 * call order), so an adapter can send several in one request; `write()` resolves once its full
 * segments are stored, and a caller that keeps several writes going gets them batched.
 */
export class SegmentingWriter implements VaultWriter {
  readonly id: string;
  readonly #storage: ArtifactWriter;
  readonly #cipher: SegmentCipher;
  readonly #segment = new Uint8Array(SEGMENT_BYTES);
  #filled = 0;
  #index = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** Segments handed to the storage and not settled yet; these never reject (a failure lands in #failure). */
  readonly #inFlight = new Set<Promise<void>>();
  #state: 'open' | 'closed' | 'aborted' = 'open';
  #failure: unknown;

  constructor(storage: ArtifactWriter, cipher: SegmentCipher) {
    this.id = storage.id;
    this.#storage = storage;
    this.#cipher = cipher;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!(bytes instanceof Uint8Array)) {
      return Promise.reject(new SealcallError('INVALID_ARGUMENT', `"bytes" expected Uint8Array, got ${typeof bytes}`));
    }
    const handedOver = this.#enqueue('write', async () => {
      const stored: Promise<void>[] = [];
      let offset = 0;
      while (offset < bytes.length) {
        const take = Math.min(SEGMENT_BYTES - this.#filled, bytes.length - offset);
        this.#segment.set(bytes.subarray(offset, offset + take), this.#filled);
        this.#filled += take;
        offset += take;
        if (this.#filled === SEGMENT_BYTES) stored.push((await this.#store(false)).stored);
      }
      return stored;
    });
    return handedOver
      .then((stored) => Promise.all(stored))
      .then(
        () => undefined,
        (error: unknown) => {
          throw this.#failure ?? error;
        },
      );
  }

  close(): Promise<ArtifactMetadata> {
    return this.#enqueue('close', async () => {
      await this.#store(true);
      await this.#settled();
      const metadata = await this.#storage.finish();
      this.#state = 'closed';
      return metadata;
    });
  }

  async abort(): Promise<void> {
    if (this.#state === 'aborted') return;
    if (this.#state === 'closed') throw this.#stateError('abort');
    this.#state = 'aborted';
    this.#segment.fill(0);
    await this.#queue.catch(() => undefined);
    await Promise.all(this.#inFlight);
    await this.#storage.abort();
  }

  /** Seals the segment and hands it to the storage, once fewer than the limit are in flight; `stored` settles with the storage. */
  async #store(final: boolean): Promise<{ stored: Promise<void> }> {
    while (this.#inFlight.size >= MAX_SEGMENTS_IN_FLIGHT) await Promise.race(this.#inFlight);
    if (this.#failure !== undefined) throw this.#failure;
    const ciphertext = await this.#cipher.seal(this.#index, final, this.#segment.subarray(0, this.#filled));
    const stored = this.#storage.writeChunk(this.#index, ciphertext);
    const settled: Promise<void> = stored
      .then(undefined, (error: unknown) => {
        this.#failure ??= error;
      })
      .finally(() => this.#inFlight.delete(settled));
    this.#inFlight.add(settled);
    this.#index++;
    this.#filled = 0;
    this.#segment.fill(0);
    return { stored };
  }

  /** Resolves once every segment handed over is stored; rejects with the first that failed. */
  async #settled(): Promise<void> {
    await Promise.all(this.#inFlight);
    if (this.#failure !== undefined) throw this.#failure;
  }

  #enqueue<T>(method: string, step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#state !== 'open') throw this.#stateError(method);
      return step().catch((error: unknown) => {
        this.#failure = error;
        throw error;
      });
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #stateError(method: string): SealcallError {
    return new SealcallError('INVALID_STATE', `${method}() on the writer of artifact "${this.id}", which is already ${this.#state}.`);
  }
}
