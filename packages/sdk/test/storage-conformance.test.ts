import { IndexedDBStorage } from '../src/storage/indexeddb-storage.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import { defineStorageConformance } from '../src/storage/conformance.js';

defineStorageConformance('MemoryStorage', () => new MemoryStorage(), { describe, it });

const indexedDB = new IndexedDBStorage({ name: `sealcall-conformance-${crypto.randomUUID()}` });
defineStorageConformance('IndexedDBStorage', () => indexedDB, { describe, it });
