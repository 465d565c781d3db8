import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { RecipientKeyProvider } from '../src/at-rest/recipient-key-provider.js';
import { CallRecorder } from '../src/capture/recorder.js';
import { concatBytes } from '../src/internal/bytes.js';
import { HttpStorage } from '../src/storage/http-storage.js';
import type { NewArtifact } from '../src/storage/types.js';
import { DeviceOutbox } from '../src/storage/device-outbox.js';
import { DAY, newArtifact } from './helpers/artifacts.js';
import { devicePlacesHolding } from './helpers/device-copies.js';
import { rejection, storedChunks } from './helpers/expect.js';
import { httpStorage, tokenFor } from './helpers/http-storage.js';
import { colorSource } from './helpers/recording-sources.js';
import { storageBaseUrl } from './helpers/server.js';
import { openWriterFrame } from './helpers/writer-frame-host.js';

const FAST = { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 2000 };
const run = crypto.randomUUID().slice(0, 8);
let outboxes = 0;

function freshOutbox(): DeviceOutbox {
  return new DeviceOutbox({ name: `outbox-test-${run}-${outboxes++}` });
}

function serverArtifact(fields: Partial<NewArtifact> = {}): NewArtifact {
  return newArtifact({ callId: `call-${crypto.randomUUID()}`, subjectId: `subject-${run}`, expiresAt: Date.now() + DAY, ...fields });
}

function randomChunks(count: number, length = 40_000): Uint8Array[] {
  return Array.from({ length: count }, () => crypto.getRandomValues(new Uint8Array(length)));
}

const isChunkPut = (init?: RequestInit) => init?.method === 'PUT';

/** A fetch that fails every request once `offline()` says so, as a lost network does. */
function networkThat(offline: (url: string, init?: RequestInit) => boolean): typeof fetch {
  return (input, init) => (offline(String(input), init) ? Promise.reject(new TypeError('Failed to fetch (injected: offline)')) : fetch(input, init));
}

describe('HttpStorage with a DeviceOutbox', () => {
  afterEach(() => sinon.restore());

  it('keeps each chunk on the device only until the server acknowledges it', async () => {
    const outbox = freshOutbox();
    const chunks = randomChunks(3);
    const whileInFlight: string[][] = [];
    const storage = await httpStorage({
      outbox,
      fetch: async (input, init) => {
        if (isChunkPut(init)) whileInFlight.push(await devicePlacesHolding(chunks));
        return fetch(input, init);
      },
    });
    const artifact = serverArtifact();
    const writer = await storage.beginArtifact(artifact);
    for (const [index, bytes] of chunks.entries()) await writer.writeChunk(index, bytes);
    await writer.finish();

    expect(whileInFlight, 'the chunk being sent, and only it, is on the device').to.deep.equal(chunks.map(() => [`indexeddb:${outbox.name}/chunks`]));
    expect(await devicePlacesHolding(chunks), 'places holding the chunks once stored').to.deep.equal([]);
    expect(await outbox.artifacts()).to.deep.equal([]);
    expect(await storedChunks(await httpStorage(), artifact.id)).to.deep.equal(chunks);
  });

  it('leaves no byte of a recording on the device once the server has it', async function () {
    this.timeout(30_000);
    const outbox = freshOutbox();
    const vault = new ArtifactVault({
      storage: await httpStorage({ outbox }),
      keyProviders: [new RecipientKeyProvider(RecipientKeyProvider.generateKeyPair().publicKey)],
    });
    const local = colorSource([0, 0, 255], { toneHz: 660 });
    const remote = colorSource([255, 0, 255], { toneHz: 440 });
    const recorder = new CallRecorder({
      vault,
      consent: { require: async () => 'consent-outbox', onWithdrawn: () => () => undefined },
      local: local.stream,
      remote: remote.stream,
      meta: { callId: `call-${crypto.randomUUID()}`, subjectId: `subject-${run}`, expiresAt: Date.now() + DAY },
      timesliceMs: 500,
    });
    await recorder.start();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const metadata = await recorder.stop();
    local.stop();
    remote.stop();

    const onServer = await storedChunks(await httpStorage(), recorder.id);
    expect(metadata).to.include({ status: 'complete', chunkCount: onServer.length });
    expect(onServer.length, 'segments on the server').to.be.greaterThan(1);
    expect(await devicePlacesHolding(onServer), 'places on the device holding any of its ciphertext').to.deep.equal([]);
    expect(await outbox.artifacts()).to.deep.equal([]);
  });

  it('sends what a page closed mid-request left unsent, never while a request of its writer is under way', async function () {
    this.timeout(30_000);
    const outbox = freshOutbox();
    const artifact = serverArtifact();
    const chunks = randomChunks(3);
    const frame = await openWriterFrame();
    // The frame's request for chunk 2 never gets an answer: its writer is sending when the page goes.
    const hanging: typeof fetch = (input, init) => (String(input).endsWith('/chunks/2') ? new Promise<Response>(() => {}) : fetch(input, init));
    void frame.upload({ outboxName: outbox.name, storage: { baseUrl: await storageBaseUrl(), token: tokenFor, region: 'eu-central', fetch: hanging, timeoutMs: 60_000 }, artifact, chunks });
    const deadline = Date.now() + 10_000;
    while (!(await outbox.held(artifact.id)).includes(2)) {
      if (Date.now() > deadline) throw new Error('chunk 2 was never put in the outbox');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const flushing = await httpStorage({ outbox: new DeviceOutbox({ name: outbox.name }) });
    expect((await flushing.flushOutbox()).uploads, 'while its writer is sending').to.deep.equal([{ id: artifact.id, callId: artifact.callId, outcome: 'busy', sent: 0 }]);

    frame.close();
    expect((await flushing.flushOutbox()).uploads).to.deep.equal([{ id: artifact.id, callId: artifact.callId, outcome: 'sent', sent: 1 }]);
    const onServer = await httpStorage();
    expect(await onServer.getMetadata(artifact.id)).to.include({ status: 'incomplete', chunkCount: 3 });
    expect(concatBytes(...(await storedChunks(onServer, artifact.id)))).to.deep.equal(concatBytes(...chunks));
    expect(await devicePlacesHolding(chunks)).to.deep.equal([]);
    expect((await flushing.flushOutbox()).uploads, 'a second flush').to.deep.equal([]);
  });

  it('sends at once what a writer of this page failed to send, once the network is back', async () => {
    const outbox = freshOutbox();
    const artifact = serverArtifact();
    const chunks = randomChunks(2);
    let online = false;
    const storage = await httpStorage({ outbox, ...FAST, fetch: networkThat((url) => !online && url.endsWith('/chunks/1')) });
    const writer = await storage.beginArtifact(artifact);
    await writer.writeChunk(0, chunks[0] as Uint8Array);
    expect((await rejection(writer.writeChunk(1, chunks[1] as Uint8Array))).code).to.equal('STORAGE_FAILED');

    online = true;
    expect((await storage.flushOutbox()).uploads).to.deep.equal([{ id: artifact.id, callId: artifact.callId, outcome: 'sent', sent: 1 }]);
    expect(await storedChunks(await httpStorage(), artifact.id)).to.deep.equal(chunks);
    expect(await devicePlacesHolding(chunks)).to.deep.equal([]);
  });

  it('drops the device copy of an artifact erased on the server, and keeps one it cannot send until it expires', async function () {
    this.timeout(30_000);
    const outboxName = freshOutbox().name;
    const erased = serverArtifact();
    const unsent = serverArtifact();
    const chunks = randomChunks(2);
    const frame = await openWriterFrame();
    const storage = { baseUrl: await storageBaseUrl(), token: tokenFor, region: 'eu-central', ...FAST, fetch: networkThat((url) => url.endsWith('/chunks/1')) };
    expect(await frame.upload({ outboxName, storage, artifact: erased, chunks })).to.deep.equal(['stored', 'STORAGE_FAILED']);
    expect(await frame.upload({ outboxName, storage, artifact: unsent, chunks })).to.deep.equal(['stored', 'STORAGE_FAILED']);
    frame.close();
    await (await httpStorage()).delete(erased.id);

    const offline = await httpStorage({ outbox: new DeviceOutbox({ name: outboxName }), ...FAST, fetch: networkThat((url) => url.includes(unsent.id)) });
    const { uploads: outcomes } = await offline.flushOutbox();
    expect(outcomes.map(({ id, outcome, sent, error }) => ({ id, outcome, sent, code: error?.code }))).to.have.deep.members([
      { id: erased.id, outcome: 'gone', sent: 0, code: undefined },
      { id: unsent.id, outcome: 'kept', sent: 0, code: 'STORAGE_FAILED' },
    ]);
    expect(await devicePlacesHolding([chunks[1] as Uint8Array])).to.deep.equal([`indexeddb:${outboxName}/chunks`]);

    sinon.useFakeTimers({ now: unsent.expiresAt, toFake: ['Date'] });
    expect((await offline.flushOutbox()).uploads.map(({ id, outcome }) => ({ id, outcome }))).to.deep.equal([{ id: unsent.id, outcome: 'expired' }]);
    expect(await devicePlacesHolding(chunks)).to.deep.equal([]);
  });

  it('deleting an artifact deletes its device copy too', async () => {
    const outbox = freshOutbox();
    const chunks = randomChunks(2);
    const storage = await httpStorage({ outbox, ...FAST, fetch: networkThat((url, init) => isChunkPut(init) && url.endsWith('/chunks/1')) });
    const artifact = serverArtifact();
    const writer = await storage.beginArtifact(artifact);
    await writer.writeChunk(0, chunks[0] as Uint8Array);
    expect((await rejection(writer.writeChunk(1, chunks[1] as Uint8Array))).code).to.equal('STORAGE_FAILED');
    expect(await outbox.held(artifact.id)).to.deep.equal([1]);

    await storage.delete(artifact.id);
    expect(await outbox.artifacts()).to.deep.equal([]);
    expect(await devicePlacesHolding(chunks)).to.deep.equal([]);
  });

  it('keeps a delete the server cannot be reached for, and a later flush does it', async () => {
    const outbox = freshOutbox();
    const artifact = serverArtifact();
    const writer = await (await httpStorage()).beginArtifact(artifact);
    await writer.writeChunk(0, randomChunks(1)[0] as Uint8Array);
    await writer.finish();
    const offline = await httpStorage({ outbox, ...FAST, fetch: networkThat((_, init) => init?.method === 'DELETE') });

    const refused = await rejection(offline.delete(artifact.id));
    expect(refused.code).to.equal('STORAGE_FAILED');
    expect(refused.message).to.include('this device keeps the delete');
    expect((await outbox.deletes()).map(({ id }) => id)).to.deep.equal([artifact.id]);
    expect(await (await httpStorage()).getMetadata(artifact.id), 'still on the server').to.include({ status: 'complete' });
    const again = await offline.flushOutbox();
    expect(again.deletes.map(({ id, outcome, error }) => ({ id, outcome, code: error?.code }))).to.deep.equal([{ id: artifact.id, outcome: 'kept', code: 'STORAGE_FAILED' }]);

    const online = await httpStorage({ outbox: new DeviceOutbox({ name: outbox.name }) });
    expect(await online.flushOutbox()).to.deep.equal({ uploads: [], deletes: [{ id: artifact.id, outcome: 'deleted' }] });
    expect((await rejection((await httpStorage()).getMetadata(artifact.id))).code).to.equal('STORAGE_NOT_FOUND');
    expect(await outbox.deletes()).to.deep.equal([]);
  });

  it('refuses an outbox that is not a DeviceOutbox', async () => {
    expect(() => new HttpStorage({ baseUrl: 'http://localhost:1', token: 't', region: 'eu-central', outbox: {} as DeviceOutbox })).to.throw('"outbox" expected a DeviceOutbox');
  });
});
