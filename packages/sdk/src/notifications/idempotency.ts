import type { SendResult } from './types.js';

/**
 * Remembers sends by idempotency key, in flight and done, so a repeat gets the first result.
 * Failed sends are forgotten: they may be retried. Bounded: the oldest keys go first.
 */
export class IdempotentSends {
  readonly #sends = new Map<string, Promise<SendResult>>();
  readonly #limit: number;

  constructor(limit = 1000) {
    this.#limit = limit;
  }

  run(key: string, send: () => Promise<SendResult>): Promise<SendResult> {
    const known = this.#sends.get(key);
    if (known) return known;
    const sending = send();
    this.#sends.set(key, sending);
    sending.catch(() => {
      if (this.#sends.get(key) === sending) this.#sends.delete(key);
    });
    while (this.#sends.size > this.#limit) this.#sends.delete(this.#sends.keys().next().value as string);
    return sending;
  }

  clear(): void {
    this.#sends.clear();
  }
}
