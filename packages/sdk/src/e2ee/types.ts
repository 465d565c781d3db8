import type { CipherSuiteId } from '@sealcall/sframe';
import type { SealcallError } from '../errors.js';
import type { ShortAuthString } from './sas.js';

export type { ShortAuthString };

/**
 * Why a frame never reached the encoder's output or the decoder. `key-invalid`: its key failed
 * authentication too many times in a row and its frames are no longer tried (see
 * `failureTolerance`).
 */
export type FrameDropReason = 'no-key' | 'auth-failed' | 'key-invalid' | 'unknown-key' | 'replay' | 'malformed' | 'error';

export interface E2EEStats {
  /** Outgoing frames encrypted. */
  readonly encrypted: number;
  /** Incoming frames decrypted and passed to the decoder. */
  readonly decrypted: number;
  readonly dropped: Readonly<Record<FrameDropReason, number>>;
  /** The KID this side encrypts with, if it has a key. */
  readonly sendKid: number | undefined;
  /** The KIDs this side decrypts now (a rotated key stays for the grace period). */
  readonly receiveKids: readonly number[];
}

/** Frames dropped over one period (at most one report a second, only when something was dropped). */
export interface E2EEDropReport {
  readonly reasons: Readonly<Partial<Record<FrameDropReason, number>>>;
  /** Frames decrypted in the same period. */
  readonly decrypted: number;
  readonly periodMs: number;
  /** Authentication failures (`auth-failed` and `key-invalid`) as a share of incoming frames. */
  readonly authFailureRate: number;
  /**
   * True while at least 20% of incoming frames (and at least 10) fail authentication: someone
   * on the media path alters or injects frames, or the keys no longer match.
   */
  readonly alarm: boolean;
}

/**
 * `negotiating` until the key agreement with the other participant is done (no media flows);
 * `active` while frames are encrypted; `re-securing` while keys are agreed again with the same
 * participant (after the encryption worker was restarted, or the other side's was): media
 * pauses meanwhile; `failed` when encryption cannot run at all in this browser session (no
 * media flows, ever).
 */
export type E2EEState = 'negotiating' | 'active' | 're-securing' | 'failed';

export interface E2EEStatus {
  readonly state: E2EEState;
  /** Compare aloud with the other participant: equal on both sides means no one is in the middle. */
  readonly sas?: ShortAuthString;
  /**
   * True once `CallSession.confirmSecurityCode()` said the codes matched, for this agreement.
   * Every new agreement (a new participant, a restarted worker on either side) makes it false.
   */
  readonly verified: boolean;
  /** The KID this side encrypts with now; it changes on every rotation. */
  readonly sendKid?: number;
  /** Key-agreement messages that failed verification or were replayed, since this participant arrived. */
  readonly invalidShares: number;
  /**
   * True once `invalidShares` reached `interferenceThreshold`: someone on the signaling path
   * sends forged or replayed key shares, or the other participant opened a different link.
   * The call still agrees keys with a genuine participant, if there is one.
   */
  readonly interference: boolean;
  /** Why: E2EE_AUTH_FAILED with interference, E2EE_WORKER_FAILED or E2EE_UNSUPPORTED when failed. */
  readonly error?: SealcallError;
}

/** Where frames are transformed: the standard RTCRtpScriptTransform, or Chromium's older createEncodedStreams. */
export type TransformApi = 'script-transform' | 'encoded-streams';

export interface E2EEOptions {
  /** The call secret from the invitation link (`createCallSecret()` on the agent's side). */
  secret: Uint8Array;
  /** RFC 9605 cipher suite. Default 4, AES_128_GCM_SHA256_128. */
  suite?: CipherSuiteId;
  /**
   * Suites 2 and 3 authenticate frames with 64- and 32-bit tags, which a forger can hit by
   * chance; they are refused unless this is true.
   */
  allowShortTags?: boolean;
  /** Rotate the send key this often. Default 10 minutes; 0 turns timed rotation off. */
  rotationIntervalMs?: number;
  /** How long an old receive key stays after a rotation, for frames in flight. Default 5 s. */
  keyGraceMs?: number;
  /** Consecutive authentication failures after which a receive key is marked invalid. Default 10. */
  failureTolerance?: number;
  /** Invalid key-agreement messages after which `interference` is reported. Default 1. */
  interferenceThreshold?: number;
  /** A worker that answers no heartbeat for this long is replaced. Default 3000 ms. */
  workerTimeoutMs?: number;
  /** Default: `encoded-streams` where it exists (Chromium, whose receiver script transforms do not run on sendrecv transceivers), else `script-transform`. */
  transform?: TransformApi;
  /** Makes the worker; default `new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module' })`. */
  createWorker?: () => Worker;
}
