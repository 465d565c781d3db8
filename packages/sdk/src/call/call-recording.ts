import type { CaptureConsentSource } from '../capture/consent-source.js';
import type { CallRecorder } from '../capture/recorder.js';
import { SealcallError } from '../errors.js';
import type { CallState, RecordingStatus, StartRecordingOptions } from './types.js';

/** What the recording of a call tells the session. */
export interface CallRecordingHooks {
  /** This side's recording started or stopped: the other side must know. */
  announce(recording: boolean): void;
  changed(status: RecordingStatus): void;
  failed(error: SealcallError): void;
}

/** The call as a recording starts from it. */
export interface RecordedCall {
  readonly state: CallState;
  readonly local: MediaStream | undefined;
  readonly remote: MediaStream | undefined;
  consent(): CaptureConsentSource;
}

/**
 * The recording of one call: at most one recorder at a time, and whether a recording runs on
 * this side (`local`) or the other (`remote`), which each side announces to the other.
 */
export class CallRecording {
  readonly #hooks: CallRecordingHooks;
  #status: RecordingStatus = { local: false, remote: false };
  #recorder: CallRecorder | undefined;

  constructor(hooks: CallRecordingHooks) {
    this.#hooks = hooks;
  }

  get status(): RecordingStatus {
    return this.#status;
  }

  /** Rejects INVALID_STATE (not connected, or a recording runs), CONSENT_REQUIRED and the recorder's errors. */
  async start(options: StartRecordingOptions, call: () => RecordedCall): Promise<CallRecorder> {
    // Loaded by the side that records (the customer's page never does), before the checks below.
    const { CallRecorder } = await import('../capture/recorder.js');
    const recorded = call();
    const { state, local, remote } = recorded;
    if (state !== 'connected' || !local || !remote) throw new SealcallError('INVALID_STATE', `Record once the call is connected; it is ${state}.`);
    if (this.#recorder && !['stopped', 'failed'].includes(this.#recorder.state)) {
      throw new SealcallError('INVALID_STATE', 'A recording of this call runs already: stop it before starting another.');
    }
    const recorder = new CallRecorder({ ...options, consent: recorded.consent(), local, remote });
    this.#recorder = recorder;
    recorder.on('state', ({ state }) => {
      if (recorder === this.#recorder) this.#set({ local: state === 'starting' || state === 'recording' || state === 'stopping' });
    });
    await recorder.start();
    return recorder;
  }

  /** The other side's video came anew (a rebuilt connection): a running recording follows it. */
  remoteStream(stream: MediaStream): void {
    if (this.#recorder?.state === 'recording') this.#recorder.replaceStream('remote', stream);
  }

  /** The other side said whether it records. */
  remoteRecording(recording: boolean): void {
    this.#set({ remote: recording });
  }

  /** The other participant (re)arrived: it hears again that this side records. */
  peerArrived(): void {
    if (this.#status.local) this.#hooks.announce(true);
  }

  /** The call ends: a running recording is completed, marked `call-ended`; its failure is reported. */
  stop(): void {
    const recorder = this.#recorder;
    if (!recorder || recorder.state === 'stopped' || recorder.state === 'failed' || recorder.state === 'idle') return;
    recorder.stop('call-ended').catch((cause: unknown) => {
      this.#hooks.failed(cause instanceof SealcallError ? cause : new SealcallError('CAPTURE_FAILED', 'The recording could not be completed when the call ended.', { cause }));
    });
  }

  #set(change: Partial<RecordingStatus>): void {
    const next = { ...this.#status, ...change };
    if (next.local === this.#status.local && next.remote === this.#status.remote) return;
    const announce = next.local !== this.#status.local;
    this.#status = next;
    if (announce) this.#hooks.announce(next.local);
    this.#hooks.changed(next);
  }
}
