/**
 * Web Locks on artifacts being written, so that housekeeping in one page (a flush, a sweep)
 * leaves alone what a writer in another page, or this one, is writing. A page that closes or
 * crashes lets its locks go. Where the browser has no Web Locks, nothing is held or waited for.
 */

/** Takes the lock `name` and holds it until the returned function is called. */
async function holdLock(name: string): Promise<() => void> {
  if (!navigator.locks) return () => {};
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((granted, refused) => {
    navigator.locks.request(name, () => (granted(), held)).catch(refused);
  });
  return release;
}

/** Runs `step` holding the lock `name` if nobody holds it; resolves with `busy` otherwise. */
async function ifUnlocked<T>(name: string, step: () => Promise<T>): Promise<T | 'busy'> {
  if (!navigator.locks) return step();
  return navigator.locks.request(name, { ifAvailable: true }, (lock) => (lock ? step() : 'busy'));
}

/** The locks one adapter holds on the artifacts it writes, by id. */
export class WriterLocks {
  readonly #prefix: string;
  readonly #held = new Map<string, () => void>();

  /** `database`: the IndexedDB database the artifacts are kept in, which names their locks. */
  constructor(database: string) {
    this.#prefix = `${database}:`;
  }

  async take(id: string): Promise<void> {
    if (!this.#held.has(id)) this.#held.set(id, await holdLock(this.#prefix + id));
  }

  release(id: string): void {
    this.#held.get(id)?.();
    this.#held.delete(id);
  }

  /** Runs `step` if no writer holds artifact `id`; resolves with `busy` otherwise. */
  ifIdle<T>(id: string, step: () => Promise<T>): Promise<T | 'busy'> {
    return ifUnlocked(this.#prefix + id, step);
  }

  /** Runs `step` holding artifact `id`'s lock, once whoever holds it now lets it go. */
  async during<T>(id: string, step: () => Promise<T>): Promise<T> {
    if (!navigator.locks) return step();
    return await navigator.locks.request(this.#prefix + id, step);
  }
}
