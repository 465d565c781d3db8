import type { HttpStorageOptions } from '../../src/storage/http-options.js';
import { HttpStorage } from '../../src/storage/http-storage.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import type { NewArtifact, StorageAdapter } from '../../src/storage/types.js';
import { DeviceOutbox } from '../../src/storage/device-outbox.js';

/**
 * Loaded in an iframe by device-outbox.test.ts and device-sweep.test.ts: begins artifacts from
 * inside the frame and never finishes them, so that removing the frame closes the page
 * mid-write, as closing a tab would (its IndexedDB connections and Web Locks go with it).
 */
export interface WriterFrame {
  /** Through HttpStorage with a DeviceOutbox. */
  upload(options: UploadOptions): Promise<string[]>;
  /** Into IndexedDBStorage. */
  store(options: StoreOptions): Promise<string[]>;
}

export interface UploadOptions extends Unfinished {
  readonly outboxName: string;
  readonly storage: Omit<HttpStorageOptions, 'outbox'>;
}

export interface StoreOptions extends Unfinished {
  readonly storageName: string;
}

interface Unfinished {
  readonly artifact: NewArtifact;
  /** Written in order; resolves with each write's error code, or `stored`. */
  readonly chunks: readonly Uint8Array[];
}

async function writeUnfinished(storage: StorageAdapter, { artifact, chunks }: Unfinished): Promise<string[]> {
  const writer = await storage.beginArtifact(artifact);
  const outcomes: string[] = [];
  for (const [index, bytes] of chunks.entries()) {
    // Copied into this frame's realm: a Uint8Array of the parent's is not `instanceof` one here.
    outcomes.push(await writer.writeChunk(index, new Uint8Array(bytes)).then(() => 'stored', (error: { code?: string }) => error.code ?? String(error)));
  }
  return outcomes;
}

const frame: WriterFrame = {
  upload: (options) => writeUnfinished(new HttpStorage({ ...options.storage, outbox: new DeviceOutbox({ name: options.outboxName }) }), options),
  store: (options) => writeUnfinished(new IndexedDBStorage({ name: options.storageName }), options),
};

Object.assign(window, { writerFrame: frame });
