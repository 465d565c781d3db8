import type { SealcallError } from '../errors.js';

/** A chunk line as `GovernanceClient` yields it: the ciphertext decoded into `bytes`. */
type ChunkLine = { readonly type: 'chunk'; readonly artifactId: string; readonly index: number; readonly bytes: Uint8Array };

/**
 * The lines of a streamed answer (an export bundle, an artifact's content), one at a time, with
 * one line of look-ahead put back. `refuse(what)` is the error for an answer that `what`.
 */
export class LineCursor<L extends { readonly type: string }> {
  readonly #lines: AsyncGenerator<L>;
  readonly refuse: (what: string) => SealcallError;
  #back: L | undefined;

  constructor(lines: AsyncGenerator<L>, refuse: (what: string) => SealcallError) {
    this.#lines = lines;
    this.refuse = refuse;
  }

  async next(): Promise<L | undefined> {
    const back = this.#back;
    if (back) {
      this.#back = undefined;
      return back;
    }
    const { done, value } = await this.#lines.next();
    return done ? undefined : value;
  }

  putBack(line: L): void {
    this.#back = line;
  }

  async close(): Promise<void> {
    await this.#lines.return(undefined);
  }

  /**
   * Artifact `id`'s chunks, in order, as a stream that ends at the first line that is not one
   * (put back for the caller). Cancelling it stops reading the answer.
   */
  chunksOf(id: string): ReadableStream<Uint8Array> {
    let index = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const line = await this.next();
          if (line?.type !== 'chunk') {
            if (line) this.putBack(line);
            return controller.close();
          }
          const chunk = line as unknown as ChunkLine;
          if (chunk.artifactId !== id || chunk.index !== index) throw this.refuse(`has chunk ${chunk.index} of "${chunk.artifactId}" where chunk ${index} of "${id}" belongs`);
          index++;
          controller.enqueue(chunk.bytes);
        },
        cancel: () => this.close(),
      },
      { highWaterMark: 0 },
    );
  }
}
