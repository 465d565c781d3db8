import type { VaultWriter } from '../at-rest/types.js';
import { SealcallError, type SealcallErrorCode } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { ArtifactEndReason, ArtifactMetadata } from '../storage/types.js';
import { CallMix } from './mix.js';
import { checkStream, recorderSettings, type RecorderSettings } from './recorder-options.js';
import type { CallRecorderOptions, RecorderEvents, RecorderState, RecorderStopReason, RecordingSide } from './recorder-types.js';
import { ChunkPipe } from './recording-chunk-pipe.js';
import { pickRecordingMimeType, RECORDING_MIME_TYPES } from './recording-mime-type.js';

const STOP_REASONS: ReadonlySet<string> = new Set<RecorderStopReason>(['stopped', 'consent-withdrawn', 'call-ended']);

/**
 * Records both sides of a 1:1 call as one video, with the `recording` consent, into an
 * ArtifactVault: the pictures laid out side by side or picture in picture, the two sides' audio
 * mixed. The MediaRecorder hands over a chunk every `timesliceMs`; each is encrypted and stored
 * as it comes, in order, and never held longer. A closed tab or a crash leaves an `incomplete`
 * artifact readable up to its last stored segment.
 *
 * When the consent is withdrawn the recording stops at once and no chunk still waiting is stored;
 * what was stored is deleted, or with `afterWithdrawal: 'keep'` completed and marked
 * `endReason: 'consent-withdrawn'`. When storage fails (quota), recording
 * stops, `error` reports it, and the chunks stored before stay readable (`incomplete`).
 *
 * Track changes do not stop it: a track swapped inside a stream (camera switch) is followed, a
 * track that ends leaves its side black or silent, and `replaceStream()` takes a new stream for
 * a side (the peer reconnected). On stop or failure everything it made is released; the call's
 * own streams are never stopped.
 */
export class CallRecorder {
  /** The id of the artifact the recording is stored as: `meta.id`, or a random UUID. */
  readonly id: string;
  readonly #settings: RecorderSettings;
  readonly #events = new Emitter<RecorderEvents>();
  readonly #streams: Record<RecordingSide, MediaStream>;
  #state: RecorderState = 'idle';
  #starting: Promise<void> | undefined;
  #ending: Promise<ArtifactMetadata> | undefined;
  #failure: SealcallError | undefined;
  #withdrawn = false;
  #offWithdrawn: (() => void) | undefined;
  #mix: CallMix | undefined;
  #media: MediaRecorder | undefined;
  #mediaStopped: Promise<void> = Promise.resolve();
  #writer: VaultWriter | undefined;
  #pipe: ChunkPipe | undefined;
  #startedAt = 0;

  /** Throws INVALID_ARGUMENT for a missing or malformed option; touches no device and no storage. */
  constructor(options: CallRecorderOptions) {
    this.#settings = recorderSettings(options);
    this.id = this.#settings.meta.id;
    this.#streams = { local: this.#settings.local, remote: this.#settings.remote };
  }

  get state(): RecorderState {
    return this.#state;
  }

  on<K extends keyof RecorderEvents & string>(type: K, listener: (detail: RecorderEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /**
   * Checks the `recording` consent, then starts mixing and recording; resolves once media is
   * being recorded. Rejects, with nothing recorded or left stored and the state `failed`:
   * CONSENT_REQUIRED (no consent, or it was withdrawn meanwhile), CAPTURE_UNAVAILABLE (no
   * MediaRecorder, no supported type, no Web Audio or canvas capture), the vault's errors
   * (INVALID_ARGUMENT for metadata the storage refuses, STORAGE_*), or INVALID_STATE when the
   * recorder was started before. Call it from a user gesture, so that audio may start.
   */
  start(): Promise<void> {
    if (this.#state !== 'idle') return Promise.reject(new SealcallError('INVALID_STATE', `start() may be called once; the recorder is ${this.#state}. Make a new CallRecorder to record again.`));
    this.#starting = this.#start();
    return this.#starting;
  }

  /**
   * Stops recording, stores the last chunk and completes the artifact; `reason` other than
   * `stopped` is kept as its `endReason`. Resolves with its metadata; rejects with the error that
   * failed the recording. Idempotent: calls after the first return the same promise. Called
   * while starting, it stops once started.
   */
  stop(reason: RecorderStopReason = 'stopped'): Promise<ArtifactMetadata> {
    if (!STOP_REASONS.has(reason)) {
      return Promise.reject(new SealcallError('INVALID_ARGUMENT', `"reason" expected stopped, consent-withdrawn or call-ended, got ${String(reason)}`));
    }
    switch (this.#state) {
      case 'idle':
        return Promise.reject(new SealcallError('INVALID_STATE', 'stop() before start(): nothing is being recorded.'));
      case 'starting':
        return (this.#starting as Promise<void>).then(() => this.#end(reason));
      case 'recording':
        return this.#end(reason);
      case 'stopping':
      case 'stopped':
      case 'failed':
        return this.#ending ?? Promise.reject(this.#failure);
    }
  }

  /**
   * Records `stream` for `side` from now on, in place of the one it had (the peer reconnected
   * with a new stream). Not needed for a track replaced inside the same stream: that is followed.
   * Before start() it changes what will be recorded; after the recording ended, nothing.
   */
  replaceStream(side: RecordingSide, stream: MediaStream): void {
    if (side !== 'local' && side !== 'remote') throw new SealcallError('INVALID_ARGUMENT', `"side" expected local or remote, got ${String(side)}`);
    checkStream(stream, 'stream');
    this.#streams[side] = stream;
    this.#mix?.replace(side, stream);
  }

  async #start(): Promise<void> {
    this.#setState('starting');
    const { consent, vault, meta, layout, width, height, frameRate } = this.#settings;
    this.#offWithdrawn = consent.onWithdrawn('recording', () => this.#onWithdrawn());
    try {
      const consentRef = await this.#requireConsent();
      const mimeType = this.#mimeType();
      this.#mix = new CallMix({ ...this.#streams, layout, width, height, frameRate, onError: (error) => this.#events.emit('error', error) });
      const media = this.#mediaRecorder(this.#mix.stream, mimeType);
      this.#writer = await vault.write({ meta: { ...meta, kind: 'recording', mimeType: media.mimeType || mimeType, consentRef } });
      this.#checkNotWithdrawn();
      this.#record(media, this.#writer);
      this.#setState('recording');
    } catch (error) {
      this.#failure = asSealcallError(error, 'CAPTURE_FAILED', 'The recording could not be started.');
      await this.#abandon();
      this.#setState('failed');
      throw this.#failure;
    }
  }

  async #requireConsent(): Promise<string> {
    let consentRef: string;
    try {
      consentRef = await this.#settings.consent.require('recording');
    } catch (error) {
      throw asSealcallError(error, 'CONSENT_REQUIRED', 'The "recording" consent could not be checked, so nothing was recorded.');
    }
    this.#checkNotWithdrawn();
    return consentRef;
  }

  #checkNotWithdrawn(): void {
    if (this.#withdrawn) throw new SealcallError('CONSENT_REQUIRED', 'The "recording" consent was withdrawn while the recording was starting; nothing was recorded.');
  }

  #mimeType(): string {
    const preferred = this.#settings.mimeType;
    const type = pickRecordingMimeType(preferred);
    if (type) return type;
    if (typeof MediaRecorder === 'undefined') throw new SealcallError('CAPTURE_UNAVAILABLE', 'This browser has no MediaRecorder: calls cannot be recorded in it.');
    if (preferred !== undefined) throw new SealcallError('CAPTURE_UNAVAILABLE', `This browser cannot record "${preferred}": leave mimeType out to use the first type it supports.`);
    throw new SealcallError('CAPTURE_UNAVAILABLE', `This browser's MediaRecorder supports none of ${RECORDING_MIME_TYPES.join(', ')}: calls cannot be recorded in it.`);
  }

  #mediaRecorder(stream: MediaStream, mimeType: string): MediaRecorder {
    try {
      return new MediaRecorder(stream, { mimeType, videoBitsPerSecond: this.#settings.videoBitsPerSecond });
    } catch (cause) {
      throw new SealcallError('CAPTURE_UNAVAILABLE', `This browser's MediaRecorder refused to record "${mimeType}".`, { cause });
    }
  }

  #record(media: MediaRecorder, writer: VaultWriter): void {
    const pipe = new ChunkPipe(writer, {
      onWritten: (bytes, chunks) => this.#events.emit('progress', { bytes, chunks, elapsedMs: performance.now() - this.#startedAt }),
      onFailed: (error) => this.#fail(error),
    });
    media.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) pipe.push(event.data);
    });
    media.addEventListener('error', (event) => {
      const cause = 'error' in event ? event.error : event;
      this.#fail(new SealcallError('CAPTURE_FAILED', "The browser's recorder failed; what it recorded up to then is kept.", { cause }));
    });
    this.#mediaStopped = new Promise((resolve) => media.addEventListener('stop', () => resolve(), { once: true }));
    this.#media = media;
    this.#pipe = pipe;
    try {
      media.start(this.#settings.timesliceMs);
    } catch (cause) {
      throw new SealcallError('CAPTURE_FAILED', "The browser's recorder would not start.", { cause });
    }
    this.#startedAt = performance.now();
  }

  #onWithdrawn(): void {
    this.#withdrawn = true;
    this.#pipe?.cancel();
    // A failure to store the end is reported by the `error` event.
    if (this.#state === 'recording') this.#end('consent-withdrawn').catch(() => undefined);
  }

  /** Reports `error`; the first one fails the recording, which then ends. */
  #fail(error: SealcallError): void {
    this.#failure ??= error;
    this.#events.emit('error', error);
    // The promise rejects with the failure just reported.
    if (this.#state === 'recording') this.#end('failed').catch(() => undefined);
  }

  #end(reason: ArtifactEndReason): Promise<ArtifactMetadata> {
    this.#ending ??= this.#finish(reason);
    return this.#ending;
  }

  /** Synchronous up to `media.stop()`: a withdrawal stops the capture before anything else runs. */
  async #finish(requested: ArtifactEndReason): Promise<ArtifactMetadata> {
    this.#setState('stopping');
    this.#offWithdrawn?.();
    const media = this.#media as MediaRecorder;
    if (media.state !== 'inactive') media.stop();
    await this.#mediaStopped;
    await this.#release();
    try {
      await (this.#pipe as ChunkPipe).drained();
    } catch {
      // Reported by the pipe already. The writer keeps the segments stored before the failure and
      // refuses the rest: the artifact stays incomplete, readable with `allowIncomplete`.
      await this.#markEndAfterFailure();
      return this.#failed();
    }
    const reason = this.#failure ? 'failed' : requested;
    if (reason === 'consent-withdrawn' && this.#settings.afterWithdrawal === 'delete') return this.#delete();
    let metadata: ArtifactMetadata;
    try {
      // Marked before completing: an interruption between the two leaves an incomplete artifact
      // that says why it ended, never a complete one that does not.
      if (reason !== 'stopped') await this.#settings.vault.storage.updateMetadata(this.id, { endReason: reason });
      metadata = await (this.#writer as VaultWriter).close();
    } catch (error) {
      this.#fail(asSealcallError(error, 'STORAGE_FAILED', `Recording "${this.id}" could not be completed; what was stored stays readable as incomplete.`));
      return this.#failed();
    }
    if (reason === 'failed') return this.#failed();
    this.#setState('stopped');
    this.#events.emit('stopped', { metadata, reason, deleted: false });
    return metadata;
  }

  /** After a withdrawal, with `afterWithdrawal: 'delete'`: nothing of the recording stays stored. */
  async #delete(): Promise<ArtifactMetadata> {
    let metadata: ArtifactMetadata;
    try {
      metadata = await this.#settings.vault.storage.getMetadata(this.id);
      await (this.#writer as VaultWriter).abort();
    } catch (error) {
      this.#fail(asSealcallError(error, 'STORAGE_FAILED', `Recording "${this.id}" could not be deleted after the consent was withdrawn; delete it, or let retention do so.`));
      return this.#failed();
    }
    this.#setState('stopped');
    this.#events.emit('stopped', { metadata, reason: 'consent-withdrawn', deleted: true });
    return metadata;
  }

  /** The storage may refuse this too: that is reported as well, after the failure it follows. */
  async #markEndAfterFailure(): Promise<void> {
    try {
      await this.#settings.vault.storage.updateMetadata(this.id, { endReason: 'failed' });
    } catch (error) {
      this.#events.emit('error', asSealcallError(error, 'STORAGE_FAILED', `Recording "${this.id}" could not be marked as failed.`));
    }
  }

  #failed(): never {
    this.#setState('failed');
    throw this.#failure;
  }

  async #release(): Promise<void> {
    const mix = this.#mix;
    this.#mix = undefined;
    try {
      await mix?.close();
    } catch (error) {
      this.#events.emit('error', asSealcallError(error, 'CAPTURE_FAILED', "The recording's audio mixer could not be closed."));
    }
  }

  /** After a failed start: nothing was recorded, so the empty artifact goes too. */
  async #abandon(): Promise<void> {
    this.#offWithdrawn?.();
    await this.#release();
    try {
      await this.#writer?.abort();
    } catch (error) {
      this.#events.emit('error', asSealcallError(error, 'STORAGE_FAILED', `The empty artifact "${this.id}" of a recording that did not start could not be deleted.`));
    }
  }

  #setState(state: RecorderState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.#events.emit('state', { state, previous });
  }
}

function asSealcallError(error: unknown, code: SealcallErrorCode, message: string): SealcallError {
  return error instanceof SealcallError ? error : new SealcallError(code, message, { cause: error });
}
