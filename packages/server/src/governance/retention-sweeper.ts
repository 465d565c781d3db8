import type { Log } from '../logger.js';
import type { ArtifactStore } from '../storage/artifact-store.js';

export interface RetentionSweeperOptions {
  /** The artifact storage, if the server has one. */
  readonly store: ArtifactStore | undefined;
  /** Prunes the audit logs to their tenants' policies; answers how many entries went (audit-retention.ts). */
  readonly pruneAudit: (now: number) => Promise<number>;
  /** Between the end of one sweep and the start of the next. */
  readonly intervalMs: number;
  readonly now: () => number;
  readonly log: Log;
}

/** Artifacts erased per transaction: each holds their rows and the tenants' audit heads. */
const BATCH = 100;
/** A sweep stops after this many batches and goes on at the next interval. */
const MAX_BATCHES = 100;

/**
 * Erases what is past its retention, artifacts and audit entries: at start, then every
 * `intervalMs`. Idempotent, and safe on several processes over one database: each batch locks
 * the rows it erases and skips those another process holds (ArtifactStore.purgeExpired), and a
 * tenant's audit log is pruned under its head's lock.
 */
export class RetentionSweeper {
  readonly #o: RetentionSweeperOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;

  constructor(options: RetentionSweeperOptions) {
    this.#o = options;
  }

  /** Sweeps once now, then on the interval. */
  start(): Promise<number> {
    return this.#run();
  }

  /**
   * Erases every artifact past its expiry by the server's clock, a batch at a time, and prunes the
   * audit logs; returns how many artifacts it erased. A sweep already under way is joined, not doubled.
   */
  sweep(): Promise<number> {
    this.#running ??= this.#sweep().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Stops the interval and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  async #run(): Promise<number> {
    try {
      return await this.sweep();
    } catch (error) {
      this.#o.log('error', 'retention-failed', { code: error instanceof Error ? error.name : typeof error });
      return 0;
    } finally {
      if (!this.#stopped) this.#timer = setTimeout(() => void this.#run(), this.#o.intervalMs).unref();
    }
  }

  async #sweep(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES && this.#o.store !== undefined && !this.#stopped; batch++) {
      const purged = await this.#o.store.purgeExpired(this.#o.now(), BATCH);
      total += purged;
      if (purged < BATCH) break;
    }
    const auditEntries = this.#stopped ? 0 : await this.#o.pruneAudit(this.#o.now());
    if (total > 0 || auditEntries > 0) this.#o.log('info', 'retention', { count: total, auditEntries });
    return total;
  }
}
