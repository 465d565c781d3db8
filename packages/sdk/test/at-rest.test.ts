import { expect } from '@esm-bundle/chai';
import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { deleteDB, openDB } from 'idb';
import sinon from 'sinon';
import { SealcallError } from '../src/errors.js';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../src/at-rest/device-key-provider.js';
import { ARTIFACT_ALGORITHM, SEGMENT_BYTES, SEGMENT_CIPHERTEXT_BYTES } from '../src/at-rest/segment-format.js';
import { MAX_SEGMENTS_IN_FLIGHT } from '../src/at-rest/vault-writer.js';
import type { ArtifactDraft, KeyProvider, KeyWrapContext } from '../src/at-rest/types.js';
import { fromBase64Url } from '../src/internal/bytes.js';
import { IndexedDBStorage } from '../src/storage/indexeddb-storage.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import type { StorageAdapter } from '../src/storage/types.js';
import { expectCode, storedChunks, streamBytes } from './helpers/expect.js';

const DAY = 24 * 60 * 60 * 1000;
const run = crypto.randomUUID();

function draft(fields: Partial<ArtifactDraft> = {}): ArtifactDraft {
  return {
    callId: `call-${crypto.randomUUID()}`,
    subjectId: 'subject-1',
    kind: 'recording',
    mimeType: 'video/webm',
    expiresAt: Date.now() + 30 * DAY,
    consentRef: 'consent-1',
    ...fields,
  };
}

/** Deterministic bytes, different per seed. */
function content(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out[i] = x & 0xff;
  }
  return out;
}

function flip(bytes: Uint8Array, index: number): void {
  bytes[index] = (bytes[index] as number) ^ 0x01;
}




/** Writes `bytes` in pieces of the given sizes (cycling), then closes. */
async function store(vault: ArtifactVault, bytes: Uint8Array, options: { pieces?: number[]; close?: boolean; meta?: Partial<ArtifactDraft>; keyProvider?: KeyProvider } = {}) {
  const writer = await vault.write({ meta: draft(options.meta), ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}) });
  const pieces = options.pieces ?? [bytes.length || 1];
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = pieces[i % pieces.length] as number;
    await writer.write(bytes.subarray(offset, offset + size));
    offset += size;
  }
  if (options.close !== false) await writer.close();
  return writer.id;
}

/** Rewrites an artifact through the storage API, the way someone with write access to the storage could. */
async function tamper(storage: StorageAdapter, id: string, edit: (chunks: Uint8Array[]) => Uint8Array[], options: { finish?: boolean } = {}) {
  const metadata = await storage.getMetadata(id);
  const chunks = edit(await storedChunks(storage, id));
  await storage.delete(id);
  const { size: _size, status, chunkCount: _count, ...rest } = metadata;
  const writer = await storage.beginArtifact(rest);
  for (const [index, chunk] of chunks.entries()) await writer.writeChunk(index, chunk);
  if (options.finish ?? status === 'complete') await writer.finish();
}

/** Hands the data key over as it is: lets the test recompute the ciphertext independently. */
class ClearKeyProvider implements KeyProvider {
  readonly id = 'test:clear';
  readonly keys = new Map<string, Uint8Array>();
  async wrap(dataKey: Uint8Array, context: KeyWrapContext): Promise<Uint8Array> {
    this.keys.set(context.artifactId, dataKey.slice());
    return dataKey.slice();
  }
  async unwrap(wrapped: Uint8Array): Promise<Uint8Array> {
    return wrapped.slice();
  }
}

const adapters: Array<[string, () => StorageAdapter]> = [
  ['MemoryStorage', () => new MemoryStorage()],
  ['IndexedDBStorage', () => new IndexedDBStorage({ name: `sealcall-at-rest-${run}` })],
];

for (const [name, makeStorage] of adapters) {
  describe(`ArtifactVault over ${name}`, () => {
    const storage = makeStorage();
    const keys = new DeviceKeyProvider({ databaseName: `sealcall-at-rest-keys-${run}` });
    const vault = new ArtifactVault({ storage, keyProviders: [keys] });

    it('round-trips any length written in any pieces', async () => {
      const cases: Array<[number, number[]]> = [
        [0, [1]],
        [1, [1]],
        [SEGMENT_BYTES - 1, [1000, 7]],
        [SEGMENT_BYTES, [SEGMENT_BYTES]],
        [SEGMENT_BYTES + 1, [3, 65_000, 11]],
        [3 * SEGMENT_BYTES + 12_345, [200_000]],
      ];
      for (const [length, pieces] of cases) {
        const plaintext = content(length, length);
        const id = await store(vault, plaintext, { pieces });
        const { stream, incomplete, metadata } = await vault.read(id);
        expect(incomplete).to.equal(false);
        expect(metadata.status).to.equal('complete');
        expect(await streamBytes(stream), `length ${length}`).to.deep.equal(plaintext);
      }
    });

    it('stores full segments in the middle and a shorter final one, with the header in the metadata', async () => {
      const id = await store(vault, content(2 * SEGMENT_BYTES + 100), { pieces: [10_000] });
      const chunks = await storedChunks(storage, id);
      expect(chunks.map((c) => c.length)).to.deep.equal([SEGMENT_CIPHERTEXT_BYTES, SEGMENT_CIPHERTEXT_BYTES, 100 + 16]);
      const { encryption, size, chunkCount } = await storage.getMetadata(id);
      expect(encryption.algorithm).to.equal(ARTIFACT_ALGORITHM);
      expect(encryption.keyProviderId).to.equal(keys.id);
      expect(fromBase64Url(encryption.noncePrefix)).to.have.length(7);
      expect([size, chunkCount]).to.deep.equal([2 * SEGMENT_CIPHERTEXT_BYTES + 116, 3]);
    });

    describe('detects tampering with ARTIFACT_CORRUPT', () => {
      const plaintext = content(3 * SEGMENT_BYTES + 500, 42);
      const corrupt = async (id: string) => expectCode(async () => streamBytes((await vault.read(id)).stream), 'ARTIFACT_CORRUPT');

      it('a flipped byte in any segment', async () => {
        for (const segment of [0, 1, 3]) {
          const id = await store(vault, plaintext);
          await tamper(storage, id, (chunks) => {
            const chunk = chunks[segment] as Uint8Array;
            flip(chunk, Math.floor(chunk.length / 2));
            return chunks;
          });
          const error = await corrupt(id);
          expect(error.message).to.contain(`segment ${segment}`);
        }
      });

      it('the last segment dropped, or the last few, or all', async () => {
        for (const keep of [3, 2, 0]) {
          const id = await store(vault, plaintext);
          await tamper(storage, id, (chunks) => chunks.slice(0, keep));
          await corrupt(id);
        }
      });

      it('truncation mid-segment, and bytes appended after the end', async () => {
        const cut = await store(vault, plaintext);
        await tamper(storage, cut, (chunks) => [...chunks.slice(0, 2), (chunks[2] as Uint8Array).subarray(0, 1000)]);
        await corrupt(cut);
        const appended = await store(vault, plaintext);
        await tamper(storage, appended, (chunks) => [...chunks, Uint8Array.of(1, 2, 3)]);
        await corrupt(appended);
      });

      it('a middle segment dropped, and two segments swapped', async () => {
        const dropped = await store(vault, plaintext);
        await tamper(storage, dropped, (chunks) => [chunks[0], chunks[2], chunks[3]] as Uint8Array[]);
        await corrupt(dropped);
        const swapped = await store(vault, plaintext);
        await tamper(storage, swapped, (chunks) => [chunks[1], chunks[0], chunks[2], chunks[3]] as Uint8Array[]);
        await corrupt(swapped);
      });

      it("a segment replaced by another artifact's segment at the same index", async () => {
        const a = await store(vault, plaintext);
        const b = await store(vault, plaintext);
        const fromB = await storedChunks(storage, b);
        await tamper(storage, a, (chunks) => chunks.map((c, i) => (i === 1 ? (fromB[1] as Uint8Array) : c)));
        await corrupt(a);
      });

      it("another artifact's content and key header moved under this id", async () => {
        const a = await store(vault, plaintext);
        const b = await store(vault, content(1000, 9));
        const { encryption } = await storage.getMetadata(b);
        const bChunks = await storedChunks(storage, b);
        await storage.delete(a);
        const moved = await storage.beginArtifact({ ...draft(), id: a, createdAt: Date.now(), encryption });
        for (const [i, chunk] of bChunks.entries()) await moved.writeChunk(i, chunk);
        await moved.finish();
        expect(await streamBytes((await vault.read(b)).stream)).to.deep.equal(content(1000, 9));
        await expectCode(() => vault.read(a), 'ARTIFACT_CORRUPT');
      });

      it('a nonce prefix or algorithm changed in the metadata', async () => {
        const id = await store(vault, plaintext);
        const { encryption } = await storage.getMetadata(id);
        await storage.updateMetadata(id, { encryption: { ...encryption, noncePrefix: 'AAAAAAAAAA' } });
        await corrupt(id);
        await storage.updateMetadata(id, { encryption: { ...encryption, algorithm: 'rot13' } });
        await expectCode(() => vault.read(id), 'ARTIFACT_CORRUPT');
      });

      it('never passes off a truncated artifact as complete, even when its status is rolled back to incomplete', async () => {
        const id = await store(vault, plaintext);
        await tamper(storage, id, (chunks) => chunks.slice(0, 2), { finish: false });
        await expectCode(() => vault.read(id), 'ARTIFACT_INCOMPLETE');
        const read = await vault.read(id, { allowIncomplete: true });
        expect(read.incomplete).to.equal(true);
        expect(await streamBytes(read.stream)).to.deep.equal(plaintext.subarray(0, 2 * SEGMENT_BYTES));
      });
    });

    it('reads an interrupted write only with allowIncomplete, up to its last segment, marked incomplete', async () => {
      const plaintext = content(3 * SEGMENT_BYTES + 777, 5);
      const id = await store(vault, plaintext, { pieces: [50_000], close: false });
      await expectCode(() => vault.read(id), 'ARTIFACT_INCOMPLETE');
      const { stream, incomplete, metadata } = await vault.read(id, { allowIncomplete: true });
      expect(incomplete).to.equal(true);
      expect(metadata.status).to.equal('incomplete');
      expect(await streamBytes(stream)).to.deep.equal(plaintext.subarray(0, 3 * SEGMENT_BYTES));
    });

    it('reads a write interrupted after its final segment was stored, still marked incomplete', async () => {
      const plaintext = content(SEGMENT_BYTES + 10, 6);
      const id = await store(vault, plaintext);
      await tamper(storage, id, (chunks) => chunks, { finish: false });
      await expectCode(() => vault.read(id), 'ARTIFACT_INCOMPLETE');
      const read = await vault.read(id, { allowIncomplete: true });
      expect(read.incomplete).to.equal(true);
      expect(await streamBytes(read.stream)).to.deep.equal(plaintext);
    });

    it('crypto-shredding: a destroyed artifact key reads as ARTIFACT_KEY_DESTROYED; erase() deletes, idempotently', async () => {
      const id = await store(vault, content(1000));
      await vault.destroyArtifactKey(id);
      await vault.destroyArtifactKey(id);
      expect((await storage.getMetadata(id)).encryption.wrappedKey).to.equal(null);
      await expectCode(() => vault.read(id), 'ARTIFACT_KEY_DESTROYED');
      const other = await store(vault, content(1000));
      await vault.erase(other);
      await vault.erase(other);
      await expectCode(() => storage.getMetadata(other), 'STORAGE_NOT_FOUND');
      await expectCode(() => vault.read(other), 'STORAGE_NOT_FOUND');
    });

    it('refuses an artifact whose key provider it was not given with ARTIFACT_KEY_UNAVAILABLE', async () => {
      const id = await store(vault, content(10), { keyProvider: new ClearKeyProvider() });
      await expectCode(() => vault.read(id), 'ARTIFACT_KEY_UNAVAILABLE');
    });

    it('stays typed after a writer failed: later calls reject with the same error, abort() cleans up', async () => {
      const writer = await vault.write({ meta: draft() });
      await writer.write(content(SEGMENT_BYTES + 1));
      await storage.delete(writer.id);
      await expectCode(() => writer.write(content(SEGMENT_BYTES)), 'STORAGE_NOT_FOUND');
      await expectCode(() => writer.close(), 'STORAGE_NOT_FOUND');
      await writer.abort();
      await expectCode(() => writer.write(content(1)), 'STORAGE_NOT_FOUND');
    });

    it('refuses to use a closed writer with INVALID_STATE, and non-bytes with INVALID_ARGUMENT', async () => {
      const writer = await vault.write({ meta: draft() });
      await expectCode(() => writer.write('text' as unknown as Uint8Array), 'INVALID_ARGUMENT');
      await writer.close();
      await expectCode(() => writer.write(content(1)), 'INVALID_STATE');
      await expectCode(() => writer.close(), 'INVALID_STATE');
      await expectCode(() => writer.abort(), 'INVALID_STATE');
    });

    it('abort() deletes the artifact', async () => {
      const writer = await vault.write({ meta: draft() });
      await writer.write(content(2 * SEGMENT_BYTES));
      await writer.abort();
      await expectCode(() => vault.read(writer.id, { allowIncomplete: true }), 'STORAGE_NOT_FOUND');
    });
  });
}

describe('Segment format, checked against an independent implementation (noble AES-GCM)', () => {
  const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

  it('stores exactly the documented ciphertext, and reads what noble encrypts', async () => {
    const storage = new MemoryStorage();
    const keys = new ClearKeyProvider();
    const vault = new ArtifactVault({ storage, keyProviders: [keys] });
    const plaintext = content(2 * SEGMENT_BYTES + 333, 77);
    const id = await store(vault, plaintext, { pieces: [9999] });
    const dataKey = keys.keys.get(id) as Uint8Array;
    const prefix = fromBase64Url((await storage.getMetadata(id)).encryption.noncePrefix) as Uint8Array;
    const idBytes = utf8(id);
    // docs/storage.md: key = HKDF-SHA256(data key, no salt, label || len(id) || id, 32)
    const key = hkdf(sha256, dataKey, undefined, cat(utf8('sealcall/at-rest/v1/segment-key'), u32(idBytes.length), idBytes), 32);
    const segment = (index: number, final: boolean) => {
      const flag = Uint8Array.of(final ? 1 : 0);
      return gcm(key, cat(prefix, u32(index), flag), cat(utf8('sealcall/at-rest/v1/segment'), u32(idBytes.length), idBytes, u32(index), flag));
    };
    const expected = [
      segment(0, false).encrypt(plaintext.subarray(0, SEGMENT_BYTES)),
      segment(1, false).encrypt(plaintext.subarray(SEGMENT_BYTES, 2 * SEGMENT_BYTES)),
      segment(2, true).encrypt(plaintext.subarray(2 * SEGMENT_BYTES)),
    ];
    expect(await storedChunks(storage, id)).to.deep.equal(expected);

    // And the other way: content made by the reference decrypts through the vault.
    const other = content(SEGMENT_BYTES + 1, 78);
    await tamper(storage, id, () => [segment(0, false).encrypt(other.subarray(0, SEGMENT_BYTES)), segment(1, true).encrypt(other.subarray(SEGMENT_BYTES))]);
    expect(await streamBytes((await vault.read(id)).stream)).to.deep.equal(other);
  });
});

describe('ArtifactVault streams without holding the artifact', () => {
  /** Counts what the vault asks of the storage. */
  class CountingStorage extends MemoryStorage {
    pulled = 0;
    written: number[] = [];
    override async beginArtifact(...args: Parameters<MemoryStorage['beginArtifact']>) {
      const writer = await super.beginArtifact(...args);
      const written = this.written;
      return {
        id: writer.id,
        writeChunk: (index: number, bytes: Uint8Array) => {
          written.push(bytes.length);
          return writer.writeChunk(index, bytes);
        },
        finish: () => writer.finish(),
        abort: () => writer.abort(),
      };
    }
    override async getContent(id: string) {
      const source = (await super.getContent(id)).getReader();
      return new ReadableStream<Uint8Array>(
        {
          pull: async (controller) => {
            const { done, value } = await source.read();
            if (done) return controller.close();
            this.pulled++;
            controller.enqueue(value);
          },
        },
        { highWaterMark: 0 },
      );
    }
  }

  it('stores each segment as soon as it is full, and fetches one segment per plaintext chunk read', async () => {
    const storage = new CountingStorage();
    const vault = new ArtifactVault({ storage, keyProviders: [new ClearKeyProvider()] });
    const writer = await vault.write({ meta: draft() });
    await writer.write(content(10 * SEGMENT_BYTES + 5));
    expect(storage.written).to.deep.equal(new Array(10).fill(SEGMENT_CIPHERTEXT_BYTES));
    await writer.close();
    const reader = (await vault.read(writer.id)).stream.getReader();
    const first = await reader.read();
    expect(first.value).to.have.length(SEGMENT_BYTES);
    expect(storage.pulled).to.equal(1);
    await reader.read();
    expect(storage.pulled).to.equal(2);
    await reader.cancel();
  });

  it('hands segments over without awaiting each, at most MAX_SEGMENTS_IN_FLIGHT at a time, and a write resolves once its own are stored', async () => {
    /** A storage that stores each chunk at once, in call order, but answers only when the test says so. */
    class HeldStorage extends MemoryStorage {
      readonly held: { index: number; release: (error?: Error) => void }[] = [];
      override async beginArtifact(...args: Parameters<MemoryStorage['beginArtifact']>) {
        const writer = await super.beginArtifact(...args);
        return {
          id: writer.id,
          writeChunk: (index: number, bytes: Uint8Array) => {
            const stored = writer.writeChunk(index, bytes);
            return new Promise<void>((resolve, reject) => this.held.push({ index, release: (error) => (error ? reject(error) : resolve(stored)) }));
          },
          finish: () => writer.finish(),
          abort: () => writer.abort(),
        };
      }
    }
    const storage = new HeldStorage();
    const vault = new ArtifactVault({ storage, keyProviders: [new ClearKeyProvider()] });
    const writer = await vault.write({ meta: draft() });
    let firstStored = false;
    const first = writer.write(content(2 * SEGMENT_BYTES)).then(() => (firstStored = true));
    const second = writer.write(content((MAX_SEGMENTS_IN_FLIGHT + 6) * SEGMENT_BYTES));
    const handedOver = async (count: number) => {
      for (let i = 0; i < 100 && storage.held.length < count; i++) await new Promise((resolve) => setTimeout(resolve));
      expect(storage.held.map((h) => h.index)).to.deep.equal([...Array(count).keys()]);
    };
    await handedOver(MAX_SEGMENTS_IN_FLIGHT);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(storage.held, 'none more before one is stored').to.have.length(MAX_SEGMENTS_IN_FLIGHT);
    storage.held[1]!.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(firstStored, 'its segment 0 is not stored yet').to.equal(false);
    storage.held[0]!.release();
    await first;
    await handedOver(MAX_SEGMENTS_IN_FLIGHT + 2);
    storage.held[2]!.release(new SealcallError('STORAGE_FAILED', 'injected'));
    for (const held of storage.held.slice(3)) held.release();
    await expectCode(() => second, 'STORAGE_FAILED');
    await expectCode(() => writer.close(), 'STORAGE_FAILED');
  });
});

describe('ArtifactVault over IndexedDBStorage, looked at from below', () => {
  const name = `sealcall-at-rest-raw-${run}`;
  const keys = new DeviceKeyProvider({ databaseName: `sealcall-at-rest-raw-keys-${run}` });
  let storage: IndexedDBStorage;
  let vault: ArtifactVault;

  beforeEach(() => {
    storage = new IndexedDBStorage({ name });
    vault = new ArtifactVault({ storage, keyProviders: [keys] });
  });
  afterEach(() => sinon.restore());
  after(async () => {
    storage.close();
    keys.close();
    await deleteDB(name);
  });

  async function rawChunks(): Promise<Array<{ key: IDBValidKey; value: Uint8Array }>> {
    const db = await openDB(name);
    try {
      const tx = db.transaction('chunks');
      const [keysList, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keysList.map((key, i) => ({ key, value: values[i] as Uint8Array }));
    } finally {
      db.close();
    }
  }

  it('stores ciphertext only: no window of the plaintext appears in any chunk or metadata', async () => {
    const marker = new TextEncoder().encode('SEALCALL PLAINTEXT MARKER: damaged bumper, plate AB-123-CD. ');
    const plaintext = new Uint8Array(3 * SEGMENT_BYTES + 1000);
    for (let i = 0; i < plaintext.length; i++) plaintext[i] = marker[i % marker.length] as number;
    const id = await store(vault, plaintext, { pieces: [4096] });
    expect(await streamBytes((await vault.read(id)).stream)).to.deep.equal(plaintext);

    const WINDOW = 8;
    const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    const windows = new Set<string>();
    const doubled = latin1(marker) + latin1(marker);
    for (let i = 0; i < marker.length; i++) windows.add(doubled.slice(i, i + WINDOW));
    const chunks = (await rawChunks()).filter(({ key }) => (key as [string, number])[0] === id);
    expect(chunks).to.have.length(4);
    for (const { value } of chunks) {
      const text = latin1(value);
      for (let i = 0; i + WINDOW <= text.length; i++) expect(windows.has(text.slice(i, i + WINDOW)), `plaintext at offset ${i}`).to.equal(false);
    }
    const metadata = JSON.stringify(await storage.getMetadata(id));
    for (const window of windows) expect(metadata).to.not.contain(window);
  });

  it('detects a byte flipped directly in the database', async () => {
    const id = await store(vault, content(2 * SEGMENT_BYTES + 10, 3));
    const db = await openDB(name);
    const chunk = (await db.get('chunks', [id, 1])) as Uint8Array;
    flip(chunk, 100);
    await db.put('chunks', chunk, [id, 1]);
    db.close();
    await expectCode(async () => streamBytes((await vault.read(id)).stream), 'ARTIFACT_CORRUPT');
  });

  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  /** Fails the nth put into the chunks store, as `how` says; every other put goes through. */
  function failNthChunkPut(n: number, how: 'request' | 'transaction-abort'): void {
    const realPut = IDBObjectStore.prototype.put;
    const aborted = new WeakSet<IDBTransaction>();
    const realError = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'error')?.get as () => DOMException | null;
    sinon.stub(IDBTransaction.prototype, 'error').get(function (this: IDBTransaction) {
      return aborted.has(this) ? quotaError() : realError.call(this);
    });
    let count = 0;
    sinon.stub(IDBObjectStore.prototype, 'put').callsFake(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'chunks' && ++count === n) {
        if (how === 'request') throw quotaError();
        // The request succeeds; the commit fails, as when the browser runs out of space on commit.
        const request = realPut.call(this, value, key);
        const tx = this.transaction;
        request.addEventListener('success', () => {
          aborted.add(tx);
          tx.abort();
        });
        return request;
      }
      return realPut.call(this, value, key);
    });
  }

  for (const how of ['request', 'transaction-abort'] as const) {
    it(`turns a quota error mid-artifact (${how}) into STORAGE_QUOTA_EXCEEDED and keeps everything stored before`, async () => {
      const before = content(SEGMENT_BYTES + 50, 11);
      const other = await store(vault, before);
      const plaintext = content(5 * SEGMENT_BYTES, 12);
      const writer = await vault.write({ meta: draft() });
      await writer.write(plaintext.subarray(0, 2 * SEGMENT_BYTES));
      failNthChunkPut(2, how);
      const error = await expectCode(() => writer.write(plaintext.subarray(2 * SEGMENT_BYTES)), 'STORAGE_QUOTA_EXCEEDED');
      expect((error.cause as DOMException).name).to.equal('QuotaExceededError');
      sinon.restore();
      await expectCode(() => writer.write(content(1)), 'STORAGE_QUOTA_EXCEEDED');
      await expectCode(() => writer.close(), 'STORAGE_QUOTA_EXCEEDED');

      const metadata = await storage.getMetadata(writer.id);
      expect([metadata.status, metadata.chunkCount, metadata.size]).to.deep.equal(['incomplete', 3, 3 * SEGMENT_CIPHERTEXT_BYTES]);
      const read = await vault.read(writer.id, { allowIncomplete: true });
      expect(read.incomplete).to.equal(true);
      expect(await streamBytes(read.stream)).to.deep.equal(plaintext.subarray(0, 3 * SEGMENT_BYTES));
      expect(await streamBytes((await vault.read(other)).stream)).to.deep.equal(before);
      expect((await rawChunks()).filter(({ key }) => (key as [string, number])[0] === writer.id)).to.have.length(3);
      await writer.abort();
      await expectCode(() => storage.getMetadata(writer.id), 'STORAGE_NOT_FOUND');
    });
  }

  it('lets a storage writer retry a chunk refused for quota, once space is back', async () => {
    const writer = await storage.beginArtifact({ ...draft(), id: crypto.randomUUID(), createdAt: Date.now(), encryption: { algorithm: 'x', keyProviderId: 'x', wrappedKey: null, noncePrefix: '' } });
    await writer.writeChunk(0, content(100, 1));
    failNthChunkPut(1, 'request');
    await expectCode(() => writer.writeChunk(1, content(100, 2)), 'STORAGE_QUOTA_EXCEEDED');
    sinon.restore();
    expect((await storage.getMetadata(writer.id)).chunkCount).to.equal(1);
    await writer.writeChunk(1, content(100, 2));
    const finished = await writer.finish();
    expect([finished.chunkCount, finished.size]).to.deep.equal([2, 200]);
  });
});

describe('ArtifactVault with MemoryStorage quota', () => {
  it('stops at the quota with STORAGE_QUOTA_EXCEEDED; the prefix and other artifacts stay readable', async () => {
    const storage = new MemoryStorage({ quotaBytes: 4 * SEGMENT_CIPHERTEXT_BYTES });
    const vault = new ArtifactVault({ storage, keyProviders: [new ClearKeyProvider()] });
    const small = content(1000, 1);
    const other = await store(vault, small);
    const plaintext = content(6 * SEGMENT_BYTES, 2);
    const writer = await vault.write({ meta: draft() });
    await expectCode(() => writer.write(plaintext), 'STORAGE_QUOTA_EXCEEDED');
    const read = await vault.read(writer.id, { allowIncomplete: true });
    expect(await streamBytes(read.stream)).to.deep.equal(plaintext.subarray(0, 3 * SEGMENT_BYTES));
    expect(await streamBytes((await vault.read(other)).stream)).to.deep.equal(small);
  });
});

describe('ArtifactVault construction', () => {
  it('refuses storage its policy forbids with STORAGE_REGION_REFUSED', () => {
    const us = new MemoryStorage({ region: 'us-east', location: 'vendor' });
    expect(() => new ArtifactVault({ storage: us, keyProviders: [new ClearKeyProvider()], policy: { euOnly: true } }))
      .to.throw(SealcallError)
      .with.property('code', 'STORAGE_REGION_REFUSED');
    const eu = new MemoryStorage({ region: 'eu-central', location: 'vendor' });
    expect(new ArtifactVault({ storage: eu, keyProviders: [new ClearKeyProvider()], policy: { euOnly: true } }).storage).to.equal(eu);
  });

  it('defaults to IndexedDBStorage and a DeviceKeyProvider', () => {
    const vault = new ArtifactVault();
    expect(vault.storage).to.be.instanceOf(IndexedDBStorage);
    expect([vault.storage.region, vault.storage.location]).to.deep.equal(['device', 'device']);
  });

  it('sets createdAt from its clock and keeps a given id', async () => {
    const vault = new ArtifactVault({ storage: new MemoryStorage(), keyProviders: [new ClearKeyProvider()], now: () => 1_700_000_000_000 });
    const writer = await vault.write({ meta: draft({ id: 'picture-1', expiresAt: 1_800_000_000_000 }) });
    const metadata = await writer.close();
    expect([metadata.id, metadata.createdAt]).to.deep.equal(['picture-1', 1_700_000_000_000]);
    await expectCode(() => vault.write({ meta: draft({ id: 'picture-1', expiresAt: 1_800_000_000_000 }) }), 'STORAGE_CONFLICT');
  });
});
