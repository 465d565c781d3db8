import { MAX_CHUNK_BATCH, MAX_CHUNK_BATCH_BYTES } from '@sealcall/protocol';

export interface PendingChunk {
  readonly index: number;
  readonly bytes: Uint8Array;
}

interface Waiting extends PendingChunk {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Chunks written without awaiting each other, sent in batches: whatever waits when the previous
 * batch is done goes next, as long as the indices run on, up to MAX_CHUNK_BATCH chunks and
 * MAX_CHUNK_BATCH_BYTES. No timer: a chunk written alone goes alone, at once. `send` settles each
 * chunk of its batch, in order; a chunk's `add()` settles with it.
 */
export class ChunkBatches {
  readonly #schedule: (task: () => Promise<void>) => void;
  readonly #send: (batch: readonly PendingChunk[]) => Promise<readonly PromiseSettledResult<void>[]>;
  readonly #waiting: Waiting[] = [];
  #scheduled = false;

  /** `schedule` runs a task after those before it (the writer's queue, where its finish waits too). */
  constructor(schedule: (task: () => Promise<void>) => void, send: (batch: readonly PendingChunk[]) => Promise<readonly PromiseSettledResult<void>[]>) {
    this.#schedule = schedule;
    this.#send = send;
  }

  add(index: number, bytes: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ index, bytes, resolve, reject });
      this.#scheduleNext();
    });
  }

  #scheduleNext(): void {
    if (this.#scheduled || this.#waiting.length === 0) return;
    this.#scheduled = true;
    this.#schedule(() => this.#sendNext());
  }

  async #sendNext(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#take();
    this.#scheduleNext();
    let outcomes: readonly PromiseSettledResult<void>[];
    try {
      outcomes = await this.#send(batch);
    } catch (error) {
      outcomes = batch.map(() => ({ status: 'rejected', reason: error }));
    }
    for (const [i, chunk] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome?.status === 'fulfilled') chunk.resolve();
      else chunk.reject(outcome?.reason);
    }
  }

  /** The first waiting chunk and those whose indices follow it, within the limits. */
  #take(): Waiting[] {
    const first = this.#waiting[0] as Waiting;
    let count = 1;
    let bytes = first.bytes.length;
    for (; count < this.#waiting.length && count < MAX_CHUNK_BATCH; count++) {
      const next = this.#waiting[count] as Waiting;
      if (next.index !== first.index + count || bytes + next.bytes.length > MAX_CHUNK_BATCH_BYTES) break;
      bytes += next.bytes.length;
    }
    return this.#waiting.splice(0, count);
  }
}
