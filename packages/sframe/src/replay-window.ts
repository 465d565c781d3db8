/**
 * Per-KID anti-replay for received frames: a sliding bitmap over CTR values, after RFC 3711
 * §3.3.2 as RFC 9605 §9.3 suggests ("a counter-based anti-replay mitigation, which could be
 * adapted to use with SFrame, using the CTR field as the counter"). Internal.
 * @module
 */

/** Why a counter is refused, or undefined when it may be accepted. */
export type ReplayVerdict = 'duplicate' | 'too-old' | undefined;

export class ReplayWindow {
  /** How many counters, ending at the highest accepted one, are tracked. */
  readonly size: number;
  /** Highest accepted CTR; -1 before the first. */
  #top = -1n;
  /** Bit i set: CTR `top - i` was accepted. Bits at or above `size` are always clear. */
  #seen = 0n;
  readonly #mask: bigint;

  constructor(size: number) {
    this.size = size;
    this.#mask = (1n << BigInt(size)) - 1n;
  }

  /** Whether `ctr` may be accepted. Call before decrypting to skip work on obvious replays. */
  check(ctr: bigint): ReplayVerdict {
    if (ctr > this.#top) return undefined;
    const age = this.#top - ctr;
    if (age >= BigInt(this.size)) return 'too-old';
    return (this.#seen >> age) & 1n ? 'duplicate' : undefined;
  }

  /**
   * Records `ctr` as accepted. Call only after the frame authenticated, so a forgery never
   * moves the window. Checks again first: a concurrent decrypt of the same frame may have won.
   */
  accept(ctr: bigint): ReplayVerdict {
    const verdict = this.check(ctr);
    if (verdict !== undefined) return verdict;
    if (ctr > this.#top) {
      const shift = ctr - this.#top;
      this.#seen = shift >= BigInt(this.size) ? 1n : ((this.#seen << shift) | 1n) & this.#mask;
      this.#top = ctr;
    } else {
      this.#seen |= 1n << (this.#top - ctr);
    }
    return undefined;
  }
}
