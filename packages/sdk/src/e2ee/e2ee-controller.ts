import { SealcallError } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../internal/bytes.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { Role } from '../signaling/types.js';
import { KeyAgreement } from './key-agreement.js';
import type { E2EEOptions, E2EEStats, E2EEStatus } from './types.js';
import { defaultTransformApi, E2EEWorkerClient } from './worker-client.js';

type KeyMessage = Extract<PeerMessage, { kind: 'e2ee-key' }>;

export interface E2EEControllerOptions extends E2EEOptions {
  room: string;
  role: Role;
  send(message: PeerMessage): void;
  onStatus(status: E2EEStatus): void;
  onError(error: SealcallError): void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./e2ee-worker.js', import.meta.url), { type: 'module', name: 'sealcall-e2ee' });
}

/**
 * A CallSession's end-to-end encryption: runs the authenticated key agreement with each new
 * remote participant over signaling, installs the resulting SFrame keys in the worker, wires
 * every sender and receiver through it, and rotates the send key on a timer or on demand.
 * Until keys are agreed, and for good after a failed agreement, the worker drops every frame:
 * no media is ever sent in the clear.
 */
export class E2EEController {
  readonly #options: E2EEControllerOptions;
  readonly #client: E2EEWorkerClient;
  /** Resolves true once the worker is configured; false (reported) if it could not be. */
  readonly #ready: Promise<boolean>;
  #closed = false;
  #agreement: { participantId: string; local: KeyAgreement; done: boolean } | undefined;
  #nextKid: number;
  #status: E2EEStatus = { state: 'negotiating' };
  #rotationTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: E2EEControllerOptions) {
    const api = options.transform ?? defaultTransformApi();
    if (!api) {
      throw new SealcallError('E2EE_UNSUPPORTED', 'This browser cannot transform encoded media frames, so the call cannot be end-to-end encrypted. Use a current Chrome, Edge, Safari or Firefox.');
    }
    this.#options = options;
    this.#nextKid = options.role === 'agent' ? 0 : 1;
    this.#client = new E2EEWorkerClient((options.createWorker ?? defaultWorker)(), api, options.onError);
    this.#ready = this.#client.configure(options.suite ?? 4, options.keyGraceMs ?? 5000).then(
      () => true,
      (error: SealcallError) => {
        if (!this.#closed) options.onError(error);
        return false;
      },
    );
  }

  get status(): E2EEStatus {
    return this.#status;
  }

  /** RTCConfiguration the peer connection needs for the chosen transform API. */
  get peerConfig(): Partial<RTCConfiguration> {
    return this.#client.api === 'encoded-streams' ? ({ encodedInsertableStreams: true } as Partial<RTCConfiguration>) : {};
  }

  /** Routes every sender now, and every receiver as it appears, through the worker. */
  attach(connection: RTCPeerConnection): void {
    for (const sender of connection.getSenders()) if (sender.track) this.#client.attachSender(sender);
    connection.addEventListener('track', ({ receiver }) => this.#client.attachReceiver(receiver));
  }

  /** A (new) remote participant is present: start a key agreement with it. */
  peerPresent(participantId: string): void {
    if (this.#agreement?.participantId === participantId) return;
    this.#agreement?.local.destroy();
    const local = new KeyAgreement({ callSecret: this.#options.secret, room: this.#options.room, role: this.#options.role, kid: this.#takeKid() });
    this.#agreement = { participantId, local, done: false };
    this.#setStatus({ state: 'negotiating' });
    this.#options.send(toMessage(local));
  }

  async receive(from: string, message: KeyMessage): Promise<void> {
    const agreement = this.#agreement;
    if (!agreement || agreement.participantId !== from || agreement.done) return;
    agreement.done = true;
    const publicKey = fromBase64Url(message.publicKey);
    const mac = fromBase64Url(message.mac);
    try {
      if (!publicKey || !mac) throw new SealcallError('E2EE_AUTH_FAILED', 'The other participant sent a malformed key share.');
      const keys = agreement.local.complete({ publicKey, mac, kid: message.kid });
      if (!(await this.#ready)) return;
      await this.#client.setKeys(keys);
      this.#setStatus({ state: 'active', sas: keys.sas, sendKid: keys.sendKid });
      this.#scheduleRotation();
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('E2EE_WORKER_FAILED', 'Installing the media keys failed.', { cause });
      await this.#client.clear().catch(this.#options.onError);
      this.#setStatus({ state: 'failed', error });
    }
  }

  /** Moves this side's send key forward now (the other side follows on its own). */
  async rotate(): Promise<void> {
    if (this.#status.state !== 'active') throw new SealcallError('INVALID_STATE', 'Keys can only rotate while end-to-end encryption is active.');
    const sendKid = await this.#client.rotate();
    this.#takeKid();
    this.#setStatus({ ...this.#status, sendKid });
  }

  stats(): Promise<E2EEStats> {
    return this.#client.stats();
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#rotationTimer);
    this.#agreement?.local.destroy();
    this.#client.terminate();
  }

  #takeKid(): number {
    const kid = this.#nextKid;
    this.#nextKid += 2;
    return kid;
  }

  #scheduleRotation(): void {
    clearInterval(this.#rotationTimer);
    const every = this.#options.rotationIntervalMs ?? 10 * 60_000;
    if (every > 0) this.#rotationTimer = setInterval(() => void this.rotate().catch(this.#options.onError), every);
  }

  #setStatus(status: E2EEStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}

function toMessage(agreement: KeyAgreement): KeyMessage {
  const { publicKey, mac, kid } = agreement.share;
  return { kind: 'e2ee-key', generation: 0, publicKey: toBase64Url(publicKey), mac: toBase64Url(mac), kid };
}
