import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import type { SealcallError } from '../errors.js';
import type { ArtifactEndReason, ArtifactMetadata } from '../storage/types.js';
import type { CaptureConsentSource } from './consent-source.js';

/** One participant of the 1:1 call, as this browser sees it: `local` is whoever runs the recorder. */
export type RecordingSide = 'local' | 'remote';

/**
 * `side-by-side`: the remote participant in the left half, the local one in the right half.
 * `picture-in-picture`: the remote participant fills the picture, the local one is inset in the
 * bottom-right corner. Each picture keeps its aspect ratio, with black bars where it does not fill.
 */
export type RecordingLayout = 'side-by-side' | 'picture-in-picture';

/**
 * idle -> starting -> recording -> stopping -> stopped, or `failed` (with the error, reported by
 * the `error` event and by the rejection of `start()` or `stop()`). A recorder records once.
 * Media is captured from `recording` until `stopping`: show the participants that a recording
 * runs (and tell the other side) from `starting` until `stopped` or `failed`.
 */
export type RecorderState = 'idle' | 'starting' | 'recording' | 'stopping' | 'stopped' | 'failed';

/** Why `stop()` was called; `failed` is the recorder's own to set. */
export type RecorderStopReason = Exclude<ArtifactEndReason, 'failed'>;

export type AfterWithdrawal = 'delete' | 'keep';

/** The stored artifact's metadata that only the caller knows; the recorder adds the rest. */
export interface RecordingMeta {
  readonly callId: string;
  /** Pseudonymous (`pseudonymousSubjectId`), never a customer number or a name. */
  readonly subjectId: string;
  /** Milliseconds since the epoch, when retention deletes the recording. */
  readonly expiresAt: number;
  /** The artifact id. Default: a random UUID. */
  readonly id?: string;
}

export interface CallRecorderOptions {
  /** Encrypts each chunk and stores it as it comes. */
  readonly vault: ArtifactVault;
  /** Asked for `recording` consent before anything is captured; its withdrawal stops the recording at once. */
  readonly consent: CaptureConsentSource;
  /**
   * What becomes of a recording when the consent is withdrawn during it. Either way the recording
   * stops at once and no chunk still waiting to be stored is written.
   * - `delete` (default): the artifact is deleted, wherever the storage keeps it: consent was
   *   its only basis (GDPR Art. 17(1)(b)).
   * - `keep`: what was stored up to the withdrawal is completed and marked
   *   `endReason: 'consent-withdrawn'`. Only where you have another legal basis to keep it
   *   (Art. 17(3), e.g. a legal obligation), which your records of processing must name.
   */
  readonly afterWithdrawal?: AfterWithdrawal;
  /** This participant's camera and microphone. Not stopped by the recorder: they belong to the call. */
  readonly local: MediaStream;
  /** The other participant's stream. Not stopped by the recorder. */
  readonly remote: MediaStream;
  readonly meta: RecordingMeta;
  /** Default `side-by-side`. */
  readonly layout?: RecordingLayout;
  /**
   * How much media each chunk holds, 100 to 10 000 ms. Default 2000. Each chunk is encrypted and
   * written when it arrives: a crash loses the chunk being recorded and what the vault has not
   * yet stored of the ones before (less than one 64 KiB segment).
   */
  readonly timesliceMs?: number;
  /** Default: the first of RECORDING_MIME_TYPES this browser's MediaRecorder supports. */
  readonly mimeType?: string;
  /** Default 2 500 000. */
  readonly videoBitsPerSecond?: number;
  /** Of the recorded picture, 16 to 4096. Default 1280 x 360 side by side, 1280 x 720 picture in picture. */
  readonly width?: number;
  readonly height?: number;
  /** Frames per second drawn and recorded, 1 to 60. Default 25. */
  readonly frameRate?: number;
}

export interface RecorderStateChange {
  readonly state: RecorderState;
  readonly previous: RecorderState;
}

/** After each chunk the vault accepted: its bytes (before encryption) and count so far. */
export interface RecorderProgress {
  readonly bytes: number;
  readonly chunks: number;
  /** Since recording began. */
  readonly elapsedMs: number;
}

export interface RecorderStopped {
  /** The artifact as stored; if `deleted`, as it was just before. */
  readonly metadata: ArtifactMetadata;
  readonly reason: RecorderStopReason;
  /** The recording was deleted: the consent was withdrawn and `afterWithdrawal` is `delete`. */
  readonly deleted: boolean;
}

export interface RecorderEvents {
  state: RecorderStateChange;
  progress: RecorderProgress;
  /**
   * Something went wrong after `start()` resolved. When it ends the recording (storage refused a
   * chunk, the encoder failed), `state` goes to `failed`; otherwise (one side's video would not
   * play) the recording goes on.
   */
  error: SealcallError;
  /** The recording ended and its artifact is complete, or deleted after a withdrawal. Not emitted on failure. */
  stopped: RecorderStopped;
}
