export interface RateLimit {
  readonly messagesPerSecond: number;
  readonly burst: number;
}

/**
 * A token bucket: starts full with `burst` tokens and refills at `messagesPerSecond`.
 * Returns a function that takes one token, or returns `false` when the bucket is empty.
 */
export function tokenBucket(limit: RateLimit, now: () => number): () => boolean {
  let tokens = limit.burst;
  let last = now();
  return () => {
    const t = now();
    // A wall clock may step backwards; never let that drain the bucket.
    tokens = Math.min(limit.burst, tokens + (Math.max(0, t - last) / 1000) * limit.messagesPerSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
