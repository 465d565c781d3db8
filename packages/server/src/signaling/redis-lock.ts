import { SealcallServerError } from '../errors.js';
import { KeyedLock, type Lock } from '../keyed-lock.js';
import { randomId } from '../tokens/jwt.js';
import { ScriptRunner } from './redis-script-runner.js';
import { UNLOCK } from './redis-scripts.js';
import type { RedisClient } from './redis-directory.js';

/** How long a lock is held at most if its node dies holding it. */
const LEASE_MS = 10_000;
/** How long a task waits for a lock held elsewhere before it fails. */
const WAIT_MS = 10_000;

/**
 * One task at a time per key across every node: in this process in order (KeyedLock), and then
 * by a Redis key set only if absent (SET NX PX), deleted by its holder (or expiring after
 * LEASE_MS, if its node died). The lobby's decisions take milliseconds.
 */
export class RedisLock implements Lock {
  readonly #local = new KeyedLock();
  readonly #client: RedisClient;
  readonly #scripts: ScriptRunner;
  readonly #prefix: string;

  constructor(client: RedisClient, prefix: string) {
    this.#client = client;
    this.#scripts = new ScriptRunner(client);
    this.#prefix = prefix;
  }

  idle(): Promise<void> {
    return this.#local.idle();
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.#local.run(key, async () => {
      const lock = this.#prefix + key;
      const holder = randomId();
      await this.#acquire(lock, holder);
      try {
        return await task();
      } finally {
        await this.#scripts.run(UNLOCK, [lock], [holder]);
      }
    });
  }

  async #acquire(lock: string, holder: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      if ((await this.#client.sendCommand<string | null>(['SET', lock, holder, 'NX', 'PX', String(LEASE_MS)])) === 'OK') return;
      if (Date.now() > deadline) throw new SealcallServerError('REDIS_UNAVAILABLE', `${lock} stayed locked by another node for ${WAIT_MS} ms; check that every node reaches Redis`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
