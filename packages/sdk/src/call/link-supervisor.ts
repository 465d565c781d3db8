import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import { backoffDelay, type BackoffOptions } from '../signaling/backoff.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { Role } from '../signaling/types.js';
import { PeerLink } from './peer-link.js';

/** How a call recovers its connection when ICE fails; see CallSessionOptions.recovery. */
export interface RecoveryOptions {
  /** How long ICE may stay `disconnected` (it often comes back by itself) before recovery starts. Default 2000 ms. */
  disconnectedGraceMs?: number;
  /** Recovery attempts before the call ends with `connection-lost`. Default 5. */
  maxAttempts?: number;
  /** How many of them restart ICE on the same connection; the rest rebuild the connection. Default 2. */
  iceRestarts?: number;
  /** How long a new connection, or one attempt, may take to bring ICE up. Default 10 s. */
  attemptTimeoutMs?: number;
  /** Pause before each further attempt: exponential with full jitter. Default 1 s initial, 8 s at most. */
  backoff?: BackoffOptions;
}

export interface LinkSupervisorOptions {
  role: Role;
  /** The STUN and TURN servers for each new connection: the integrator's, or the signaling server's latest. */
  iceServers(): RTCIceServer[];
  recovery: RecoveryOptions | undefined;
  /** Extra RTCConfiguration for each new connection (what the encoded transform needs). */
  config(): Partial<RTCConfiguration>;
  /** Called with each new connection before it negotiates (to route its media through the E2EE worker). */
  attach(connection: RTCPeerConnection): void;
  send(message: PeerMessage): void;
}

export interface LinkSupervisorEvents {
  /** ICE is connected (again). */
  up: undefined;
  /** ICE disconnected, failed, or the connection died: recovery runs. */
  down: undefined;
  stream: MediaStream;
  /** Recovery ran out of attempts: the connection is lost for good. */
  'gave-up': { error: SealcallError };
  /** A failure the call survives. */
  error: { error: SealcallError };
}

type LinkMessage = Extract<PeerMessage, { kind: 'description' | 'candidate' | 'renegotiate' | 'restart' | 'ice-restart' }>;

/** Messages for a connection the customer has not been offered yet, held until its offer comes. */
const MAX_EARLY_MESSAGES = 64;
/** The agent restarts ICE at most this often, however many sides ask. */
const MIN_ICE_RESTART_INTERVAL_MS = 1000;

export function isLinkMessage(message: PeerMessage): message is LinkMessage {
  return ['description', 'candidate', 'renegotiate', 'restart', 'ice-restart'].includes(message.kind);
}

/**
 * The peer connection of a call and its recovery. The agent makes every offer; each new
 * connection has the next generation, and messages of another generation never reach it.
 *
 * Recovery: when ICE fails (or stays disconnected past a grace period), first `restartIce()`
 * on the same connection, up to `iceRestarts` times, then a rebuilt connection, with
 * jittered exponential backoff between attempts, each given `attemptTimeoutMs`; after
 * `maxAttempts`, `gave-up`. Attempts run only while signaling is up (`resume()`): while this
 * side cannot reach the server, nothing is spent. A customer asks the agent to act
 * (`ice-restart`, `restart`).
 */
export class LinkSupervisor {
  readonly #options: LinkSupervisorOptions;
  readonly #events = new Emitter<LinkSupervisorEvents>();
  #stream: MediaStream | undefined;
  #link: PeerLink | undefined;
  #generation = 0;
  #early: LinkMessage[] = [];
  #outage: { attempts: number; timer: ReturnType<typeof setTimeout> | undefined } | undefined;
  /** Runs while ICE is disconnected, or a new connection is not up yet: an outage begins when it fires. */
  #outageTimer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;
  #lastIceRestart = -Infinity;
  #closed = false;

  constructor(options: LinkSupervisorOptions) {
    this.#options = options;
  }

  get link(): PeerLink | undefined {
    return this.#link?.alive ? this.#link : undefined;
  }

  on<K extends keyof LinkSupervisorEvents>(type: K, listener: (detail: LinkSupervisorEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** The local media every connection sends. */
  setStream(stream: MediaStream): void {
    this.#stream = stream;
  }

  /** The other participant is (newly) present: the agent offers a new connection, the customer waits for it. */
  connect(): void {
    this.#endOutage();
    if (this.#options.role === 'agent') {
      this.#startLink(true);
      return;
    }
    // A new agent (or one that reloaded) counts its generations from 1 again.
    this.#dropLink();
    this.#generation = 0;
    this.#early = [];
  }

  /** A new connection now, whatever the state of this one (the E2EE worker was replaced). */
  rebuild(): void {
    if (this.#options.role === 'agent') {
      this.#startLink(true);
      return;
    }
    const generation = this.#link?.generation ?? this.#generation;
    this.#dropLink();
    this.#options.send({ kind: 'restart', generation });
  }

  /** The other participant left: no connection, no recovery. */
  drop(): void {
    this.#endOutage();
    this.#dropLink();
    this.#early = [];
  }

  /** Signaling is down: recovery waits. */
  pause(): void {
    this.#paused = true;
    clearTimeout(this.#outage?.timer);
  }

  /** Signaling is up again: recovery goes on where it stood. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#outage) this.#attempt();
  }

  receive(message: LinkMessage): void {
    if (this.#closed) return;
    const current = this.#link?.alive ? this.#link.generation : undefined;
    if (this.#options.role === 'agent') {
      if (message.kind === 'restart') {
        if (current !== undefined && message.generation !== current) return;
        // The customer's connection is gone, whatever this side's ICE still says: media is down until the new one is up.
        if (current !== undefined) this.#events.emit('down', undefined);
        this.#startLink(true);
      } else if (message.generation === current) {
        if (message.kind === 'ice-restart') this.#restartIce();
        else this.#link?.receive(message);
      }
      return;
    }
    if (message.kind === 'description' && message.description.type === 'offer' && message.generation > this.#generation) {
      this.#startLink(false, message.generation);
    }
    if (message.generation === this.#link?.generation) this.#link.receive(message);
    else if (message.generation > this.#generation) this.#early = [...this.#early, message].slice(-MAX_EARLY_MESSAGES);
  }

  async replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack): Promise<void> {
    await this.#link?.replaceTrack(oldTrack, newTrack);
  }

  close(): void {
    this.#closed = true;
    this.drop();
  }

  #startLink(initiator: boolean, generation = this.#generation + 1): void {
    const stream = this.#stream;
    if (!stream || this.#closed) return;
    this.#dropLink();
    this.#generation = generation;
    const link = new PeerLink({ generation, initiator, stream, iceServers: this.#options.iceServers(), config: this.#options.config() });
    this.#options.attach(link.connection);
    this.#link = link;
    link.on('signal', (message) => this.#options.send(message));
    link.on('stream', (remote) => this.#events.emit('stream', remote));
    link.on('connect', () => this.#onUp(link));
    link.on('ice-state', (state) => this.#onIceState(link, state));
    link.on('lost', ({ error, closedByPeer }) => this.#onLost(link, error, closedByPeer));
    if (!this.#outage) {
      // A first connection that never comes up is an outage too (ICE may sit in `checking`).
      this.#outageTimer = setTimeout(() => {
        this.#outageTimer = undefined;
        if (link === this.#link && !link.iceConnected && !this.#outage) this.#beginOutage();
      }, this.#options.recovery?.attemptTimeoutMs ?? 10_000);
    }
    const early = this.#early.filter((m) => m.generation === generation);
    this.#early = this.#early.filter((m) => m.generation > generation);
    for (const message of early) link.receive(message);
  }

  #dropLink(): void {
    clearTimeout(this.#outageTimer);
    this.#link?.destroy();
    this.#link = undefined;
  }

  #onUp(link: PeerLink): void {
    if (link !== this.#link || !link.iceConnected) return;
    this.#endOutage();
    this.#events.emit('up', undefined);
  }

  #onIceState(link: PeerLink, state: RTCIceConnectionState): void {
    if (link !== this.#link) return;
    if (state === 'connected' || state === 'completed') {
      this.#onUp(link);
    } else if (state === 'disconnected') {
      this.#events.emit('down', undefined);
      if (this.#outage || this.#outageTimer !== undefined) return;
      this.#outageTimer = setTimeout(() => {
        this.#outageTimer = undefined;
        if (link === this.#link && !link.iceConnected) this.#beginOutage();
      }, this.#options.recovery?.disconnectedGraceMs ?? 2000);
    } else if (state === 'failed') {
      this.#events.emit('down', undefined);
      clearTimeout(this.#outageTimer);
      this.#outageTimer = undefined;
      if (!this.#outage) this.#beginOutage();
      else this.#next();
    }
  }

  /** A link the other side closed (a hang-up, a reload) is no error: its `leave` or its return follows. */
  #onLost(link: PeerLink, error: SealcallError, closedByPeer: boolean): void {
    if (link !== this.#link || this.#closed) return;
    this.#link = undefined;
    if (!closedByPeer) this.#events.emit('error', { error });
    this.#events.emit('down', undefined);
    if (!this.#outage) this.#beginOutage();
    else this.#next();
  }

  #beginOutage(): void {
    this.#outage = { attempts: 0, timer: undefined };
    this.#attempt();
  }

  /** The attempt under way failed early: the next one after its backoff. */
  #next(): void {
    const outage = this.#outage;
    if (!outage || this.#paused) return;
    clearTimeout(outage.timer);
    outage.timer = setTimeout(() => this.#attempt(), backoffDelay(outage.attempts - 1, this.#backoff()));
  }

  #attempt(): void {
    const outage = this.#outage;
    if (!outage || this.#paused || this.#closed) return;
    clearTimeout(outage.timer);
    const recovery = this.#options.recovery ?? {};
    const maxAttempts = recovery.maxAttempts ?? 5;
    if (outage.attempts >= maxAttempts) {
      this.#endOutage();
      this.#dropLink();
      const error = new SealcallError(
        'PEER_CONNECTION_FAILED',
        `The connection to the other participant could not be restored (${maxAttempts} attempts): the network between you blocks it. Check the connection, or join again; a TURN server (iceServers) lets calls through strict networks.`,
      );
      this.#events.emit('gave-up', { error });
      return;
    }
    outage.attempts++;
    const restartIce = outage.attempts <= (recovery.iceRestarts ?? 2) && this.#link?.alive === true;
    if (restartIce) this.#askIceRestart();
    else this.rebuild();
    outage.timer = setTimeout(() => this.#next(), recovery.attemptTimeoutMs ?? 10_000);
  }

  #askIceRestart(): void {
    if (this.#options.role === 'agent') this.#restartIce();
    else if (this.#link) this.#options.send({ kind: 'ice-restart', generation: this.#link.generation });
  }

  #restartIce(): void {
    const now = performance.now();
    if (now - this.#lastIceRestart < MIN_ICE_RESTART_INTERVAL_MS) return;
    this.#lastIceRestart = now;
    this.#link?.restartIce();
  }

  #backoff(): BackoffOptions {
    return { initialDelayMs: 1000, maxDelayMs: 8000, ...this.#options.recovery?.backoff };
  }

  #endOutage(): void {
    clearTimeout(this.#outage?.timer);
    clearTimeout(this.#outageTimer);
    this.#outageTimer = undefined;
    this.#outage = undefined;
  }
}
