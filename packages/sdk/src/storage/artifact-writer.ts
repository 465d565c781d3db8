import { SealcallError } from '../errors.js';
import type { ArtifactMetadata, ArtifactWriter } from './types.js';
import { checkChunk, ownBytes } from './validate.js';

/** What an adapter does for its writers; `ChunkWriter` adds the checks and the states. */
export interface ChunkWriterOps {
  append(id: string, index: number, bytes: Uint8Array): Promise<void>;
  finish(id: string): Promise<ArtifactMetadata>;
  delete(id: string): Promise<void>;
}

export class ChunkWriter implements ArtifactWriter {
  readonly id: string;
  readonly #ops: ChunkWriterOps;
  #state: 'open' | 'finished' | 'aborted' = 'open';

  constructor(id: string, ops: ChunkWriterOps) {
    this.id = id;
    this.#ops = ops;
  }

  async writeChunk(index: number, bytes: Uint8Array): Promise<void> {
    this.#checkOpen('writeChunk');
    checkChunk(index, bytes);
    await this.#ops.append(this.id, index, ownBytes(bytes));
  }

  async finish(): Promise<ArtifactMetadata> {
    this.#checkOpen('finish');
    const metadata = await this.#ops.finish(this.id);
    this.#state = 'finished';
    return metadata;
  }

  async abort(): Promise<void> {
    if (this.#state === 'aborted') return;
    this.#checkOpen('abort');
    this.#state = 'aborted';
    await this.#ops.delete(this.id);
  }

  #checkOpen(method: string): void {
    if (this.#state !== 'open') {
      throw new SealcallError('INVALID_STATE', `${method}() on the writer of artifact "${this.id}", which is already ${this.#state}.`);
    }
  }
}
