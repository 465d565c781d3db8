import { SealcallError } from '../errors.js';
import type { ArtifactMetadata, ArtifactWriter } from '../storage/types.js';
import type { SegmentCipher } from './segment-cipher.js';
import { SEGMENT_BYTES } from './segment-format.js';
import type { VaultWriter } from './types.js';

/**
 * Gathers plaintext into one 64 KiB segment and stores each full one, encrypted, as a middle
 * segment; `close()` stores the rest (0 to 64 KiB - 1 bytes) as the final segment. A full segment
 * is never final, which is what lets the reader frame segments by length alone.
 */
export class SegmentingWriter implements VaultWriter {
  readonly id: string;
  readonly #storage: ArtifactWriter;
  readonly #cipher: SegmentCipher;
  readonly #segment = new Uint8Array(SEGMENT_BYTES);
  #filled = 0;
  #index = 0;
  #queue: Promise<unknown> = Promise.resolve();
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
    return this.#enqueue('write', async () => {
      let offset = 0;
      while (offset < bytes.length) {
        const take = Math.min(SEGMENT_BYTES - this.#filled, bytes.length - offset);
        this.#segment.set(bytes.subarray(offset, offset + take), this.#filled);
        this.#filled += take;
        offset += take;
        if (this.#filled === SEGMENT_BYTES) await this.#store(false);
      }
    });
  }

  close(): Promise<ArtifactMetadata> {
    return this.#enqueue('close', async () => {
      await this.#store(true);
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
    await this.#storage.abort();
  }

  async #store(final: boolean): Promise<void> {
    const ciphertext = await this.#cipher.seal(this.#index, final, this.#segment.subarray(0, this.#filled));
    await this.#storage.writeChunk(this.#index, ciphertext);
    this.#index++;
    this.#filled = 0;
    this.#segment.fill(0);
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
