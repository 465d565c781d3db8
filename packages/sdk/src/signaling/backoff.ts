export interface BackoffOptions {
  /** Upper bound of the first delay. Default 250 ms. */
  initialDelayMs?: number;
  /** Upper bound of any delay. Default 10 s. */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, initial * 2^attempt)],
 * so that clients dropped together by a server restart do not all return at the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? 250;
  const max = options.maxDelayMs ?? 10_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
