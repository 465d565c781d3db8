import type { CipherSuiteId } from '@sealcall/sframe';
import type { Role } from '../signaling/types.js';
import type { E2EEDropReport, E2EEStats } from './types.js';
import type { DataOpened } from './worker/data-cryptor.js';
import type { AgreementMessage, AgreementStatus } from './worker/key-agreement.js';
import type { X25519Backend } from './worker/x25519.js';

export type { AgreementMessage, AgreementStatus, DataOpened, X25519Backend };

export type TransformSide = 'send' | 'receive';
export type MediaKind = 'audio' | 'video';

/** Everything the worker needs to run a call's E2EE. The call secret is the only secret in it. */
export interface WorkerConfig {
  readonly suite: CipherSuiteId;
  readonly keyGraceMs: number;
  readonly failureTolerance: number;
  readonly callSecret: Uint8Array;
  readonly room: string;
  readonly role: Role;
  /** This side's first KID; the page passes one past every KID it saw, so a new worker never reuses one. */
  readonly firstKid: number;
  /** Default: WebCrypto where it has X25519. */
  readonly x25519?: X25519Backend;
}

/** What the page asks of the E2EE worker. Each carries an id that the reply repeats. */
export type WorkerCommand =
  | { kind: 'configure'; id: number; config: WorkerConfig }
  | { kind: 'begin'; id: number; peer: string }
  | { kind: 'forget'; id: number }
  | { kind: 'agreement-message'; id: number; peer: string; message: AgreementMessage }
  | { kind: 'rotate'; id: number }
  | { kind: 'stats'; id: number }
  | { kind: 'ping'; id: number }
  /** The other side asked for a key frame: make one (through the standard transformers). */
  | { kind: 'generate-key-frame'; id: number }
  | { kind: 'attach-streams'; id: number; side: TransformSide; media: MediaKind; readable: ReadableStream; writable: WritableStream }
  /** Seal a message for the data channel under this side's data key. */
  | { kind: 'seal-data'; id: number; plaintext: Uint8Array }
  /** Open a frame that arrived on the data channel. */
  | { kind: 'open-data'; id: number; frame: Uint8Array };

export type WorkerReply =
  | { kind: 'done'; id: number }
  | { kind: 'agreement'; id: number; send: AgreementMessage[]; status: AgreementStatus; sendKid: number | undefined }
  | { kind: 'rotated'; id: number; sendKid: number }
  | { kind: 'stats'; id: number; stats: E2EEStats }
  | { kind: 'pong'; id: number }
  /** `frame` is undefined while no agreement has completed. */
  | { kind: 'sealed'; id: number; frame: Uint8Array | undefined }
  | { kind: 'opened'; id: number; opened: DataOpened }
  | { kind: 'failed'; id: number; message: string };

/** What the worker says on its own. */
export type WorkerEvent =
  | { kind: 'drop-report'; report: E2EEDropReport }
  | { kind: 'key-invalid'; kid: number }
  /** A key frame is needed on this side; with encoded streams the page must see to it. */
  | { kind: 'key-frame-needed'; side: TransformSide };

/**
 * The worker's first message: its listeners are in place. Until then the page holds its
 * requests, since a module worker whose evaluation is still under way drops what it is sent.
 */
export interface WorkerHello {
  kind: 'ready';
}

export type WorkerMessage = WorkerReply | WorkerEvent | WorkerHello;

/** The options RTCRtpScriptTransform hands to the worker's `rtctransform` event. */
export interface ScriptTransformOptions {
  side: TransformSide;
  media: MediaKind;
}
