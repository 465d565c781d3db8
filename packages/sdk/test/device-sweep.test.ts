import { expect } from '@esm-bundle/chai';
import { deleteDB } from 'idb';
import { eraseSubjectOnDevice, sweepDeviceStorage } from '../src/storage/device-sweep.js';
import { IndexedDBStorage } from '../src/storage/indexeddb-storage.js';
import { serverTime } from '../src/storage/server-time.js';
import type { NewArtifact } from '../src/storage/types.js';
import { DAY, newArtifact } from './helpers/artifacts.js';
import { devicePlacesHolding } from './helpers/device-copies.js';
import { rejection } from './helpers/expect.js';
import { storageBaseUrl } from './helpers/server.js';
import { openWriterFrame } from './helpers/writer-frame-host.js';

const run = crypto.randomUUID().slice(0, 8);
let databases = 0;
const opened: IndexedDBStorage[] = [];

function freshStorage(): IndexedDBStorage {
  const storage = new IndexedDBStorage({ name: `device-sweep-test-${run}-${databases++}` });
  opened.push(storage);
  return storage;
}

function bytes(length = 20_000): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Stores `artifact` whole: one chunk, finished. Resolves with the chunk. */
async function stored(storage: IndexedDBStorage, artifact: NewArtifact): Promise<Uint8Array> {
  const chunk = bytes();
  const writer = await storage.beginArtifact(artifact);
  await writer.writeChunk(0, chunk);
  await writer.finish();
  return chunk;
}

describe('Device storage housekeeping', () => {
  afterEach(async () => {
    for (const storage of opened.splice(0)) {
      storage.close();
      await deleteDB(storage.name);
    }
  });

  it('deletes what has expired by the time it is given, and nothing else', async () => {
    const storage = freshStorage();
    const now = Date.now();
    const soon = newArtifact({ expiresAt: now + 60_000 });
    const later = newArtifact({ expiresAt: now + DAY });
    const soonBytes = await stored(storage, soon);
    const laterBytes = await stored(storage, later);

    expect(await sweepDeviceStorage(storage, { now }), 'by this device clock').to.deep.equal({ expired: [], markedFailed: [], unfinishedDeleted: [] });
    expect(await sweepDeviceStorage(storage, { now: now + 60_000 }), 'by a server clock a minute ahead').to.deep.equal({ expired: [soon.id], markedFailed: [], unfinishedDeleted: [] });
    expect((await rejection(storage.getMetadata(soon.id))).code).to.equal('STORAGE_NOT_FOUND');
    expect(await devicePlacesHolding([soonBytes])).to.deep.equal([]);
    expect(await devicePlacesHolding([laterBytes])).to.deep.equal([`indexeddb:${storage.name}/chunks`]);
  });

  it('reads the server clock, whatever this device says', async () => {
    const before = Date.now();
    const time = await serverTime(await storageBaseUrl());
    expect(time).to.be.within(before - 2000, Date.now() + 2000);
    const far = await serverTime('https://sealcall.example', { fetch: async () => Response.json({ now: 4_000_000_000_000 }) });
    expect(far).to.be.within(4_000_000_000_000, 4_000_000_001_000);
    expect((await rejection(serverTime('https://sealcall.example', { fetch: async () => Response.json({ now: 'noon' }) }))).code).to.equal('STORAGE_FAILED');
    expect((await rejection(serverTime('https://sealcall.example', { fetch: async () => new Response('', { status: 503 }) }))).code).to.equal('STORAGE_FAILED');
  });

  it('settles what a closed page left unfinished, and leaves alone what is still being written', async function () {
    this.timeout(30_000);
    const storage = freshStorage();
    const recording = newArtifact({ kind: 'recording' });
    const picture = newArtifact({ kind: 'picture', mimeType: 'image/jpeg' });
    const frame = await openWriterFrame();
    expect(await frame.store({ storageName: storage.name, artifact: recording, chunks: [bytes(), bytes()] })).to.deep.equal(['stored', 'stored']);
    expect(await frame.store({ storageName: storage.name, artifact: picture, chunks: [bytes()] })).to.deep.equal(['stored']);
    const writing = await storage.beginArtifact(newArtifact({ kind: 'recording' }));
    await writing.writeChunk(0, bytes());

    const nothing = { expired: [], markedFailed: [], unfinishedDeleted: [] };
    expect(await sweepDeviceStorage(storage), 'while the page is open').to.deep.equal(nothing);
    frame.close();
    expect(await sweepDeviceStorage(storage)).to.deep.equal({ expired: [], markedFailed: [recording.id], unfinishedDeleted: [picture.id] });
    expect(await storage.getMetadata(recording.id)).to.include({ status: 'incomplete', chunkCount: 2, endReason: 'failed' });
    expect((await rejection(storage.getMetadata(picture.id))).code).to.equal('STORAGE_NOT_FOUND');
    expect(await sweepDeviceStorage(storage), 'a second sweep').to.deep.equal(nothing);
    expect(await storage.getMetadata(writing.id), 'the one still being written').to.include({ status: 'incomplete', chunkCount: 1 });
    expect((await storage.getMetadata(writing.id)).endReason).to.equal(undefined);

    expect(await sweepDeviceStorage(storage, { unfinishedRecordings: 'delete' })).to.deep.equal({ expired: [], markedFailed: [], unfinishedDeleted: [recording.id] });
    await writing.writeChunk(1, bytes());
    expect(await writing.finish()).to.include({ status: 'complete', chunkCount: 2 });
  });

  it("erases a subject on the device: nothing of theirs stays, everyone else's does", async () => {
    const storage = freshStorage();
    const subject = `subject-${crypto.randomUUID()}`;
    const theirs = [newArtifact({ subjectId: subject }), newArtifact({ subjectId: subject, kind: 'consent', mimeType: 'application/json' })];
    const other = newArtifact({ subjectId: 'someone-else' });
    const theirBytes = await Promise.all(theirs.map((artifact) => stored(storage, artifact)));
    const otherBytes = await stored(storage, other);

    expect((await eraseSubjectOnDevice(storage, subject)).sort()).to.deep.equal(theirs.map(({ id }) => id).sort());
    expect(await storage.listBySubject(subject)).to.deep.equal([]);
    expect(await devicePlacesHolding(theirBytes)).to.deep.equal([]);
    expect(await storage.getMetadata(other.id)).to.include({ status: 'complete' });
    expect(await devicePlacesHolding([otherBytes])).to.deep.equal([`indexeddb:${storage.name}/chunks`]);
  });

  it('checks its arguments', async () => {
    const storage = freshStorage();
    expect((await rejection(sweepDeviceStorage(storage, { now: -1 }))).code).to.equal('INVALID_ARGUMENT');
    expect((await rejection(sweepDeviceStorage(storage, { unfinishedRecordings: 'archive' as 'keep' }))).code).to.equal('INVALID_ARGUMENT');
    expect((await rejection(eraseSubjectOnDevice(storage, ''))).code).to.equal('INVALID_ARGUMENT');
  });
});
