import { SealcallError } from '../errors.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { Role } from '../signaling/types.js';
import { CALL_SECRET_BYTES } from './call-secret.js';
import { e2eeStatus, idleAgreement, sameStatus } from './e2ee-status.js';
import { EncoderRestarts } from './key-frames.js';
import type { E2EEDropReport, E2EEOptions, E2EEStats, E2EEStatus, TransformApi } from './types.js';
import { defaultTransformApi, keyFramesInWorker, peerConfigFor } from './transform-api.js';
import type { E2EEWorkerClient } from './worker-client.js';
import { WorkerLifecycle } from './worker-lifecycle.js';
import type { AgreementMessage, AgreementStatus, DataOpened, WorkerEvent, WorkerReply } from './worker-protocol.js';

type AgreementReply = Extract<WorkerReply, { kind: 'agreement' }>;

export interface E2EEControllerOptions extends E2EEOptions {
  room: string;
  role: Role;
  send(message: PeerMessage): void;
  onStatus(status: E2EEStatus): void;
  onDrops(report: E2EEDropReport): void;
  onError(error: SealcallError): void;
  /**
   * A new worker replaced one that died: the peer connection must be rebuilt so that its
   * frames pass through the new one (encoded streams can be taken from a sender only once).
   */
  onWorkerRestart(): void;
}

function defaultWorker(): Worker {
  // Bundlers find the worker by this very text, and read its type from the literal options.
  return new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module', name: 'sealcall-e2ee' });
}

function checkSuite(options: E2EEOptions): void {
  const suite = options.suite ?? 4;
  if ((suite === 2 || suite === 3) && !options.allowShortTags) {
    throw new SealcallError(
      'INVALID_ARGUMENT',
      `Cipher suite ${suite} authenticates frames with a ${suite === 2 ? 64 : 32}-bit tag, short enough to forge by chance: use suite 4 (the default), or set allowShortTags: true if you accept that.`,
    );
  }
  if (!(options.secret instanceof Uint8Array) || options.secret.length !== CALL_SECRET_BYTES) {
    throw new SealcallError('INVALID_ARGUMENT', `"e2ee.secret" expected a Uint8Array of ${CALL_SECRET_BYTES} bytes (createCallSecret()), got ${options.secret instanceof Uint8Array ? `length=${options.secret.length}` : typeof options.secret}`);
  }
}

/**
 * A CallSession's end-to-end encryption, on the page's side. The key agreement and every key
 * live in the worker (see worker/key-agreement.ts); this relays the agreement's messages over
 * signaling, wires every sender and receiver through the worker, reports the state, rotates the
 * send key, asks for key frames, and when a worker dies (see worker-lifecycle.ts) pauses media,
 * agrees new keys through the new one and has the connection rebuilt through it.
 */
export class E2EEController {
  readonly #options: E2EEControllerOptions;
  readonly #api: TransformApi;
  readonly #workers: WorkerLifecycle;
  /** Counts workers: with the worker's own agreement count it names one agreement. */
  #workerGeneration = 1;
  #closed = false;
  #peer: string | undefined;
  /** Counts departures: the worker's answer to a message of a participant that has left since is not sent. */
  #departures = 0;
  #nextKid: number;
  #restarting = false;
  #agreement: AgreementStatus = idleAgreement();
  #sendKid: number | undefined;
  #verified: string | undefined;
  #status: E2EEStatus = { state: 'negotiating', verified: false, invalidShares: 0, interference: false };
  #rotationTimer: ReturnType<typeof setInterval> | undefined;
  #connection: RTCPeerConnection | undefined;
  readonly #encoderRestarts = new EncoderRestarts();

  constructor(options: E2EEControllerOptions) {
    checkSuite(options);
    const api = options.transform ?? defaultTransformApi();
    if (!api) {
      throw new SealcallError('E2EE_UNSUPPORTED', 'This browser cannot transform encoded media frames, so the call cannot be end-to-end encrypted. Use a current Chrome, Edge, Safari or Firefox.');
    }
    this.#options = options;
    this.#api = api;
    this.#nextKid = options.role === 'agent' ? 0 : 1;
    const { secret, suite, keyGraceMs, failureTolerance, room, role } = options;
    this.#workers = new WorkerLifecycle({
      api,
      createWorker: options.createWorker ?? defaultWorker,
      timeoutMs: options.workerTimeoutMs ?? 3000,
      config: () => ({ suite: suite ?? 4, keyGraceMs: keyGraceMs ?? 5000, failureTolerance: failureTolerance ?? 10, callSecret: secret, room, role, firstKid: this.#nextKid }),
      onEvent: (event) => this.#onWorkerEvent(event),
      onReplaced: (error) => this.#onWorkerReplaced(error),
      onGaveUp: (error) => this.#onWorkersGaveUp(error),
    });
  }

  get #client(): E2EEWorkerClient {
    return this.#workers.client;
  }

  get status(): E2EEStatus {
    return this.#status;
  }

  /** RTCConfiguration the peer connection needs for the chosen transform API. */
  get peerConfig(): Partial<RTCConfiguration> {
    return peerConfigFor(this.#api);
  }

  /** Routes every sender now, and every receiver as it appears, through the worker. */
  attach(connection: RTCPeerConnection): void {
    this.#connection = connection;
    const client = this.#client;
    for (const sender of connection.getSenders()) if (sender.track) client.attachSender(sender);
    connection.addEventListener('track', ({ receiver }) => {
      if (!client.terminated) client.attachReceiver(receiver);
    });
  }

  /** A (new) remote participant is present: agree keys with it. The same one again changes nothing. */
  peerPresent(participantId: string): void {
    if (this.#peer === participantId) return;
    this.#peer = participantId;
    void this.#relay(() => this.#client.begin(participantId));
  }

  /** The participant left (or was turned away, or a new session of it took over): every key agreed with it goes, so it cannot decrypt what follows. */
  peerGone(participantId: string): void {
    if (this.#peer !== participantId) return;
    this.#peer = undefined;
    this.#departures++;
    this.#agreement = idleAgreement(this.#agreement.agreement);
    this.#sendKid = undefined;
    this.#restarting = false;
    clearInterval(this.#rotationTimer);
    this.#publish();
    const client = this.#client;
    client.forget().catch((error: SealcallError) => {
      if (client === this.#client) this.#reportUnlessClosed(error);
    });
  }

  receive(from: string, message: AgreementMessage): void {
    if (from !== this.#peer) return;
    void this.#relay(() => this.#client.agreementMessage(from, message));
  }

  /** The other side asked for a key frame (its decoder needs one after new keys or lost frames). */
  keyFrameRequested(): void {
    if (keyFramesInWorker(this.#api)) {
      this.#client.generateKeyFrame().catch((error: SealcallError) => this.#reportUnlessClosed(error));
      return;
    }
    this.#encoderRestarts.restart(this.#connection).catch((cause: unknown) => {
      this.#reportUnlessClosed(new SealcallError('E2EE_WORKER_FAILED', 'Making a key frame for the other participant failed.', { cause }));
    });
  }

  /** The participants compared the security code and it matched. */
  confirmSas(): void {
    if (this.#status.state !== 'active') throw new SealcallError('INVALID_STATE', 'Compare the security code once the call is end-to-end encrypted.');
    this.#verified = this.#agreementId();
    this.#publish();
  }

  /** Moves this side's send key forward now (the other side follows on its own). */
  async rotate(): Promise<void> {
    if (this.#status.state !== 'active') throw new SealcallError('INVALID_STATE', 'Keys can only rotate while end-to-end encryption is active.');
    this.#sendKid = await this.#client.rotate();
    this.#noteKid(this.#sendKid);
    this.#publish();
  }

  stats(): Promise<E2EEStats> {
    return this.#client.stats();
  }

  /** A message for the data channel, sealed under this side's data key; undefined until keys are agreed. */
  async sealData(plaintext: Uint8Array): Promise<Uint8Array | undefined> {
    if (!(await this.#workers.ready)) return undefined;
    return this.#client.sealData(plaintext);
  }

  async openData(frame: Uint8Array): Promise<DataOpened> {
    if (!(await this.#workers.ready)) return { rejected: 'no-key' };
    return this.#client.openData(frame);
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#rotationTimer);
    this.#workers.close();
  }

  /** The worker died: media stays paused (its frames went into it), a new one agrees new keys. */
  #onWorkerReplaced(error: SealcallError): void {
    if (this.#closed) return;
    this.#workerGeneration++;
    clearInterval(this.#rotationTimer);
    this.#options.onError(error);
    this.#restarting = true;
    this.#agreement = idleAgreement();
    this.#sendKid = undefined;
    this.#publish();
    this.#options.onWorkerRestart();
    const peer = this.#peer;
    if (peer) void this.#relay(() => this.#client.begin(peer));
  }

  #onWorkersGaveUp(error: SealcallError): void {
    clearInterval(this.#rotationTimer);
    this.#status = { state: 'failed', verified: false, invalidShares: 0, interference: false, error };
    this.#options.onStatus(this.#status);
    this.#options.onError(error);
  }

  async #relay(request: () => Promise<AgreementReply>): Promise<void> {
    const client = this.#client;
    const departures = this.#departures;
    if (!(await this.#workers.ready) || client !== this.#client) return;
    let reply: AgreementReply;
    try {
      reply = await request();
    } catch (error) {
      if (client === this.#client) this.#reportUnlessClosed(error as SealcallError);
      return;
    }
    if (client !== this.#client || this.#closed || departures !== this.#departures) return;
    for (const message of reply.send) {
      if (message.kind === 'e2ee-key') this.#noteKid(message.kid);
      this.#options.send(message);
    }
    const wasActive = this.#agreement.phase === 'active' ? this.#agreement.agreement : undefined;
    this.#agreement = reply.status;
    this.#sendKid = reply.sendKid;
    if (reply.sendKid !== undefined) this.#noteKid(reply.sendKid);
    if (reply.status.phase === 'active') {
      this.#restarting = false;
      if (wasActive !== reply.status.agreement) this.#scheduleRotation();
    }
    this.#publish();
  }

  #onWorkerEvent(event: WorkerEvent): void {
    switch (event.kind) {
      case 'drop-report':
        this.#options.onDrops(event.report);
        return;
      case 'key-invalid':
        this.#options.onError(new SealcallError('E2EE_AUTH_FAILED', `The other participant's frames under key ${event.kid} kept failing authentication, so they are dropped untried until a new key or a good frame arrives.`));
        return;
      case 'key-frame-needed':
        // The standard transformers asked in the worker; encoded streams need the page.
        if (keyFramesInWorker(this.#api)) return;
        if (event.side === 'send') this.keyFrameRequested();
        else this.#options.send({ kind: 'key-frame-request', generation: 0 });
        return;
    }
  }

  #publish(): void {
    if (this.#status.state === 'failed') return;
    const status = e2eeStatus({
      agreement: this.#agreement,
      restarting: this.#restarting,
      sendKid: this.#sendKid,
      verified: this.#verified === this.#agreementId(),
      interferenceThreshold: this.#options.interferenceThreshold ?? 1,
    });
    if (sameStatus(status, this.#status)) return;
    this.#status = status;
    this.#options.onStatus(status);
  }

  #agreementId(): string {
    return `${this.#workerGeneration}:${this.#agreement.agreement}`;
  }

  #noteKid(kid: number): void {
    this.#nextKid = Math.max(this.#nextKid, kid + 2);
  }

  #scheduleRotation(): void {
    clearInterval(this.#rotationTimer);
    const every = this.#options.rotationIntervalMs ?? 10 * 60_000;
    if (every > 0) this.#rotationTimer = setInterval(() => void this.rotate().catch((error: SealcallError) => this.#reportUnlessClosed(error)), every);
  }

  #reportUnlessClosed(error: SealcallError): void {
    if (!this.#closed) this.#options.onError(error);
  }
}

