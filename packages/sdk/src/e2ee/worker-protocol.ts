import type { CipherSuiteId } from '@sealcall/sframe';
import type { FrameKeys } from './frame-cryptor.js';
import type { E2EEStats } from './types.js';

export type TransformSide = 'send' | 'receive';

/** What the main thread asks of the E2EE worker. Each carries an id that the reply repeats. */
export type WorkerCommand =
  | { kind: 'configure'; id: number; suite: CipherSuiteId; keyGraceMs: number }
  | ({ kind: 'set-keys'; id: number } & FrameKeys)
  | { kind: 'rotate'; id: number }
  | { kind: 'clear'; id: number }
  | { kind: 'stats'; id: number }
  | { kind: 'attach-streams'; id: number; side: TransformSide; readable: ReadableStream; writable: WritableStream };

export type WorkerReply =
  | { kind: 'done'; id: number }
  | { kind: 'rotated'; id: number; sendKid: number }
  | { kind: 'stats'; id: number; stats: E2EEStats }
  | { kind: 'failed'; id: number; message: string };

/** The options RTCRtpScriptTransform hands to the worker's `rtctransform` event. */
export interface ScriptTransformOptions {
  side: TransformSide;
}
