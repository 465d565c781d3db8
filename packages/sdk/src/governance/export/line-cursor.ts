import { SealcallError } from '../../errors.js';
import type { ExportBundleLine } from '../content-lines.js';

/** The lines of an export bundle, one at a time, with one line of look-ahead put back. */
export class LineCursor {
  readonly #lines: AsyncGenerator<ExportBundleLine>;
  #back: ExportBundleLine | undefined;

  constructor(lines: AsyncGenerator<ExportBundleLine>) {
    this.#lines = lines;
  }

  async next(): Promise<ExportBundleLine | undefined> {
    const back = this.#back;
    if (back) {
      this.#back = undefined;
      return back;
    }
    const { done, value } = await this.#lines.next();
    return done ? undefined : value;
  }

  putBack(line: ExportBundleLine): void {
    this.#back = line;
  }

  async close(): Promise<void> {
    await this.#lines.return(undefined);
  }

  /** Artifact `id`'s chunks, in order, as a stream that ends at the first line that is not one. */
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
          if (line.artifactId !== id || line.index !== index) throw bundleError(`has chunk ${line.index} of "${line.artifactId}" where chunk ${index} of "${id}" belongs`);
          index++;
          controller.enqueue(line.bytes);
        },
      },
      { highWaterMark: 0 },
    );
  }
}

export function bundleError(what: string): SealcallError {
  return new SealcallError('GOVERNANCE_FAILED', `The export bundle ${what}; read it again.`);
}
