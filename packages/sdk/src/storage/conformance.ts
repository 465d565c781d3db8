import type { TestFunctions } from '../signaling/conformance.js';
import type { ArtifactMetadata, NewArtifact, StorageAdapter } from './types.js';
import { conformanceAsserts, sameJson } from '../internal/conformance-assert.js';

const { check, rejects } = conformanceAsserts('Storage');

/** Makes the adapter under test. It may be shared between tests: each test uses fresh ids. */
export type StorageFactory = () => StorageAdapter | Promise<StorageAdapter>;

export interface StorageConformanceOptions {
  /**
   * The adapter is a store of record, such as the reference server: it sets `createdAt` from its
   * own clock, whatever it was given, and may keep an artifact for less time than `expiresAt`
   * asks (never for more). Default false: metadata are stored exactly as given.
   */
  readonly storeOfRecord?: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** How far the clocks of the test and of a store of record on the same machine may be apart. */
const CLOCK_TOLERANCE_MS = 1000;

/**
 * Registers the StorageAdapter contract as tests. Run it against your own adapter:
 *
 *   defineStorageConformance('MyStorage', () => new MyStorage(options), { describe, it });
 */
export function defineStorageConformance(name: string, create: StorageFactory, { describe, it }: TestFunctions, options: StorageConformanceOptions = {}): void {
  const { storeOfRecord = false } = options;
  describe(`${name} conforms to StorageAdapter`, () => {
    it('declares where it stores', async () => {
      const storage = await create();
      check(typeof storage.region === 'string' && storage.region.length > 0, 'a region');
      check(['device', 'vendor', 'own-servers'].includes(storage.location), 'a location of device, vendor or own-servers');
    });

    it(`begins an artifact incomplete and empty, with its metadata as given${storeOfRecord ? ', created at its own time' : ''}`, async () => {
      const storage = await create();
      const before = Date.now();
      const input = newArtifact({ createdAt: before - DAY });
      await storage.beginArtifact(input);
      const after = Date.now();
      const stored = await storage.getMetadata(input.id);
      if (storeOfRecord) {
        const { createdAt, expiresAt } = stored;
        check(createdAt >= before - CLOCK_TOLERANCE_MS && createdAt <= after + CLOCK_TOLERANCE_MS, `createdAt from its own clock, not the day-old time given, got ${createdAt - before} ms from the test's`);
        check(expiresAt >= createdAt && expiresAt <= input.expiresAt, `expiresAt no later than asked, got ${expiresAt - input.expiresAt} ms after`);
        check(sameJson(stored, { ...input, createdAt, expiresAt, size: 0, status: 'incomplete', chunkCount: 0 }), `the rest as given, got ${JSON.stringify(stored)}`);
      } else {
        check(sameJson(stored, { ...input, size: 0, status: 'incomplete', chunkCount: 0 }), `the metadata as given, got ${JSON.stringify(stored)}`);
      }
      check((await readChunks(storage, input.id)).length === 0, 'no content');
    });

    it('reads chunks back in order, one stream chunk per stored chunk; finish() completes', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      const chunks = [pattern(1000, 1), pattern(1, 2), pattern(70_000, 3), pattern(0, 4), pattern(5, 5)];
      for (const [index, chunk] of chunks.entries()) await writer.writeChunk(index, chunk);
      const finished = await writer.finish();
      const size = chunks.reduce((n, c) => n + c.length, 0);
      check(finished.status === 'complete' && finished.chunkCount === 5 && finished.size === size, 'finish() to report complete, 5 chunks, their size');
      check(sameJson(await storage.getMetadata(input.id), finished), 'getMetadata() to agree with finish()');
      const read = await readChunks(storage, input.id);
      check(read.length === chunks.length && read.every((c, i) => sameBytes(c, chunks[i] as Uint8Array)), 'the same chunks in the same order');
    });

    it('keeps an unfinished artifact listed and readable up to its last chunk', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(300, 7));
      await writer.writeChunk(1, pattern(200, 8));
      const listed = (await storage.listByCall(input.callId)).find((m) => m.id === input.id);
      check(listed?.status === 'incomplete' && listed.chunkCount === 2 && listed.size === 500, 'it listed as incomplete with 2 chunks, 500 bytes');
      const read = await readChunks(storage, input.id);
      check(read.length === 2 && sameBytes(read[1] as Uint8Array, pattern(200, 8)), 'both chunks readable');
    });

    it('refuses a taken id with STORAGE_CONFLICT and leaves the artifact as it was', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(10, 1));
      await rejects(() => storage.beginArtifact({ ...input, callId: 'another-call' }), 'STORAGE_CONFLICT');
      const stored = await storage.getMetadata(input.id);
      check(stored.callId === input.callId && stored.chunkCount === 1, 'the first artifact unchanged');
    });

    it('refuses skipped and repeated chunk indexes with STORAGE_CONFLICT and stores nothing of them', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(10, 1));
      await rejects(() => writer.writeChunk(2, pattern(10, 2)), 'STORAGE_CONFLICT');
      await rejects(() => writer.writeChunk(0, pattern(10, 3)), 'STORAGE_CONFLICT');
      await writer.writeChunk(1, pattern(10, 4));
      const read = await readChunks(storage, input.id);
      check(read.length === 2 && sameBytes(read[0] as Uint8Array, pattern(10, 1)) && sameBytes(read[1] as Uint8Array, pattern(10, 4)), 'chunks 0 and 1 as first written');
    });

    it('applies writes made without awaiting in call order', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await Promise.all([0, 1, 2, 3].map((i) => writer.writeChunk(i, pattern(100, i))));
      await writer.finish();
      const read = await readChunks(storage, input.id);
      check(read.length === 4 && read.every((c, i) => sameBytes(c, pattern(100, i))), 'four chunks in order');
    });

    it('refuses every call on a finished writer with INVALID_STATE', async () => {
      const storage = await create();
      const writer = await storage.beginArtifact(newArtifact());
      await writer.writeChunk(0, pattern(10, 1));
      await writer.finish();
      await rejects(() => writer.writeChunk(1, pattern(10, 2)), 'INVALID_STATE');
      await rejects(() => writer.finish(), 'INVALID_STATE');
      await rejects(() => writer.abort(), 'INVALID_STATE');
      check((await storage.getMetadata(writer.id)).chunkCount === 1, 'the artifact unchanged');
    });

    it('abort() deletes what was written, and is idempotent', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(10, 1));
      await writer.abort();
      await writer.abort();
      await rejects(() => storage.getMetadata(input.id), 'STORAGE_NOT_FOUND');
      check((await storage.listByCall(input.callId)).length === 0, 'nothing listed');
      await rejects(() => writer.writeChunk(1, pattern(10, 2)), 'INVALID_STATE');
    });

    it('rejects unknown ids with STORAGE_NOT_FOUND', async () => {
      const storage = await create();
      const id = freshId();
      await rejects(() => storage.getMetadata(id), 'STORAGE_NOT_FOUND');
      await rejects(() => storage.getContent(id), 'STORAGE_NOT_FOUND');
      await rejects(() => storage.updateMetadata(id, { expiresAt: Date.now() }), 'STORAGE_NOT_FOUND');
    });

    it('lists by call and by subject, each with only its own artifacts', async () => {
      const storage = await create();
      const [callA, callB, subjectA, subjectB] = [freshId(), freshId(), freshId(), freshId()];
      const a1 = newArtifact({ callId: callA, subjectId: subjectA });
      const a2 = newArtifact({ callId: callA, subjectId: subjectB });
      const b1 = newArtifact({ callId: callB, subjectId: subjectA });
      for (const input of [a1, a2, b1]) await storage.beginArtifact(input);
      await (await storage.beginArtifact(newArtifact({ callId: callB, subjectId: subjectB }))).finish();
      check(sameIds(await storage.listByCall(callA), [a1.id, a2.id]), 'call A to list its two artifacts');
      check(sameIds(await storage.listBySubject(subjectA), [a1.id, b1.id]), 'subject A to list its two artifacts');
      check((await storage.listByCall(freshId())).length === 0, 'an unknown call to list nothing');
    });

    it('lists what expired strictly before a time, incomplete artifacts included', async () => {
      const storage = await create();
      // An hour ahead, so that a store of record, which never stores what has expired already, takes them all.
      const base = Date.now() + HOUR + Math.floor(Math.random() * 1_000_000);
      const early = newArtifact({ expiresAt: base - 1 });
      const exact = newArtifact({ expiresAt: base });
      const late = newArtifact({ expiresAt: base + 1 });
      for (const input of [early, exact, late]) await storage.beginArtifact(input);
      await (await storage.beginArtifact(newArtifact({ expiresAt: base - 2 }))).finish();
      const ours = new Set([early.id, exact.id, late.id]);
      const listed = (await storage.listExpiredBefore(new Date(base))).filter((m) => ours.has(m.id));
      check(sameIds(listed, [early.id]), `only the artifact that expired before the time, got ${listed.map((m) => m.expiresAt - base).join(', ')}`);
    });

    it('updateMetadata() shortens the expiry, destroys the data key and sets the end reason, and nothing else', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(10, 1));
      const began = await storage.getMetadata(input.id);
      const expiresAt = began.expiresAt - DAY;
      const encryption = { ...input.encryption, wrappedKey: null };
      const updated = await storage.updateMetadata(input.id, { expiresAt, encryption, endReason: 'consent-withdrawn' });
      const expected = { ...began, expiresAt, encryption, endReason: 'consent-withdrawn' };
      check(sameJson(updated, expected) && sameJson(await storage.getMetadata(input.id), expected), 'only expiresAt, encryption and endReason changed');
      const again = await storage.updateMetadata(input.id, {});
      check(sameJson(again, expected), 'an empty patch to change nothing');
    });

    it('delete() removes metadata, content and list entries, is idempotent, and a late writer cannot revive it', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      await writer.writeChunk(0, pattern(10, 1));
      await storage.delete(input.id);
      await storage.delete(input.id);
      await storage.delete(freshId());
      await rejects(() => storage.getMetadata(input.id), 'STORAGE_NOT_FOUND');
      await rejects(() => storage.getContent(input.id), 'STORAGE_NOT_FOUND');
      check((await storage.listBySubject(input.subjectId)).length === 0, 'nothing listed');
      await rejects(() => writer.writeChunk(1, pattern(10, 2)), 'STORAGE_NOT_FOUND');
      await rejects(() => writer.finish(), 'STORAGE_NOT_FOUND');
      await rejects(() => storage.getMetadata(input.id), 'STORAGE_NOT_FOUND');
    });

    it('errors a reader with STORAGE_NOT_FOUND when the artifact is deleted mid-read', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      for (let i = 0; i < 4; i++) await writer.writeChunk(i, pattern(10, i));
      await writer.finish();
      const reader = (await storage.getContent(input.id)).getReader();
      await reader.read();
      await storage.delete(input.id);
      await rejects(async () => {
        for (;;) if ((await reader.read()).done) return;
      }, 'STORAGE_NOT_FOUND');
    });

    it('stores a copy of exactly the bytes given', async () => {
      const storage = await create();
      const input = newArtifact();
      const writer = await storage.beginArtifact(input);
      const buffer = pattern(100, 9);
      await writer.writeChunk(0, buffer.subarray(10, 20));
      buffer.fill(0);
      await writer.writeChunk(1, new Uint8Array(0));
      const read = await readChunks(storage, input.id);
      check(sameBytes(read[0] as Uint8Array, pattern(100, 9).subarray(10, 20)), 'the 10 bytes of the view as they were when written');
      check(read[1]?.length === 0, 'an empty chunk read back empty');
      check((await storage.getMetadata(input.id)).size === 10, 'size 10');
    });

    it('returns copies of metadata', async () => {
      const storage = await create();
      const input = newArtifact();
      await storage.beginArtifact(input);
      const first = (await storage.getMetadata(input.id)) as { callId: string; encryption: { keyProviderId: string } };
      first.callId = 'changed';
      first.encryption.keyProviderId = 'changed';
      const again = await storage.getMetadata(input.id);
      check(again.callId === input.callId && again.encryption.keyProviderId === input.encryption.keyProviderId, 'stored metadata unchanged');
    });

    it('rejects malformed metadata and chunks with INVALID_ARGUMENT', async () => {
      const storage = await create();
      const bad: Array<Partial<Record<keyof NewArtifact, unknown>>> = [
        { id: '' },
        { id: 'has space' },
        { callId: 42 },
        { subjectId: '' },
        { kind: 'video' },
        { expiresAt: -1 },
        { createdAt: 10, expiresAt: 5 },
        { consentRef: 7 },
        { encryption: null },
        { encryption: { algorithm: 'x', keyProviderId: 'p', wrappedKey: 'not base64url!', noncePrefix: '' } },
      ];
      for (const fields of bad) await rejects(() => storage.beginArtifact({ ...newArtifact(), ...fields } as NewArtifact), 'INVALID_ARGUMENT');
      const writer = await storage.beginArtifact(newArtifact());
      await rejects(() => writer.writeChunk(-1, pattern(1, 1)), 'INVALID_ARGUMENT');
      await rejects(() => writer.writeChunk(0, [1, 2, 3] as unknown as Uint8Array), 'INVALID_ARGUMENT');
      await rejects(() => storage.listExpiredBefore(new Date(Number.NaN)), 'INVALID_ARGUMENT');
      check((await storage.getMetadata(writer.id)).chunkCount === 0, 'nothing stored');
    });
  });
}

function freshId(): string {
  return crypto.randomUUID();
}

function newArtifact(fields: Partial<NewArtifact> = {}): NewArtifact {
  const createdAt = Date.now();
  return {
    id: freshId(),
    callId: freshId(),
    subjectId: freshId(),
    kind: 'picture',
    mimeType: 'image/jpeg',
    createdAt,
    expiresAt: createdAt + 30 * DAY,
    consentRef: 'consent-1',
    encryption: { algorithm: 'conformance-test', keyProviderId: 'none', wrappedKey: 'AAECAw', noncePrefix: 'AAAAAAAAAA' },
    ...fields,
  };
}

function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) & 0xff);
}

async function readChunks(storage: StorageAdapter, id: string): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = (await storage.getContent(id)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    check(value instanceof Uint8Array, 'Uint8Array stream chunks');
    chunks.push(value);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function sameIds(list: ArtifactMetadata[], ids: string[]): boolean {
  return list.length === ids.length && ids.every((id) => list.some((m) => m.id === id));
}

