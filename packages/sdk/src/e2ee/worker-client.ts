import { SealcallError } from '../errors.js';
import { encodedStreamsOf } from './transform-api.js';
import type { E2EEStats, TransformApi } from './types.js';
import type {
  AgreementMessage,
  DataOpened,
  MediaKind,
  ScriptTransformOptions,
  TransformSide,
  WorkerCommand,
  WorkerConfig,
  WorkerEvent,
  WorkerMessage,
  WorkerReply,
} from './worker-protocol.js';

type Command = WorkerCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;
type Reply<K extends WorkerReply['kind']> = Extract<WorkerReply, { kind: K }>;

export interface WorkerClientEvents {
  /** Something the worker reported on its own. */
  event(event: WorkerEvent): void;
  /** The worker crashed (an uncaught error or a message it could not read). */
  crashed(error: SealcallError): void;
}

/**
 * The page's end of the E2EE worker: typed requests with replies, and transform wiring.
 * Nothing that crosses it is a media key: the page sends the call secret once (it is in the
 * invitation link anyway) and the key-agreement messages it relays; it gets back messages to
 * relay, the agreement's state and the SAS.
 */
export class E2EEWorkerClient {
  readonly #worker: Worker;
  readonly api: TransformApi;
  readonly #pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: SealcallError) => void }>();
  readonly #events: WorkerClientEvents;
  #nextId = 1;
  #terminated = false;
  /** Requests made before the worker said it is ready, sent when it does. */
  #held: Array<{ command: WorkerCommand; transfer: Transferable[] }> | undefined = [];

  constructor(worker: Worker, api: TransformApi, events: WorkerClientEvents) {
    this.#worker = worker;
    this.api = api;
    this.#events = events;
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.#receive(event.data);
    worker.onerror = (event) => {
      // Handled here (the worker is replaced): not also an uncaught error of the page.
      event.preventDefault();
      this.#crash(`The E2EE worker failed: ${event.message}`);
    };
    worker.onmessageerror = () => this.#crash('The E2EE worker sent a message that could not be read.');
  }

  get terminated(): boolean {
    return this.#terminated;
  }

  async configure(config: WorkerConfig): Promise<void> {
    await this.#request({ kind: 'configure', config }, 'done');
  }

  begin(peer: string): Promise<Reply<'agreement'>> {
    return this.#request({ kind: 'begin', peer }, 'agreement');
  }

  agreementMessage(peer: string, message: AgreementMessage): Promise<Reply<'agreement'>> {
    return this.#request({ kind: 'agreement-message', peer, message }, 'agreement');
  }

  async forget(): Promise<void> {
    await this.#request({ kind: 'forget' }, 'done');
  }

  async rotate(): Promise<number> {
    return (await this.#request({ kind: 'rotate' }, 'rotated')).sendKid;
  }

  async stats(): Promise<E2EEStats> {
    return (await this.#request({ kind: 'stats' }, 'stats')).stats;
  }

  async generateKeyFrame(): Promise<void> {
    await this.#request({ kind: 'generate-key-frame' }, 'done');
  }

  /** Undefined while no agreement has completed. The plaintext's buffer is handed over. */
  async sealData(plaintext: Uint8Array): Promise<Uint8Array | undefined> {
    return (await this.#request({ kind: 'seal-data', plaintext }, 'sealed', [plaintext.buffer])).frame;
  }

  /** The frame's buffer is handed over. */
  async openData(frame: Uint8Array): Promise<DataOpened> {
    return (await this.#request({ kind: 'open-data', frame }, 'opened', [frame.buffer])).opened;
  }

  async ping(): Promise<void> {
    await this.#request({ kind: 'ping' }, 'pong');
  }

  attachSender(sender: RTCRtpSender): void {
    this.#attach(sender, 'send', sender.track?.kind);
  }

  attachReceiver(receiver: RTCRtpReceiver): void {
    this.#attach(receiver, 'receive', receiver.track.kind);
  }

  /** Routes a pair of encoded-frame streams through the worker (the encoded-streams API, or any stage of your own before it). */
  async attachStreams(side: TransformSide, media: MediaKind, readable: ReadableStream, writable: WritableStream): Promise<void> {
    await this.#request({ kind: 'attach-streams', side, media, readable, writable }, 'done', [readable, writable]);
  }

  terminate(): void {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#worker.terminate();
    this.#failAll('The E2EE worker was stopped.');
  }

  #attach(endpoint: RTCRtpSender | RTCRtpReceiver, side: TransformSide, kind: string | undefined): void {
    const media: MediaKind = kind === 'audio' ? 'audio' : 'video';
    if (this.api === 'script-transform') {
      endpoint.transform = new RTCRtpScriptTransform(this.#worker, { side, media } satisfies ScriptTransformOptions);
      return;
    }
    const { readable, writable } = encodedStreamsOf(endpoint);
    this.attachStreams(side, media, readable, writable).catch((error: SealcallError) => {
      if (!this.#terminated) this.#crash(error.message);
    });
  }

  #request<K extends WorkerReply['kind']>(command: Command, expected: K, transfer: Transferable[] = []): Promise<Reply<K>> {
    if (this.#terminated) return Promise.reject(new SealcallError('E2EE_WORKER_FAILED', 'The E2EE worker was stopped.'));
    const id = this.#nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const message = { ...command, id } as WorkerCommand;
      if (this.#held) this.#held.push({ command: message, transfer });
      else this.#worker.postMessage(message, transfer);
    }).then((reply) => {
      if (reply.kind !== expected) throw new SealcallError('E2EE_WORKER_FAILED', `The E2EE worker answered a ${command.kind} request with ${reply.kind}.`);
      return reply as Reply<K>;
    });
  }

  #receive(message: WorkerMessage): void {
    if (message.kind === 'ready') {
      const held = this.#held ?? [];
      this.#held = undefined;
      for (const { command, transfer } of held) this.#worker.postMessage(command, transfer);
      return;
    }
    if (!('id' in message)) {
      this.#events.event(message);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.kind === 'failed') pending.reject(new SealcallError('E2EE_WORKER_FAILED', `The E2EE worker refused: ${message.message}`));
    else pending.resolve(message);
  }

  #crash(message: string): void {
    this.#failAll(message);
    this.#events.crashed(new SealcallError('E2EE_WORKER_FAILED', message));
  }

  #failAll(message: string): void {
    for (const { reject } of this.#pending.values()) reject(new SealcallError('E2EE_WORKER_FAILED', message));
    this.#pending.clear();
  }
}
