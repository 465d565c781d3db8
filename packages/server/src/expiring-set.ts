/** A set whose members are forgotten after their own expiry time (ms), so memory stays bounded. */
export class ExpiringSet<T> {
  readonly #expiries = new Map<T, number>();

  get size(): number {
    return this.#expiries.size;
  }

  add(value: T, expiresAt: number): void {
    this.#expiries.set(value, Math.max(expiresAt, this.#expiries.get(value) ?? 0));
  }

  has(value: T, now: number): boolean {
    const expiresAt = this.#expiries.get(value);
    return expiresAt !== undefined && expiresAt > now;
  }

  prune(now: number): void {
    for (const [value, expiresAt] of this.#expiries) {
      if (expiresAt <= now) this.#expiries.delete(value);
    }
  }

  clear(): void {
    this.#expiries.clear();
  }
}
