import type { CipherSuiteId } from '@sealcall/sframe';
import { SealcallError } from '../errors.js';
import type { FrameKeys } from './frame-cryptor.js';
import type { E2EEStats, TransformApi } from './types.js';
import type { TransformSide, WorkerCommand, WorkerReply } from './worker-protocol.js';

type Command = WorkerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

interface EncodedStreams {
  readable: ReadableStream;
  writable: WritableStream;
}

// Chromium's pre-standard API: `encodedInsertableStreams: true` in the RTCConfiguration, then this.
interface WithEncodedStreams {
  createEncodedStreams(): EncodedStreams;
}

export function scriptTransformAvailable(): boolean {
  return typeof (globalThis as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform === 'function';
}

export function encodedStreamsAvailable(): boolean {
  return typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype;
}

/**
 * Chromium (measured in 156) never runs a receiver's RTCRtpScriptTransform on a sendrecv
 * transceiver (w3c/webrtc-encoded-transform#314), which is what a 1:1 call uses; its older
 * createEncodedStreams works. So: createEncodedStreams where it exists, the standard
 * RTCRtpScriptTransform elsewhere (Safari, Firefox).
 */
export function defaultTransformApi(): TransformApi | undefined {
  if (encodedStreamsAvailable()) return 'encoded-streams';
  if (scriptTransformAvailable()) return 'script-transform';
  return undefined;
}

/** The main thread's end of the E2EE worker: typed requests with replies, and transform wiring. */
export class E2EEWorkerClient {
  readonly #worker: Worker;
  readonly api: TransformApi;
  readonly #pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: SealcallError) => void }>();
  #nextId = 1;

  readonly #onError: (error: SealcallError) => void;

  /** `onError` hears of failures no request is waiting for (a crashed worker, a lost transform). */
  constructor(worker: Worker, api: TransformApi, onError: (error: SealcallError) => void) {
    this.#worker = worker;
    this.api = api;
    this.#onError = onError;
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#settle(event.data);
    worker.onerror = (event) => {
      const message = `The E2EE worker failed: ${event.message}`;
      this.#failAll(message);
      onError(new SealcallError('E2EE_WORKER_FAILED', message));
    };
  }

  configure(suite: CipherSuiteId, keyGraceMs: number): Promise<void> {
    return this.#request({ kind: 'configure', suite, keyGraceMs }).then(() => undefined);
  }

  setKeys(keys: FrameKeys): Promise<void> {
    return this.#request({ kind: 'set-keys', ...keys }).then(() => undefined);
  }

  async rotate(): Promise<number> {
    const reply = await this.#request({ kind: 'rotate' });
    if (reply.kind !== 'rotated') throw new SealcallError('E2EE_WORKER_FAILED', 'The E2EE worker answered a rotation oddly.');
    return reply.sendKid;
  }

  clear(): Promise<void> {
    return this.#request({ kind: 'clear' }).then(() => undefined);
  }

  async stats(): Promise<E2EEStats> {
    const reply = await this.#request({ kind: 'stats' });
    if (reply.kind !== 'stats') throw new SealcallError('E2EE_WORKER_FAILED', 'The E2EE worker answered a stats request oddly.');
    return reply.stats;
  }

  attachSender(sender: RTCRtpSender): void {
    this.#attach(sender, 'send');
  }

  attachReceiver(receiver: RTCRtpReceiver): void {
    this.#attach(receiver, 'receive');
  }

  /** Routes a pair of encoded-frame streams through the worker (the encoded-streams API, or any stage of your own before it). */
  attachStreams(side: TransformSide, readable: ReadableStream, writable: WritableStream): Promise<void> {
    return this.#request({ kind: 'attach-streams', side, readable, writable }, [readable, writable]).then(() => undefined);
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll('The E2EE worker was stopped.');
  }

  #attach(endpoint: RTCRtpSender | RTCRtpReceiver, side: TransformSide): void {
    if (this.api === 'script-transform') {
      endpoint.transform = new RTCRtpScriptTransform(this.#worker, { side });
      return;
    }
    const { readable, writable } = (endpoint as unknown as WithEncodedStreams).createEncodedStreams();
    this.attachStreams(side, readable, writable).catch(this.#onError);
  }

  #request(command: Command, transfer: Transferable[] = []): Promise<WorkerReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...command, id } as WorkerCommand, transfer);
    });
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.kind === 'failed') pending.reject(new SealcallError('E2EE_WORKER_FAILED', `The E2EE worker refused: ${reply.message}`));
    else pending.resolve(reply);
  }

  #failAll(message: string): void {
    for (const { reject } of this.#pending.values()) reject(new SealcallError('E2EE_WORKER_FAILED', message));
    this.#pending.clear();
  }
}
