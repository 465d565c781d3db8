/**
 * A bounded set of recently seen keys, oldest forgotten first: which tokens have read which
 * artifact, so that a read is audited once per token rather than once per chunk. Forgetting (a
 * restart, or more than `capacity` readers) only means one more entry, never one fewer.
 */
export class RecentKeys {
  readonly #keys = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  add(key: string): void {
    this.#keys.delete(key);
    this.#keys.add(key);
    if (this.#keys.size > this.#capacity) this.#keys.delete(this.#keys.values().next().value as string);
  }
}
