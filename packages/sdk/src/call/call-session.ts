import { E2EEController } from '../e2ee/e2ee-controller.js';
import type { E2EEStats, E2EEStatus } from '../e2ee/types.js';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { JoinResult, Participant, PeerLeftReason, Role, SignalingAdapter } from '../signaling/types.js';
import { acquireMedia, defaultMediaConstraints, facing, stopTracks, type FacingMode } from './media.js';
import { PeerLink } from './peer-link.js';
import { canTransition, isFinal } from './states.js';
import type { CallSessionEvents, CallSessionOptions, CallState, EndReason, MediaStatus } from './types.js';

/**
 * A 1:1 call: the one object an integrator drives. The agent's side makes the offer; either
 * side rebuilds the connection when ICE fails or the peer comes back, and rides out signaling
 * drops (media flows peer to peer meanwhile). Camera and microphone are requested by join(),
 * never before.
 */
export class CallSession {
  readonly #signaling: SignalingAdapter;
  readonly #options: CallSessionOptions;
  readonly #events = new Emitter<CallSessionEvents>();
  readonly #unsubscribe: Array<() => void> = [];
  #state: CallState = 'idle';
  #localStream: MediaStream | undefined;
  #remoteStream: MediaStream | undefined;
  #remote: Participant | null = null;
  #link: PeerLink | undefined;
  #generation = 0;
  #iceTimer: ReturnType<typeof setTimeout> | undefined;
  #media: MediaStatus = { audioMuted: false, videoMuted: false, facingMode: 'user' };
  #e2ee: E2EEController | undefined;

  constructor(options: CallSessionOptions) {
    this.#signaling = options.signaling;
    this.#options = options;
  }

  get state(): CallState {
    return this.#state;
  }

  get role(): Role {
    return this.#signaling.role;
  }

  get room(): string {
    return this.#signaling.room;
  }

  get localStream(): MediaStream | undefined {
    return this.#localStream;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#remoteStream;
  }

  get media(): MediaStatus {
    return this.#media;
  }

  /** End-to-end encryption: undefined when turned off, or before join(). */
  get e2ee(): E2EEStatus | undefined {
    return this.#e2ee?.status;
  }

  /** Frames encrypted, decrypted and dropped (by reason) since join(). */
  async e2eeStats(): Promise<E2EEStats> {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    return this.#e2ee.stats();
  }

  /** Rotates this side's media key now (it also rotates on a timer). */
  async rotateKeys(): Promise<void> {
    if (!this.#e2ee) throw new SealcallError('INVALID_STATE', 'End-to-end encryption is off, or the call has not been joined.');
    await this.#e2ee.rotate();
  }

  /** The live RTCPeerConnection, if any: for stats. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#link?.alive ? this.#link.connection : undefined;
  }

  on<K extends keyof CallSessionEvents>(type: K, listener: (detail: CallSessionEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /**
   * Asks for camera and microphone, then joins the room. Resolves once in the room (in the
   * lobby, alone, or with the other participant); rejects with a SealcallError, leaving the
   * session `failed`, when media or the room is refused.
   */
  async join(): Promise<void> {
    if (this.#state !== 'idle') throw new SealcallError('INVALID_STATE', `join() may be called once; the call is ${this.#state}.`);
    await this.#requireConsent();
    if (!this.#is('idle')) throw new SealcallError('INVALID_STATE', `join() may be called once; the call is ${this.#state}.`);
    this.#setState('joining');
    try {
      this.#e2ee = this.#createE2EE();
      const constraints = this.#options.media ?? defaultMediaConstraints;
      this.#localStream = await acquireMedia(constraints);
      if (!this.#is('joining')) return this.#release();
      this.#events.emit('local-stream', { stream: this.#localStream });
      this.#listen();
      const joined = await this.#signaling.connect();
      if (this.#is('joining')) this.#onJoined(joined);
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('INVALID_STATE', 'Joining the call failed unexpectedly.', { cause });
      this.#fail(error);
      throw error;
    }
  }

  /** Agent: let a waiting customer in. */
  admit(participantId: string): void {
    this.#signaling.admit(participantId);
  }

  /** Agent: turn a waiting customer away. */
  reject(participantId: string): void {
    this.#signaling.reject(participantId);
  }

  setAudioMuted(muted: boolean): void {
    for (const track of this.#localStream?.getAudioTracks() ?? []) track.enabled = !muted;
    this.#setMedia({ audioMuted: muted });
  }

  setVideoMuted(muted: boolean): void {
    for (const track of this.#localStream?.getVideoTracks() ?? []) track.enabled = !muted;
    this.#setMedia({ videoMuted: muted });
  }

  /** Switches between the front and the back camera (customers film damage with the back one). */
  async switchCamera(mode: FacingMode = this.#media.facingMode === 'user' ? 'environment' : 'user'): Promise<void> {
    const stream = this.#localStream;
    const oldTrack = stream?.getVideoTracks()[0];
    if (!stream || !oldTrack || isFinal(this.#state)) throw new SealcallError('INVALID_STATE', 'There is no camera to switch: join the call first.');
    const fresh = await acquireMedia({ video: facing(this.#options.media ?? defaultMediaConstraints, mode) });
    const newTrack = fresh.getVideoTracks()[0];
    if (!newTrack) throw new SealcallError('MEDIA_UNAVAILABLE', 'The other camera gave no video track.');
    newTrack.enabled = !this.#media.videoMuted;
    await this.#link?.replaceTrack(oldTrack, newTrack);
    stream.removeTrack(oldTrack);
    stream.addTrack(newTrack);
    oldTrack.stop();
    this.#setMedia({ facingMode: mode });
  }

  /** Leaves the call for good and releases camera and microphone. */
  hangUp(): void {
    this.#end('hangup');
  }

  #listen(): void {
    const s = this.#signaling;
    this.#unsubscribe.push(
      s.on('joined', (joined) => {
        if (!isFinal(this.#state) && this.#state !== 'joining') this.#onJoined(joined);
      }),
      s.on('state-change', ({ state }) => {
        if (state === 'reconnecting' && (this.#state === 'connected' || this.#state === 'connecting')) this.#setState('reconnecting');
      }),
      s.on('knock', (detail) => this.#events.emit('knock', detail)),
      s.on('peer-joined', ({ peer }) => this.#onPeer(peer)),
      s.on('peer-left', ({ participantId, reason }) => this.#onPeerLeft(participantId, reason)),
      s.on('message', ({ from, message }) => this.#onMessage(from, message)),
      s.on('rejected', () => this.#end('rejected')),
      s.on('error', ({ error }) => {
        if (s.state === 'closed' && !isFinal(this.#state)) this.#fail(error);
        else this.#events.emit('error', { error });
      }),
    );
  }

  /** The state now: a method, so that TypeScript does not carry a narrowing across awaits. */
  #is(state: CallState): boolean {
    return this.#state === state;
  }

  /** Before any device is touched: a customer's call needs a granted `call` consent. */
  async #requireConsent(): Promise<void> {
    const gate = this.#options.consent;
    if (this.role !== 'customer' || gate === false) return;
    if (gate === undefined) {
      throw new SealcallError('CONSENT_REQUIRED', 'A customer\'s call needs consent before join(): pass consent: { ledger, subjectId } (or false if you collected it outside the SDK).');
    }
    await gate.ledger.requireGrant(gate.subjectId, 'call', gate.callId);
    this.#unsubscribe.push(
      gate.ledger.on('withdrawn', (record) => {
        if (record.subjectId === gate.subjectId && record.purposes.includes('call')) this.#end('consent-withdrawn');
      }),
    );
  }

  #createE2EE(): E2EEController | undefined {
    const options = this.#options.e2ee;
    if (options === false) return undefined;
    return new E2EEController({
      ...options,
      room: this.room,
      role: this.role,
      send: (message) => this.#sendToPeer(message),
      onStatus: (status) => this.#events.emit('e2ee-change', status),
      onError: (error) => this.#events.emit('error', { error }),
    });
  }

  #onJoined(joined: JoinResult): void {
    if (joined.peer) {
      this.#onPeer(joined.peer);
    } else if (this.#link?.iceConnected) {
      this.#setState('connected');
    } else if (!this.#link?.alive) {
      this.#setState('waiting');
    }
  }

  #onPeer(peer: Participant): void {
    if (isFinal(this.#state)) return;
    const same = this.#remote?.participantId === peer.participantId;
    this.#remote = peer;
    this.#e2ee?.peerPresent(peer.participantId);
    if (same && this.#link?.alive) {
      if (this.#link.iceConnected) this.#setState('connected');
      return;
    }
    this.#setState('connecting');
    if (this.role === 'agent') this.#startLink(true);
    else this.#dropLink();
  }

  #onPeerLeft(participantId: string, reason: PeerLeftReason): void {
    if (this.#remote?.participantId !== participantId) return;
    this.#remote = null;
    this.#dropLink();
    this.#setRemoteStream(undefined);
    if (reason === 'left') this.#end('remote-hangup');
    else if (!isFinal(this.#state)) this.#setState('waiting');
  }

  #onMessage(from: string, message: PeerMessage): void {
    if (isFinal(this.#state) || this.#remote?.participantId !== from) return;
    if (message.kind === 'e2ee-key') {
      void this.#e2ee?.receive(from, message);
      return;
    }
    const current = this.#link?.alive ? this.#link.generation : undefined;
    if (this.role === 'agent') {
      if (message.kind === 'restart' && (current === undefined || message.generation === current)) this.#startLink(true);
      else if (message.generation === current) this.#link?.receive(message);
      return;
    }
    const isNewOffer = message.kind === 'description' && message.description.type === 'offer' && message.generation !== current;
    if (isNewOffer) this.#startLink(false, message.generation);
    if (message.generation === this.#link?.generation) this.#link.receive(message);
  }

  #startLink(initiator: boolean, generation = this.#generation + 1): void {
    const stream = this.#localStream;
    if (!stream) return;
    this.#dropLink();
    this.#generation = generation;
    if (this.#state !== 'connecting' && this.#state !== 'reconnecting') this.#setState('connecting');
    const link = new PeerLink({ generation, initiator, stream, iceServers: this.#options.iceServers ?? [], config: this.#e2ee?.peerConfig });
    this.#e2ee?.attach(link.connection);
    this.#link = link;
    link.on('signal', (message) => this.#sendToPeer(message));
    link.on('stream', (remote) => this.#setRemoteStream(remote));
    link.on('connect', () => this.#onLinkUp());
    link.on('ice-state', (state) => this.#onIceState(link, state));
    link.on('lost', ({ error }) => this.#onLinkLost(link, error));
  }

  #dropLink(): void {
    clearTimeout(this.#iceTimer);
    this.#link?.destroy();
    this.#link = undefined;
  }

  #onLinkUp(): void {
    clearTimeout(this.#iceTimer);
    if (this.#state === 'connecting' || (this.#state === 'reconnecting' && this.#signaling.state === 'open')) this.#setState('connected');
  }

  #onIceState(link: PeerLink, state: RTCIceConnectionState): void {
    if (link !== this.#link) return;
    if (state === 'connected' || state === 'completed') {
      if (link.alive && this.#state !== 'connecting') this.#onLinkUp();
      return;
    }
    if (state !== 'disconnected') return;
    if (this.#state === 'connected') this.#setState('reconnecting');
    clearTimeout(this.#iceTimer);
    this.#iceTimer = setTimeout(() => {
      if (link === this.#link && !link.iceConnected) this.#recover(link);
    }, this.#options.iceRestartDelayMs ?? 4000);
  }

  #onLinkLost(link: PeerLink, error: SealcallError): void {
    if (link !== this.#link || isFinal(this.#state)) return;
    this.#events.emit('error', { error });
    this.#recover(link);
  }

  /** Rebuilds a link that cannot recover: the agent makes a fresh offer, the customer asks for one. */
  #recover(link: PeerLink): void {
    if (isFinal(this.#state)) return;
    if (this.#state !== 'waiting') this.#setState('reconnecting');
    if (this.role === 'agent') {
      if (this.#remote) this.#startLink(true);
      return;
    }
    this.#dropLink();
    this.#sendToPeer({ kind: 'restart', generation: link.generation });
  }

  #sendToPeer(message: PeerMessage): void {
    try {
      this.#signaling.send(message);
    } catch (cause) {
      const error = cause instanceof SealcallError ? cause : new SealcallError('SIGNALING_CLOSED', 'Could not send to the other participant.', { cause });
      this.#events.emit('error', { error });
    }
  }

  #setRemoteStream(stream: MediaStream | undefined): void {
    if (stream === this.#remoteStream) return;
    this.#remoteStream = stream;
    if (stream) this.#events.emit('remote-stream', { stream });
  }

  #setMedia(change: Partial<MediaStatus>): void {
    this.#media = { ...this.#media, ...change };
    this.#events.emit('media-change', this.#media);
  }

  #setState(state: CallState, extra: { reason?: EndReason; error?: SealcallError } = {}): void {
    const previous = this.#state;
    if (state === previous) return;
    if (!canTransition(previous, state)) throw new SealcallError('INVALID_STATE', `A call cannot go from ${previous} to ${state}.`);
    this.#state = state;
    this.#events.emit('state-change', { state, previous, ...extra });
  }

  #end(reason: EndReason): void {
    if (isFinal(this.#state)) return;
    this.#release();
    this.#setState('ended', { reason });
  }

  #fail(error: SealcallError): void {
    if (isFinal(this.#state)) return;
    this.#release();
    this.#setState('failed', { error });
  }

  #release(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#dropLink();
    this.#e2ee?.close();
    this.#signaling.close();
    stopTracks(this.#localStream);
  }
}
