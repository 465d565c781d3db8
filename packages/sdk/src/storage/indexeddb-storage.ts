import type { DBSchema } from 'idb';
import { ChunkWriter, type ChunkWriterOps } from './artifact-writer.js';
import { notFound, storageError } from './errors.js';
import { WriterLocks } from './artifact-locks.js';
import { IdbConnection } from './idb-connection.js';
import { chunkRange, commit, requests } from './idb-transaction.js';
import { applyPatch } from './metadata.js';
import type { ArtifactMetadata, ArtifactMetadataPatch, ArtifactWriter, NewArtifact, StorageAdapter } from './types.js';
import { checkId, checkNewArtifact, checkPatch, checkTimeArgument } from './validate.js';

export interface IndexedDBStorageOptions {
  /** The database name. Default `sealcall-artifacts`. */
  name?: string;
}

/**
 * Version 1: `artifacts` holds metadata by id, indexed so that "all of call C", "all of subject
 * S" and "all that expired before T" are index queries; `chunks` holds content keyed
 * `[artifactId, index]`, so one artifact's chunks are one key range.
 */
export interface ArtifactDBSchema extends DBSchema {
  artifacts: {
    key: string;
    value: ArtifactMetadata;
    indexes: { callId: string; subjectId: string; expiresAt: number };
  };
  chunks: { key: [string, number]; value: Uint8Array };
}

export const DEFAULT_DATABASE_NAME = 'sealcall-artifacts';


/**
 * The default adapter: artifacts stay in this browser's IndexedDB (`region` and `location`
 * `device`). Every chunk is written in its own transaction together with the metadata that counts
 * it, so a quota error or a closed tab loses at most the chunk being written.
 */
export class IndexedDBStorage implements StorageAdapter {
  readonly region = 'device';
  readonly location = 'device';
  readonly name: string;
  readonly #db: IdbConnection<ArtifactDBSchema>;
  readonly #writing: WriterLocks;
  readonly #ops: ChunkWriterOps = {
    append: (id, index, bytes) => this.#append(id, index, bytes),
    finish: (id) => this.#finish(id),
    delete: (id) => this.delete(id),
  };

  constructor(options: IndexedDBStorageOptions = {}) {
    this.name = options.name ?? DEFAULT_DATABASE_NAME;
    this.#db = new IdbConnection(this.name, (db) => {
      const artifacts = db.createObjectStore('artifacts', { keyPath: 'id' });
      artifacts.createIndex('callId', 'callId');
      artifacts.createIndex('subjectId', 'subjectId');
      artifacts.createIndex('expiresAt', 'expiresAt');
      db.createObjectStore('chunks');
    });
    this.#writing = new WriterLocks(this.name);
  }

  /** The writer holds the artifact's Web Lock until it finishes or aborts: `sweepDeviceStorage` leaves it alone meanwhile. */
  async beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter> {
    checkNewArtifact(artifact);
    const db = await this.#db.open();
    await this.#writing.take(artifact.id);
    const tx = db.transaction('artifacts', 'readwrite');
    try {
      await commit(tx, async () => {
        if ((await tx.store.getKey(artifact.id)) !== undefined) {
          throw storageError('STORAGE_CONFLICT', `An artifact with id "${artifact.id}" exists already.`);
        }
        await tx.store.put({ ...artifact, size: 0, status: 'incomplete', chunkCount: 0 });
      });
    } catch (error) {
      this.#writing.release(artifact.id);
      throw error;
    }
    return new ChunkWriter(artifact.id, this.#ops);
  }

  /** @internal Runs `step` if no writer, in this page or another, holds artifact `id`; `busy` otherwise. */
  whileIdle<T>(id: string, step: () => Promise<T>): Promise<T | 'busy'> {
    return this.#writing.ifIdle(id, step);
  }

  async getMetadata(id: string): Promise<ArtifactMetadata> {
    checkId(id);
    const metadata = await this.#db.run((db) => db.get('artifacts', id));
    if (!metadata) throw notFound(id);
    return metadata;
  }

  async getContent(id: string): Promise<ReadableStream<Uint8Array>> {
    const { chunkCount } = await this.getMetadata(id);
    let index = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          if (index === chunkCount) return controller.close();
          const bytes = await this.#db.run((db) => db.get('chunks', [id, index]));
          if (!bytes) throw notFound(id);
          index++;
          controller.enqueue(bytes);
        },
      },
      { highWaterMark: 0 },
    );
  }

  async updateMetadata(id: string, patch: ArtifactMetadataPatch): Promise<ArtifactMetadata> {
    checkId(id);
    checkPatch(patch);
    const db = await this.#db.open();
    const tx = db.transaction('artifacts', 'readwrite');
    return commit(tx, async () => {
      const metadata = await tx.store.get(id);
      if (!metadata) throw notFound(id);
      const updated = applyPatch(metadata, patch);
      await tx.store.put(updated);
      return updated;
    });
  }

  listByCall(callId: string): Promise<ArtifactMetadata[]> {
    return this.#db.run((db) => db.getAllFromIndex('artifacts', 'callId', callId));
  }

  listBySubject(subjectId: string): Promise<ArtifactMetadata[]> {
    return this.#db.run((db) => db.getAllFromIndex('artifacts', 'subjectId', subjectId));
  }

  async listExpiredBefore(time: Date): Promise<ArtifactMetadata[]> {
    const limit = checkTimeArgument(time);
    return this.#db.run((db) => db.getAllFromIndex('artifacts', 'expiresAt', IDBKeyRange.upperBound(limit, true)));
  }

  /** @internal Every artifact's metadata, for the sweep. */
  listAll(): Promise<ArtifactMetadata[]> {
    return this.#db.run((db) => db.getAll('artifacts'));
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    const db = await this.#db.open();
    const tx = db.transaction(['artifacts', 'chunks'], 'readwrite');
    await commit(tx, async () => {
      await requests(
        () => tx.objectStore('artifacts').delete(id),
        () => tx.objectStore('chunks').delete(chunkRange(id)),
      );
    });
    this.#writing.release(id);
  }

  /** Closes the connection; the next call opens it again. */
  close(): void {
    this.#db.close();
  }

  async #append(id: string, index: number, bytes: Uint8Array): Promise<void> {
    const db = await this.#db.open();
    const tx = db.transaction(['artifacts', 'chunks'], 'readwrite');
    const artifacts = tx.objectStore('artifacts');
    await commit(tx, async () => {
      const metadata = await artifacts.get(id);
      if (!metadata) throw notFound(id);
      if (metadata.status === 'complete') throw storageError('STORAGE_CONFLICT', `Artifact "${id}" is complete; no chunk can be added.`);
      if (index !== metadata.chunkCount) {
        throw storageError('STORAGE_CONFLICT', `Artifact "${id}" expects chunk ${metadata.chunkCount} next, got chunk ${index}.`);
      }
      await requests(
        () => tx.objectStore('chunks').put(bytes, [id, index]),
        () => artifacts.put({ ...metadata, chunkCount: index + 1, size: metadata.size + bytes.length }),
      );
    });
  }

  async #finish(id: string): Promise<ArtifactMetadata> {
    const db = await this.#db.open();
    const tx = db.transaction('artifacts', 'readwrite');
    return commit(tx, async () => {
      const metadata = await tx.store.get(id);
      if (!metadata) throw notFound(id);
      if (metadata.status === 'complete') throw storageError('STORAGE_CONFLICT', `Artifact "${id}" is complete already.`);
      const finished: ArtifactMetadata = { ...metadata, status: 'complete' };
      await tx.store.put(finished);
      return finished;
    }).finally(() => this.#writing.release(id));
  }
}
