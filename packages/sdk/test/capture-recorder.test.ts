import { expect } from '@esm-bundle/chai';
import { deleteDB, openDB } from 'idb';
import sinon from 'sinon';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../src/at-rest/device-key-provider.js';
import { SEGMENT_BYTES, SEGMENT_CIPHERTEXT_BYTES } from '../src/at-rest/segment-format.js';
import { consentRequired, ledgerConsent, type CaptureConsentSource } from '../src/capture/consent-source.js';
import { placeSides } from '../src/capture/mix-layout.js';
import { CallRecorder } from '../src/capture/recorder.js';
import type { CallRecorderOptions, RecorderProgress, RecorderState, RecorderStopped } from '../src/capture/recorder-types.js';
import { pickRecordingMimeType } from '../src/capture/recording-mime-type.js';
import { ConsentLedger } from '../src/consent/consent-ledger.js';
import { MemoryConsentStore } from '../src/consent/memory-consent-store.js';
import { SealcallError } from '../src/errors.js';
import { IndexedDBStorage, type ArtifactDBSchema } from '../src/storage/indexeddb-storage.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import type { StorageAdapter } from '../src/storage/types.js';
import { eventually } from './helpers/media.js';
import type { RecordingFrame } from './helpers/recording-frame.js';
import { containsText, decodeAudio, playRecording, readRecording, sharesWindow, startsWith, WEBM_MAGIC } from './helpers/recording-playback.js';
import { BLUE, cameraSource, colorSource, CYAN, looksLike, MAGENTA, YELLOW, type TestSource } from './helpers/recording-sources.js';
import { rejection } from './helpers/expect.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';

const run = crypto.randomUUID();
const KEY_DATABASE = `sealcall-recorder-keys-${run}`;
const databases = new Set<string>([KEY_DATABASE]);
const SIDES = { remote: [0.25, 0.5], local: [0.75, 0.5] } as const;

function vaultOver(storage: StorageAdapter): ArtifactVault {
  return new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: KEY_DATABASE })] });
}

function indexedDB(label: string): IndexedDBStorage {
  const name = `sealcall-recorder-${label}-${run}`;
  databases.add(name);
  return new IndexedDBStorage({ name });
}

function meta(callId = `call-${crypto.randomUUID()}`) {
  return { callId, subjectId: 'subject-1', expiresAt: Date.now() + 24 * 60 * 60 * 1000 };
}

function grantedConsent(ref = 'consent-1'): CaptureConsentSource {
  return { require: async () => ref, onWithdrawn: () => () => undefined };
}

async function ledgerWithGrant(subjectId: string, callId: string) {
  const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
  const shown = { noticeVersion: 'v1', locale: 'en', shownText: 'May we record this call?' };
  const { grant } = await ledger.recordDecision({ ...shown, accepted: ['recording'], declined: [] }, { subjectId, callId });
  if (!grant) throw new Error('the ledger recorded no grant');
  const withdraw = () => ledger.withdraw(['recording'], { ...shown, shownText: 'Stop recording this call.' }, { subjectId, callId });
  return { grant, withdraw, consent: ledgerConsent(ledger, subjectId, callId) };
}

/** Records the AudioContexts and MediaRecorders made from now on (restored by sinon.restore). */
function spyOnMedia() {
  const contexts: AudioContext[] = [];
  const recorders: MediaRecorder[] = [];
  const RealAudioContext = window.AudioContext;
  const RealMediaRecorder = window.MediaRecorder;
  sinon.replace(
    window,
    'AudioContext',
    class extends RealAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    },
  );
  sinon.replace(
    window,
    'MediaRecorder',
    class extends RealMediaRecorder {
      constructor(stream: MediaStream, options?: MediaRecorderOptions) {
        super(stream, options);
        recorders.push(this);
      }
    },
  );
  return { contexts, recorders };
}

function progressOf(recorder: CallRecorder): RecorderProgress[] {
  const progress: RecorderProgress[] = [];
  recorder.on('progress', (p) => progress.push(p));
  return progress;
}

function chunksWritten(progress: readonly RecorderProgress[]): number {
  return progress.at(-1)?.chunks ?? 0;
}


describe('CallRecorder', () => {
  const sources: TestSource[] = [];
  const recorders: CallRecorder[] = [];
  const source = <T extends TestSource>(s: T): T => (sources.push(s), s);
  const recorderFor = (options: Omit<CallRecorderOptions, 'meta'> & { meta?: CallRecorderOptions['meta'] }) => {
    const recorder = new CallRecorder({ meta: meta(), ...options });
    recorders.push(recorder);
    return recorder;
  };

  afterEach(async () => {
    sinon.restore();
    // Cleanup only: a test that failed mid-recording must not leave it running.
    await Promise.allSettled(recorders.splice(0).map((r) => (r.state === 'recording' ? r.stop() : undefined)));
    sources.splice(0).forEach((s) => s.stop());
  });

  after(async () => {
    for (const name of databases) await deleteDB(name);
  });

  it('lays out the sides side by side or picture in picture, each keeping its aspect ratio', () => {
    const frames = { local: { width: 640, height: 480 }, remote: { width: 1280, height: 720 } };
    expect(placeSides('side-by-side', { width: 1280, height: 360 }, frames)).to.deep.equal([
      { side: 'remote', x: 0, y: 0, width: 640, height: 360 },
      { side: 'local', x: 720, y: 0, width: 480, height: 360 },
    ]);
    expect(placeSides('picture-in-picture', { width: 1280, height: 720 }, frames)).to.deep.equal([
      { side: 'remote', x: 0, y: 0, width: 1280, height: 720 },
      { side: 'local', x: 937, y: 457, width: 320, height: 240 },
    ]);
    expect(placeSides('side-by-side', { width: 1280, height: 360 }, { local: undefined, remote: frames.remote })).to.have.length(1);
  });

  itWithInPageCalls('records both sides mixed, chunk by chunk, into a playable WebM', async function () {
    this.timeout(45_000);
    const storage = indexedDB('main');
    const vault = vaultOver(storage);
    const local = source(await cameraSource());
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const recorder = recorderFor({ vault, consent: grantedConsent('consent-1'), local: local.stream, remote: remote.stream, timesliceMs: 1000 });
    const progress = progressOf(recorder);
    const states: RecorderState[] = [];
    recorder.on('state', ({ state }) => states.push(state));

    await recorder.start();
    expect(recorder.state).to.equal('recording');
    await eventually(() => chunksWritten(progress) >= 2, 'two chunks written', 10_000);
    const early = await storage.getMetadata(recorder.id);
    await eventually(() => chunksWritten(progress) >= 4, 'four chunks written', 10_000);
    const later = await storage.getMetadata(recorder.id);
    expect(early.status).to.equal('incomplete');
    expect(early.chunkCount, 'segments stored after two chunks').to.be.greaterThan(0);
    expect(later.chunkCount, 'segments stored after four chunks').to.be.greaterThan(early.chunkCount);
    await eventually(() => chunksWritten(progress) >= 5, 'five chunks written', 10_000);

    const metadata = await recorder.stop();
    expect(states).to.deep.equal(['starting', 'recording', 'stopping', 'stopped']);
    expect(metadata).to.include({ id: recorder.id, kind: 'recording', status: 'complete', consentRef: 'consent-1' });
    expect(metadata.endReason).to.equal(undefined);
    expect(metadata.mimeType).to.equal(pickRecordingMimeType());
    const chunkCounts = progress.map((p) => p.chunks);
    expect(chunkCounts).to.deep.equal([...chunkCounts].sort((a, b) => a - b));

    const { bytes } = await readRecording(vault, recorder.id);
    expect(bytes.length, 'every byte recorded was stored').to.equal(progress.at(-1)?.bytes);
    expect(startsWith(bytes, WEBM_MAGIC)).to.equal(true);
    expect(containsText(bytes, 'V_VP8'), 'a VP8 video track').to.equal(true);
    expect(containsText(bytes, 'A_OPUS'), 'an Opus audio track').to.equal(true);

    const playback = await playRecording(bytes, metadata.mimeType, { points: SIDES, maxFrames: 15 });
    expect(playback.frames).to.equal(15);
    expect([playback.width, playback.height]).to.deep.equal([1280, 360]);
    const last = playback.samples.at(-1);
    expect(looksLike(last?.remote, MAGENTA), `remote side on the left, got ${String(last?.remote)}`).to.equal(true);
    const camera = last?.local ?? [0, 0, 0];
    expect(camera[1] > camera[0] && camera[1] > camera[2], `the fake camera (green) on the right, got ${String(camera)}`).to.equal(true);

    const audio = await decodeAudio(bytes);
    expect(audio.duration).to.be.greaterThan(3);
    expect(audio.power(440), "the remote side's 440 Hz tone").to.be.greaterThan(10 * audio.power(1234));
  });

  itWithInPageCalls('records picture in picture, with both sides heard', async () => {
    const storage = new MemoryStorage();
    const vault = vaultOver(storage);
    const local = source(colorSource(BLUE, { toneHz: 660 }));
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const recorder = recorderFor({ vault, consent: grantedConsent(), local: local.stream, remote: remote.stream, layout: 'picture-in-picture', timesliceMs: 500 });
    const progress = progressOf(recorder);
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 4, 'four chunks written', 10_000);
    const metadata = await recorder.stop();

    const { bytes } = await readRecording(vault, metadata.id);
    const playback = await playRecording(bytes, metadata.mimeType, { points: { remote: [0.5, 0.5], inset: [0.857, 0.8] }, maxFrames: 10 });
    expect([playback.width, playback.height]).to.deep.equal([1280, 720]);
    const last = playback.samples.at(-1);
    expect(looksLike(last?.remote, MAGENTA), `remote fills the picture, got ${String(last?.remote)}`).to.equal(true);
    expect(looksLike(last?.inset, BLUE), `local inset bottom right, got ${String(last?.inset)}`).to.equal(true);

    const audio = await decodeAudio(bytes);
    const noise = audio.power(1234);
    expect(audio.power(440), "the remote side's tone").to.be.greaterThan(10 * noise);
    expect(audio.power(660), "the local side's tone").to.be.greaterThan(10 * noise);
  });

  itWithInPageCalls('stores ciphertext only: no stored chunk holds any 16 bytes of the WebM', async () => {
    const storage = indexedDB('raw');
    const vault = vaultOver(storage);
    const local = source(colorSource(BLUE));
    const remote = source(colorSource(MAGENTA));
    const recorder = recorderFor({ vault, consent: grantedConsent(), local: local.stream, remote: remote.stream, timesliceMs: 500 });
    const progress = progressOf(recorder);
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 4, 'four chunks written', 10_000);
    const metadata = await recorder.stop();

    const { bytes } = await readRecording(vault, recorder.id);
    const db = await openDB<ArtifactDBSchema>(storage.name);
    const stored = await db.getAll('chunks', IDBKeyRange.bound([recorder.id, 0], [recorder.id, Infinity]));
    db.close();
    expect(stored).to.have.length(metadata.chunkCount).and.length.greaterThan(1);
    expect(startsWith(bytes, WEBM_MAGIC)).to.equal(true);
    for (const chunk of stored) expect(startsWith(chunk, WEBM_MAGIC), 'a stored chunk starts like a WebM').to.equal(false);
    expect(sharesWindow(bytes, [bytes.subarray(5000, 5100)]), 'the check finds plaintext where there is some').to.equal(true);
    expect(sharesWindow(bytes, stored), 'plaintext found in the stored chunks').to.equal(false);
  });

  it('leaves a readable, incomplete recording when its page goes away mid-recording', async function () {
    this.timeout(45_000);
    const storage = indexedDB('frame');
    const frame = document.createElement('iframe');
    frame.src = new URL('./helpers/recording-frame.html', import.meta.url).href;
    document.body.append(frame);
    const api = () => (frame.contentWindow as (Window & { recordingFrame?: RecordingFrame }) | null)?.recordingFrame;
    await eventually(() => api() !== undefined, 'the frame to load its recorder', 15_000);
    const id = await (api() as RecordingFrame).start({ storageName: storage.name, keyDatabase: KEY_DATABASE, callId: `call-${run}`, timesliceMs: 500 });
    await eventually(async () => (await storage.getMetadata(id)).chunkCount >= 3, 'three segments stored', 20_000);
    frame.remove();

    const vault = vaultOver(storage);
    const { bytes, incomplete, metadata } = await readRecording(vault, id, true);
    expect(incomplete).to.equal(true);
    expect(metadata.status).to.equal('incomplete');
    expect(metadata.consentRef).to.equal('consent-in-frame');
    expect(bytes.length, 'every stored segment decrypts').to.equal(metadata.chunkCount * SEGMENT_BYTES);
    expect(startsWith(bytes, WEBM_MAGIC)).to.equal(true);
    const playback = await playRecording(bytes, metadata.mimeType, { maxFrames: 3, timeoutMs: 5000 });
    expect(playback.frames, 'frames presented from the stored prefix').to.be.greaterThan(0);
  });

  it('stops on STORAGE_QUOTA_EXCEEDED, keeps the chunks stored before and releases everything', async function () {
    this.timeout(30_000);
    const storage = new MemoryStorage({ quotaBytes: 3 * SEGMENT_CIPHERTEXT_BYTES + 1000 });
    const vault = vaultOver(storage);
    const local = source(colorSource(BLUE, { toneHz: 660 }));
    const remote = source(colorSource(MAGENTA));
    const media = spyOnMedia();
    const recorder = recorderFor({ vault, consent: grantedConsent(), local: local.stream, remote: remote.stream, timesliceMs: 500 });
    const errors: SealcallError[] = [];
    recorder.on('error', (error) => errors.push(error));
    await recorder.start();
    await eventually(() => recorder.state === 'failed', 'the recording to fail', 20_000);

    expect(errors.map((e) => e.code)).to.deep.equal(['STORAGE_QUOTA_EXCEEDED']);
    expect((await rejection(recorder.stop())).code).to.equal('STORAGE_QUOTA_EXCEEDED');
    const stored = await storage.getMetadata(recorder.id);
    expect(stored).to.include({ status: 'incomplete', chunkCount: 3, endReason: 'failed' });
    const { bytes, incomplete } = await readRecording(vault, recorder.id, true);
    expect(incomplete).to.equal(true);
    expect(bytes.length).to.equal(3 * SEGMENT_BYTES);
    expect(startsWith(bytes, WEBM_MAGIC)).to.equal(true);

    expect(media.contexts.map((c) => c.state)).to.deep.equal(['closed']);
    expect(media.recorders.map((r) => r.state)).to.deep.equal(['inactive']);
    expect(media.recorders[0]?.stream.getTracks().map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
  });

  it('refuses to start without consent: nothing is captured or stored', async () => {
    const storage = new MemoryStorage();
    const media = spyOnMedia();
    const getUserMedia = sinon.spy(navigator.mediaDevices, 'getUserMedia');
    const meta1 = meta();
    const recorder = recorderFor({
      vault: vaultOver(storage),
      consent: { require: () => Promise.reject(consentRequired('recording')), onWithdrawn: () => () => undefined },
      local: new MediaStream(),
      remote: new MediaStream(),
      meta: meta1,
    });
    expect((await rejection(recorder.start())).code).to.equal('CONSENT_REQUIRED');
    expect(recorder.state).to.equal('failed');
    expect(await storage.listByCall(meta1.callId)).to.deep.equal([]);
    expect(media.contexts).to.have.length(0);
    expect(media.recorders).to.have.length(0);
    expect(getUserMedia.called).to.equal(false);
  });

  it('refuses to start when consent is withdrawn while starting', async () => {
    const storage = new MemoryStorage();
    const media = spyOnMedia();
    let withdraw = () => {};
    const consent: CaptureConsentSource = {
      async require() {
        withdraw();
        return 'consent-1';
      },
      onWithdrawn(_purpose, listener) {
        withdraw = listener;
        return () => undefined;
      },
    };
    const meta1 = meta();
    const recorder = recorderFor({ vault: vaultOver(storage), consent, local: new MediaStream(), remote: new MediaStream(), meta: meta1 });
    expect((await rejection(recorder.start())).code).to.equal('CONSENT_REQUIRED');
    expect(await storage.listByCall(meta1.callId)).to.deep.equal([]);
    expect(media.recorders).to.have.length(0);
  });

  itWithInPageCalls('stops at once when consent is withdrawn and deletes what was recorded (by default)', async function () {
    this.timeout(30_000);
    const storage = new MemoryStorage();
    const meta1 = meta();
    const { grant, withdraw, consent } = await ledgerWithGrant(meta1.subjectId, meta1.callId);
    const local = source(await cameraSource());
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const media = spyOnMedia();
    const recorder = recorderFor({ vault: vaultOver(storage), consent, local: local.stream, remote: remote.stream, meta: meta1, timesliceMs: 500 });
    const progress = progressOf(recorder);
    const stopped = new Promise<RecorderStopped>((resolve) => recorder.on('stopped', resolve));
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 2, 'two chunks written', 10_000);

    await withdraw();
    expect(media.recorders[0]?.state, "the browser's recorder right after the withdrawal").to.equal('inactive');
    const { metadata, reason, deleted } = await stopped;
    expect({ reason, deleted }).to.deep.equal({ reason: 'consent-withdrawn', deleted: true });
    expect(metadata, 'the artifact as it was before the deletion').to.include({ id: recorder.id, kind: 'recording', consentRef: grant.id });
    expect(recorder.state).to.equal('stopped');
    expect((await rejection(storage.getMetadata(recorder.id))).code).to.equal('STORAGE_NOT_FOUND');
    expect(await storage.listByCall(meta1.callId)).to.deep.equal([]);
  });

  itWithInPageCalls("with afterWithdrawal 'keep', keeps what was stored before the withdrawal and stores no chunk that was waiting", async function () {
    this.timeout(30_000);
    const storage = new MemoryStorage();
    const vault = vaultOver(storage);
    const meta1 = meta();
    const { grant, withdraw, consent } = await ledgerWithGrant(meta1.subjectId, meta1.callId);
    const local = source(await cameraSource());
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const media = spyOnMedia();
    const recorder = recorderFor({ vault, consent, local: local.stream, remote: remote.stream, meta: meta1, timesliceMs: 500, afterWithdrawal: 'keep' });
    const progress = progressOf(recorder);
    const stopped = new Promise<RecorderStopped>((resolve) => recorder.on('stopped', resolve));
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 2, 'two chunks written', 10_000);

    const writtenBefore = chunksWritten(progress);
    let handedOverAfter = 0;
    media.recorders[0]?.addEventListener('dataavailable', () => handedOverAfter++);
    await withdraw();
    expect(recorder.state, 'right after the withdrawal').to.be.oneOf(['stopping', 'stopped']);
    expect(media.recorders[0]?.state, "the browser's recorder right after the withdrawal").to.equal('inactive');
    const { metadata, reason, deleted } = await stopped;
    expect({ reason, deleted }).to.deep.equal({ reason: 'consent-withdrawn', deleted: false });
    expect(recorder.state).to.equal('stopped');
    expect(metadata).to.include({ status: 'complete', endReason: 'consent-withdrawn', consentRef: grant.id });
    expect(await storage.getMetadata(recorder.id)).to.include({ status: 'complete', endReason: 'consent-withdrawn' });
    expect(await recorder.stop()).to.deep.equal(metadata);

    expect(handedOverAfter, 'chunks the browser handed over after the withdrawal').to.be.greaterThan(0);
    expect(chunksWritten(progress), 'chunks written: those before, and at most the one being written').to.be.at.most(writtenBefore + 1);
    const { bytes } = await readRecording(vault, recorder.id);
    expect(bytes.length, 'exactly the chunks written').to.equal(progress.at(-1)?.bytes);
    const playback = await playRecording(bytes, metadata.mimeType, { maxFrames: 3, timeoutMs: 5000 });
    expect(playback.frames).to.equal(3);
  });

  itWithInPageCalls("releases what it made on stop, attaches nothing to the page and leaves the call's streams running", async () => {
    const local = source(await cameraSource());
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const media = spyOnMedia();
    const elements = () => document.querySelectorAll('*').length;
    const before = elements();
    const recorder = recorderFor({ vault: vaultOver(new MemoryStorage()), consent: grantedConsent(), local: local.stream, remote: remote.stream, timesliceMs: 500 });
    const progress = progressOf(recorder);
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 1, 'a chunk written', 10_000);
    expect(elements(), 'elements in the document while recording').to.equal(before);
    await recorder.stop();

    expect(media.contexts.map((c) => c.state)).to.deep.equal(['closed']);
    expect(media.recorders[0]?.stream.getTracks().map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    for (const track of [...local.stream.getTracks(), ...remote.stream.getTracks()]) expect(track.readyState, `${track.kind} track of the call`).to.equal('live');
  });

  itWithInPageCalls('keeps recording through a camera switch and a new remote stream', async function () {
    this.timeout(30_000);
    const vault = vaultOver(new MemoryStorage());
    const local = source(colorSource(BLUE));
    const remote = source(colorSource(MAGENTA, { toneHz: 440 }));
    const recorder = recorderFor({ vault, consent: grantedConsent(), local: local.stream, remote: remote.stream, timesliceMs: 500 });
    const progress = progressOf(recorder);
    const errors: SealcallError[] = [];
    recorder.on('error', (error) => errors.push(error));
    await recorder.start();
    await eventually(() => chunksWritten(progress) >= 2, 'two chunks written', 10_000);

    // A camera switch: the call replaces the track inside the same stream, and no event says so.
    const otherCamera = source(colorSource(YELLOW));
    const [oldTrack] = local.stream.getVideoTracks();
    if (oldTrack) local.stream.removeTrack(oldTrack);
    oldTrack?.stop();
    local.stream.addTrack(otherCamera.stream.getVideoTracks()[0] as MediaStreamTrack);
    // The peer reconnected: a new stream, and the old one ends.
    const reconnected = source(colorSource(CYAN, { toneHz: 880 }));
    recorder.replaceStream('remote', reconnected.stream);
    remote.stop();
    const atChange = chunksWritten(progress);
    await eventually(() => chunksWritten(progress) >= atChange + 3, 'chunks written after the changes', 10_000);
    const metadata = await recorder.stop();
    expect(errors).to.deep.equal([]);

    const { bytes } = await readRecording(vault, metadata.id);
    const playback = await playRecording(bytes, metadata.mimeType, { points: SIDES, playbackRate: 2 });
    expect(playback.ended).to.equal(true);
    const seen = (side: 'local' | 'remote', color: typeof BLUE) => playback.samples.some((s) => looksLike(s[side], color));
    expect(seen('remote', MAGENTA) && seen('local', BLUE), 'the sides before the changes').to.equal(true);
    const last = playback.samples.at(-1);
    expect(looksLike(last?.remote, CYAN), `the new remote stream at the end, got ${String(last?.remote)}`).to.equal(true);
    expect(looksLike(last?.local, YELLOW), `the switched camera at the end, got ${String(last?.local)}`).to.equal(true);
    const audio = await decodeAudio(bytes);
    expect(audio.power(880), "the new remote stream's tone").to.be.greaterThan(10 * audio.power(1234));
  });

  it('stop() while starting stops once started, with a complete artifact', async () => {
    const storage = new MemoryStorage();
    const local = source(colorSource(BLUE));
    const remote = source(colorSource(MAGENTA));
    const recorder = recorderFor({ vault: vaultOver(storage), consent: grantedConsent(), local: local.stream, remote: remote.stream });
    const started = recorder.start();
    expect(recorder.state).to.equal('starting');
    const metadata = await recorder.stop('call-ended');
    await started;
    expect(recorder.state).to.equal('stopped');
    expect(metadata).to.include({ status: 'complete', endReason: 'call-ended' });
    expect(await storage.getMetadata(recorder.id)).to.deep.equal(metadata);
  });

  it('rejects malformed options with INVALID_ARGUMENT, and a second start() with INVALID_STATE', async () => {
    const vault = vaultOver(new MemoryStorage());
    const valid = { vault, consent: grantedConsent(), local: new MediaStream(), remote: new MediaStream(), meta: meta() };
    const invalid = (options: object) => {
      try {
        new CallRecorder(options as CallRecorderOptions);
      } catch (error) {
        return (error as SealcallError).code;
      }
      return 'accepted';
    };
    expect(invalid({ ...valid, local: {} })).to.equal('INVALID_ARGUMENT');
    expect(invalid({ ...valid, timesliceMs: 60_000 })).to.equal('INVALID_ARGUMENT');
    expect(invalid({ ...valid, layout: 'grid' })).to.equal('INVALID_ARGUMENT');
    expect(invalid({ ...valid, meta: { ...valid.meta, id: 'no spaces' } })).to.equal('INVALID_ARGUMENT');
    const refused = recorderFor({ ...valid, consent: { require: () => Promise.reject(consentRequired('recording')), onWithdrawn: () => () => undefined } });
    await rejection(refused.start());
    expect((await rejection(refused.start())).code).to.equal('INVALID_STATE');
    expect((await rejection(refused.stop())).code).to.equal('CONSENT_REQUIRED');
  });
});
