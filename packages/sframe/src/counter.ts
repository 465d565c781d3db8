/**
 * Send counters: RFC 9605 §9.1 "each sender use the CTR field as a monotonic counter", one per
 * KID, kept for the life of the context so that a KID set again continues where it stopped and
 * a (KID, CTR) pair is never used twice (§4.3: "each (KID, CTR) combination is used for exactly
 * one SFrame encryption operation"). Internal.
 * @module
 */
import { MAX_U64 } from './check.js';
import { SFrameError } from './errors.js';

export class SendCounters {
  /** KID -> next CTR to use. A KID is here once it has been a send KID. */
  readonly #next: Map<bigint, bigint>;

  /** `start` seeds next counters, for tests and for contexts restored from storage (§9.1). */
  constructor(start: Iterable<readonly [bigint, bigint]> = []) {
    this.#next = new Map(start);
  }

  /** Marks `kid` as a send KID; its counter starts at 0 the first time and never goes back. */
  claim(kid: bigint): void {
    if (!this.#next.has(kid)) this.#next.set(kid, 0n);
  }

  has(kid: bigint): boolean {
    return this.#next.has(kid);
  }

  /**
   * Reserves the next CTR for `kid`, synchronously, so that overlapping encryptions get
   * distinct counters. After 2^64-1 the header cannot carry a larger CTR (§4.3: at most 8
   * bytes), so the KID is exhausted: a fresh KID (and base_key) is needed.
   */
  take(kid: bigint): bigint {
    const ctr = this.#next.get(kid) ?? 0n;
    if (ctr > MAX_U64) {
      throw new SFrameError(
        'SFRAME_COUNTER_EXHAUSTED',
        `send counter exhausted for KID ${kid}: all 2^64 CTR values were used; set a new send key with a new KID`,
      );
    }
    this.#next.set(kid, ctr + 1n);
    return ctr;
  }
}
