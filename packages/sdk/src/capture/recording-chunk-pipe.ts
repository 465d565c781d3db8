import type { VaultWriter } from '../at-rest/types.js';
import { SealcallError } from '../errors.js';

export interface ChunkPipeCallbacks {
  /** After each chunk the writer accepted: bytes and chunks so far. */
  readonly onWritten: (bytes: number, chunks: number) => void;
  /** Once, at the first chunk that could not be read or written. */
  readonly onFailed: (error: SealcallError) => void;
}

/**
 * Writes the recorder's chunks into the vault one after another, in the order they came. A
 * chunk's bytes are read from its Blob only when the chunks before it are written, so memory
 * holds the chunk being written and the Blobs still waiting, never the recording.
 *
 * After a failure the writer refuses everything (VaultWriter), so later chunks are dropped:
 * the failure has been reported, and what was stored before stays readable.
 */
export class ChunkPipe {
  readonly #writer: VaultWriter;
  readonly #callbacks: ChunkPipeCallbacks;
  #queue: Promise<void> = Promise.resolve();
  #failure: SealcallError | undefined;
  #cancelled = false;
  #bytes = 0;
  #chunks = 0;

  constructor(writer: VaultWriter, callbacks: ChunkPipeCallbacks) {
    this.#writer = writer;
    this.#callbacks = callbacks;
  }

  push(chunk: Blob): void {
    this.#queue = this.#queue.then(() => this.#write(chunk));
  }

  /**
   * Writes nothing more: the chunks waiting, and those pushed from now on, are dropped. The one
   * being written, if any, still completes.
   */
  cancel(): void {
    this.#cancelled = true;
  }

  /** Resolves once every chunk pushed so far is written or dropped; rejects with the failure if one failed. */
  async drained(): Promise<void> {
    await this.#queue;
    if (this.#failure) throw this.#failure;
  }

  async #write(chunk: Blob): Promise<void> {
    if (this.#failure || this.#cancelled) return;
    try {
      const bytes = await readChunk(chunk);
      await this.#writer.write(bytes);
      this.#bytes += bytes.length;
      this.#chunks++;
    } catch (error) {
      this.#failure =
        error instanceof SealcallError ? error : new SealcallError('STORAGE_FAILED', `Chunk ${this.#chunks} of recording "${this.#writer.id}" could not be stored.`, { cause: error });
      this.#callbacks.onFailed(this.#failure);
      return;
    }
    this.#callbacks.onWritten(this.#bytes, this.#chunks);
  }
}

async function readChunk(chunk: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await chunk.arrayBuffer());
  } catch (cause) {
    throw new SealcallError('CAPTURE_FAILED', 'A chunk of the recording could not be read from the browser\'s recorder.', { cause });
  }
}
