import type { DBSchema } from 'idb';
import { IdbConnection } from './idb-connection.js';
import { commit, requests } from './idb-transaction.js';

/** What a resume needs to know of an artifact whose chunks are in flight. */
export interface BufferedArtifact {
  readonly id: string;
  readonly callId: string;
  readonly subjectId: string;
  /** The artifact's expiry: no copy on the device outlives it. */
  readonly expiresAt: number;
}

interface UploadBufferSchema extends DBSchema {
  artifacts: { key: string; value: BufferedArtifact };
  chunks: { key: [string, number]; value: Uint8Array };
}

export interface UploadBufferOptions {
  /** The IndexedDB database. Default `sealcall-upload-buffer`. */
  name?: string;
}

const chunkRange = (id: string) => IDBKeyRange.bound([id, 0], [id, Infinity]);

/**
 * The device's crash buffer for uploads. HttpStorage (its `buffer` option) keeps each chunk here
 * from just before it sends it until the server acknowledges it, so that a closed tab, a crash or
 * a lost network loses nothing that `HttpStorage.resumeBuffered()` cannot send later. It holds
 * ciphertext only (ArtifactVault encrypts before it writes; with a RecipientKeyProvider this
 * device cannot decrypt it) and, for each artifact with chunks in flight, its id, call, subject
 * and expiry. Nothing stays once the server has confirmed it.
 */
export class UploadBuffer {
  readonly name: string;
  readonly #db: IdbConnection<UploadBufferSchema>;
  /** The locks this page holds on the artifacts it is writing, by id: release to let them go. */
  readonly #writing = new Map<string, () => void>();

  constructor(options: UploadBufferOptions = {}) {
    this.name = options.name ?? 'sealcall-upload-buffer';
    this.#db = new IdbConnection(this.name, (db) => {
      db.createObjectStore('artifacts', { keyPath: 'id' });
      db.createObjectStore('chunks');
    });
  }

  /** The artifacts that have chunks the server has not confirmed, or that were never finished. */
  async artifacts(): Promise<BufferedArtifact[]> {
    return this.#db.run((db) => db.getAll('artifacts'));
  }

  /**
   * @internal Before the artifact's first request: a resume must know its call and subject. Also
   * takes the artifact's Web Lock until `forget()`, so that no resume, in this page or another,
   * sends its chunks while its writer may still send them; a closed or crashed page lets it go.
   */
  async open(artifact: BufferedArtifact): Promise<void> {
    const { id, callId, subjectId, expiresAt } = artifact;
    await this.#lock(id);
    await this.#db.run((db) => db.put('artifacts', { id, callId, subjectId, expiresAt }));
  }

  /**
   * @internal Runs `step` holding the artifact's lock, if no writer holds it; resolves with
   * `busy` otherwise.
   */
  async whileIdle<T>(id: string, step: () => Promise<T>): Promise<T | 'busy'> {
    if (!navigator.locks) return step();
    return navigator.locks.request(lockName(this.name, id), { ifAvailable: true }, (lock) => (lock ? step() : 'busy'));
  }

  /** @internal Before chunk `index` is sent. */
  async hold(id: string, index: number, bytes: Uint8Array): Promise<void> {
    await this.#db.run((db) => db.put('chunks', bytes, [id, index]));
  }

  /** @internal Once the server has acknowledged chunk `index`. */
  async release(id: string, index: number): Promise<void> {
    await this.#db.run((db) => db.delete('chunks', [id, index]));
  }

  /** @internal The indexes of the chunks held for `id`, in order. */
  async held(id: string): Promise<number[]> {
    const keys = await this.#db.run((db) => db.getAllKeys('chunks', chunkRange(id)));
    return keys.map(([, index]) => index);
  }

  /** @internal */
  async chunk(id: string, index: number): Promise<Uint8Array | undefined> {
    return this.#db.run((db) => db.get('chunks', [id, index]));
  }

  /** @internal The artifact and its chunks, in one transaction: finished, deleted, or gone from the server. */
  async forget(id: string): Promise<void> {
    try {
      const db = await this.#db.open();
      const tx = db.transaction(['artifacts', 'chunks'], 'readwrite');
      await commit(tx, () =>
        requests(
          () => tx.objectStore('artifacts').delete(id),
          () => tx.objectStore('chunks').delete(chunkRange(id)),
        ),
      );
    } finally {
      this.#writing.get(id)?.();
      this.#writing.delete(id);
    }
  }

  async #lock(id: string): Promise<void> {
    if (!navigator.locks || this.#writing.has(id)) return;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((granted, refused) => {
      navigator.locks.request(lockName(this.name, id), () => (granted(), held)).catch(refused);
    });
    this.#writing.set(id, release);
  }
}

function lockName(database: string, id: string): string {
  return `${database}:${id}`;
}
