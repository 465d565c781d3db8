/**
 * A heartbeat for the E2EE worker. A terminated or wedged worker raises no error: its frames
 * simply stop. So the page pings it, and a ping unanswered for `timeoutMs` declares it dead.
 */
export class WorkerWatchdog {
  readonly #ping: () => Promise<void>;
  readonly #timeoutMs: number;
  readonly #onDead: () => void;
  #timer: ReturnType<typeof setInterval> | undefined;
  #outstandingSince: number | undefined;

  constructor(ping: () => Promise<void>, timeoutMs: number, onDead: () => void) {
    this.#ping = ping;
    this.#timeoutMs = timeoutMs;
    this.#onDead = onDead;
    // Pings at most every 500 ms: a dead worker is found within timeoutMs and one interval.
    this.#timer = setInterval(() => this.#tick(), Math.max(50, Math.min(500, Math.floor(timeoutMs / 3))));
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const now = performance.now();
    if (this.#outstandingSince !== undefined) {
      if (now - this.#outstandingSince < this.#timeoutMs) return;
      this.stop();
      this.#onDead();
      return;
    }
    this.#outstandingSince = now;
    // A rejected ping means the worker is gone and its client has said so already.
    this.#ping().then(
      () => (this.#outstandingSince = undefined),
      () => this.stop(),
    );
  }
}
