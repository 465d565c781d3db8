/** Runs tasks one at a time per key. */
export interface Lock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Resolves once every task started so far has finished. */
  idle(): Promise<void>;
}

/** Runs tasks one at a time per key, in the order they were started, in this process. */
export class KeyedLock implements Lock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Resolves once every task started so far has finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#tails.values()]);
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release = (): void => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
