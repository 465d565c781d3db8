import type { CipherSuiteId } from '@sealcall/sframe';
import type { SealcallError } from '../errors.js';
import type { ShortAuthString } from './sas.js';

export type { ShortAuthString };

/** Why a frame never reached the encoder's output or the decoder. */
export type FrameDropReason = 'no-key' | 'auth-failed' | 'unknown-key' | 'replay' | 'malformed' | 'error';

export interface E2EEStats {
  /** Outgoing frames encrypted. */
  readonly encrypted: number;
  /** Incoming frames decrypted and passed to the decoder. */
  readonly decrypted: number;
  readonly dropped: Readonly<Record<FrameDropReason, number>>;
}

/**
 * `negotiating` until the key agreement with the other participant is done (no media flows);
 * `active` while frames are encrypted; `failed` when the other side could not be
 * authenticated (no media flows, ever, until a new participant joins).
 */
export type E2EEState = 'negotiating' | 'active' | 'failed';

export interface E2EEStatus {
  readonly state: E2EEState;
  /** Compare aloud with the other participant: equal on both sides means no one is in the middle. */
  readonly sas?: ShortAuthString;
  /** The KID this side encrypts with now; it changes on every rotation. */
  readonly sendKid?: number;
  readonly error?: SealcallError;
}

/** Where frames are transformed: the standard RTCRtpScriptTransform, or Chromium's older createEncodedStreams. */
export type TransformApi = 'script-transform' | 'encoded-streams';

export interface E2EEOptions {
  /** The call secret from the invitation link (`createCallSecret()` on the agent's side). */
  secret: Uint8Array;
  /** RFC 9605 cipher suite. Default 4, AES_128_GCM_SHA256_128. */
  suite?: CipherSuiteId;
  /** Rotate the send key this often. Default 10 minutes; 0 turns timed rotation off. */
  rotationIntervalMs?: number;
  /** How long an old receive key stays after a rotation, for frames in flight. Default 5 s. */
  keyGraceMs?: number;
  /** Default: `encoded-streams` where it exists (Chromium, whose receiver script transforms do not run on sendrecv transceivers), else `script-transform`. */
  transform?: TransformApi;
  /** Makes the worker; default `new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module' })`. */
  createWorker?: () => Worker;
}
