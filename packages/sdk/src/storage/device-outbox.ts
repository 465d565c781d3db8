import type { DBSchema } from 'idb';
import { WriterLocks } from './artifact-locks.js';
import { IdbConnection } from './idb-connection.js';
import { chunkRange, commit, requests } from './idb-transaction.js';

/** What a flush needs to know of an artifact whose chunks are in flight. */
export interface OutboxArtifact {
  readonly id: string;
  readonly callId: string;
  readonly subjectId: string;
  /** The artifact's expiry: no copy on the device outlives it. */
  readonly expiresAt: number;
}

/** A delete the server has not confirmed yet. */
export interface PendingDelete {
  readonly id: string;
  /** When it was first asked for, by this device's clock. */
  readonly since: number;
}

interface DeviceOutboxSchema extends DBSchema {
  artifacts: { key: string; value: OutboxArtifact };
  chunks: { key: [string, number]; value: Uint8Array };
  deletes: { key: string; value: PendingDelete };
}

export interface DeviceOutboxOptions {
  /** The IndexedDB database. Default `sealcall-outbox`. */
  name?: string;
}

const entryOf = ({ id, callId, subjectId, expiresAt }: OutboxArtifact): OutboxArtifact => ({ id, callId, subjectId, expiresAt });

/**
 * What this device still owes a storage server, kept in IndexedDB so that a closed tab, a crash or
 * a lost network loses none of it: the chunks HttpStorage (its `outbox` option) has sent or is
 * about to send and the server has not acknowledged, and the deletes the server has not
 * confirmed. `HttpStorage.flushOutbox()` sends them later. The chunks are ciphertext (ArtifactVault
 * encrypts before it writes; with a RecipientKeyProvider this device cannot decrypt them); beside
 * them it keeps, per artifact in flight, its id, call, subject and expiry. Nothing stays once the
 * server has confirmed it.
 */
export class DeviceOutbox {
  readonly name: string;
  readonly #db: IdbConnection<DeviceOutboxSchema>;
  readonly #writing: WriterLocks;

  constructor(options: DeviceOutboxOptions = {}) {
    this.name = options.name ?? 'sealcall-outbox';
    this.#db = new IdbConnection(this.name, (db) => {
      db.createObjectStore('artifacts', { keyPath: 'id' });
      db.createObjectStore('chunks');
      db.createObjectStore('deletes', { keyPath: 'id' });
    });
    this.#writing = new WriterLocks(this.name);
  }

  /** The artifacts with chunks the server has not confirmed, or that were never finished. */
  async artifacts(): Promise<OutboxArtifact[]> {
    return this.#db.run((db) => db.getAll('artifacts'));
  }

  /** The deletes the server has not confirmed. */
  async deletes(): Promise<PendingDelete[]> {
    return this.#db.run((db) => db.getAll('deletes'));
  }

  /** @internal Before the artifact's first request: a flush must know its call and subject. */
  async open(artifact: OutboxArtifact): Promise<void> {
    await this.#db.run((db) => db.put('artifacts', entryOf(artifact)));
  }

  /**
   * @internal Runs `step` (a writer's request and what it keeps here) holding the artifact's Web
   * Lock, so that no flush, in this page or another, sends the artifact's chunks meanwhile.
   */
  whileSending<T>(id: string, step: () => Promise<T>): Promise<T> {
    return this.#writing.during(id, step);
  }

  /** @internal Runs `step` holding the artifact's lock if no writer is sending; `busy` otherwise. */
  whileIdle<T>(id: string, step: () => Promise<T>): Promise<T | 'busy'> {
    return this.#writing.ifIdle(id, step);
  }

  /** @internal Before chunk `index` is sent; with the artifact's entry, which a flush may have dropped meanwhile. */
  async hold(artifact: OutboxArtifact, index: number, bytes: Uint8Array): Promise<void> {
    const db = await this.#db.open();
    const tx = db.transaction(['artifacts', 'chunks'], 'readwrite');
    await commit(tx, () =>
      requests(
        () => tx.objectStore('artifacts').put(entryOf(artifact)),
        () => tx.objectStore('chunks').put(bytes, [artifact.id, index]),
      ),
    );
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

  /**
   * @internal Drops everything of the artifact, in one transaction: finished, deleted, or gone
   * from the server. With `pendingDelete`, records in the same transaction that the server still
   * has to delete it.
   */
  async forget(id: string, pendingDelete?: PendingDelete): Promise<void> {
    const db = await this.#db.open();
    const tx = db.transaction(['artifacts', 'chunks', 'deletes'], 'readwrite');
    await commit(tx, () =>
      requests(
        () => tx.objectStore('artifacts').delete(id),
        () => tx.objectStore('chunks').delete(chunkRange(id)),
        () => (pendingDelete ? tx.objectStore('deletes').put(pendingDelete) : tx.objectStore('deletes').delete(id)),
      ),
    );
  }
}
