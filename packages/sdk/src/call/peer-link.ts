import type { SimplePeerSignal } from '@thaunknown/simple-peer';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { IceCandidate, PeerMessage } from '../signaling/peer-message.js';
import { RecoverablePeer } from './recoverable-peer.js';

export interface PeerLinkOptions {
  generation: number;
  initiator: boolean;
  stream: MediaStream;
  iceServers: RTCIceServer[];
  /** More RTCConfiguration, e.g. what an encoded transform needs. */
  config?: Partial<RTCConfiguration>;
}

export interface PeerLinkEvents {
  /** A message for the other side's link of the same generation. */
  signal: PeerMessage;
  stream: MediaStream;
  connect: undefined;
  'ice-state': RTCIceConnectionState;
  /**
   * The link died on its own (the remote went away, negotiation broke). Not emitted by destroy().
   * `closedByPeer`: the other side closed its connection (an SCTP user-initiated abort), as a
   * hang-up or a reload does.
   */
  lost: { error: SealcallError; closedByPeer: boolean };
}

/** Candidates kept while they match no applied remote description (they may belong to the next one). */
const MAX_UNMATCHED_CANDIDATES = 64;
/**
 * What one connection takes from the other side at most: ICE candidates (a few dozen is a lot,
 * even across ICE restarts) and renegotiations. Past that, more are ignored: a hostile peer or
 * relay cannot make this side spend without bound.
 */
export const MAX_REMOTE_CANDIDATES = 256;
export const MAX_RENEGOTIATIONS = 32;
/**
 * RTCPeerConnection.close() fires no event, and the other side's ICE may not notice for half a
 * minute or more (measured in Chromium 150 with both ends in one page): the link looks itself.
 */
const CLOSED_CHECK_INTERVAL_MS = 1000;

/**
 * One RTCPeerConnection to the other participant, through simple-peer, for one generation.
 * A CallSession replaces its link when the connection cannot be recovered; the `generation`
 * tells apart the messages of an old link from those of its successor.
 *
 * Signaling may deliver a message twice, late or out of order; nothing that does is fatal:
 * a repeated offer or answer is ignored, an answer is applied only while an offer of ours
 * waits for it, a second offer waits until the first is answered, and ICE candidates are
 * deduplicated and held until a remote description they belong to is applied.
 */
export class PeerLink {
  readonly generation: number;
  readonly #initiator: boolean;
  readonly #peer: RecoverablePeer;
  /** The underlying connection, for encoded transforms and stats (simple-peer forgets it when it closes). */
  readonly connection: RTCPeerConnection;
  readonly #events = new Emitter<PeerLinkEvents>();
  #destroyed = false;
  #lastOffer: string | undefined;
  #lastAnswer: string | undefined;
  #answering = false;
  #queuedOffer: string | undefined;
  readonly #seenCandidates = new Set<string>();
  #unmatched: RTCIceCandidateInit[] = [];
  /** Renegotiations asked for (initiator), or offers applied (the other side). */
  #renegotiations = 0;
  readonly #closedCheck: ReturnType<typeof setInterval>;

  constructor(options: PeerLinkOptions) {
    this.generation = options.generation;
    this.#initiator = options.initiator;
    this.#peer = new RecoverablePeer({
      initiator: options.initiator,
      stream: options.stream,
      config: { ...options.config, iceServers: options.iceServers },
      trickle: true,
    });
    this.connection = this.#peer._pc;
    this.#peer.on('signal', (signal) => {
      const message = toPeerMessage(this.generation, signal);
      if (message) this.#events.emit('signal', message);
    });
    this.#peer.on('stream', (stream) => this.#events.emit('stream', stream));
    this.#peer.on('connect', () => this.#events.emit('connect', undefined));
    this.#peer.on('iceStateChange', (state) => this.#events.emit('ice-state', state));
    this.#peer.on('error', (error) => this.#lost(error));
    this.#peer.on('close', () => this.#lost());
    this.connection.addEventListener('signalingstatechange', () => this.#onSignalingState());
    this.#closedCheck = setInterval(() => this.#closedUnseen(), CLOSED_CHECK_INTERVAL_MS);
  }


  get iceConnected(): boolean {
    const state = this.connection.iceConnectionState;
    return !this.#destroyed && (state === 'connected' || state === 'completed');
  }

  get alive(): boolean {
    return !this.#destroyed;
  }

  on<K extends keyof PeerLinkEvents>(type: K, listener: (detail: PeerLinkEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** Applies a message from the other side's link. The caller has checked the generation. */
  receive(message: PeerMessage): void {
    if (this.#destroyed || this.#closedUnseen()) return;
    switch (message.kind) {
      case 'description':
        if (message.description.type === 'offer') this.#receiveOffer(message.description.sdp);
        else this.#receiveAnswer(message.description.sdp);
        return;
      case 'candidate':
        this.#receiveCandidate(message.candidate);
        return;
      case 'renegotiate':
        if (this.#initiator && this.#renegotiations++ < MAX_RENEGOTIATIONS) this.#peer.signal({ renegotiate: true });
        return;
      default:
        return;
    }
  }

  /** Initiator: restarts ICE (new credentials, new candidates) on this connection. */
  restartIce(): void {
    if (this.#destroyed || !this.#initiator) return;
    this.connection.restartIce();
    this.#peer.negotiate();
  }

  /** Sends `newTrack` where `oldTrack` went, without renegotiation. */
  async replaceTrack(oldTrack: MediaStreamTrack, newTrack: MediaStreamTrack): Promise<void> {
    if (this.#destroyed) return;
    const sender = this.connection.getSenders().find((s) => s.track === oldTrack);
    await sender?.replaceTrack(newTrack);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearInterval(this.#closedCheck);
    this.#peer.removeAllListeners();
    // simple-peer may still report a negotiation step that was in flight; this link is gone, so it concerns no one.
    this.#peer.on('error', () => undefined);
    this.#peer.destroy();
  }

  #receiveOffer(sdp: string): void {
    // The first offer sets the connection up; each one after it is a renegotiation (or an ICE restart).
    if (this.#initiator || sdp === this.#lastOffer || this.#renegotiations > MAX_RENEGOTIATIONS) return;
    this.#lastOffer = sdp;
    this.#renegotiations++;
    if (this.#answering || this.connection.signalingState !== 'stable') {
      this.#queuedOffer = sdp;
      return;
    }
    this.#applyOffer(sdp);
  }

  #applyOffer(sdp: string): void {
    this.#answering = true;
    this.#peer.signal({ type: 'offer', sdp });
  }

  #receiveAnswer(sdp: string): void {
    if (!this.#initiator || sdp === this.#lastAnswer || this.connection.signalingState !== 'have-local-offer') return;
    this.#lastAnswer = sdp;
    this.#peer.signal({ type: 'answer', sdp });
  }

  #receiveCandidate(candidate: IceCandidate): void {
    const key = `${candidate.sdpMid ?? ''}|${candidate.sdpMLineIndex ?? ''}|${candidate.candidate}`;
    if (this.#seenCandidates.has(key) || this.#seenCandidates.size >= MAX_REMOTE_CANDIDATES) return;
    this.#seenCandidates.add(key);
    this.#addCandidate({ ...candidate });
  }

  #addCandidate(candidate: RTCIceCandidateInit): void {
    if (!this.connection.remoteDescription) {
      this.#hold(candidate);
      return;
    }
    // Refused when it matches no applied remote description (yet): an ICE restart's candidates may overtake its offer.
    Promise.resolve()
      .then(() => this.connection.addIceCandidate(candidate))
      .catch(() => this.#hold(candidate));
  }

  #hold(candidate: RTCIceCandidateInit): void {
    if (this.#destroyed) return;
    this.#unmatched = [...this.#unmatched, candidate].slice(-MAX_UNMATCHED_CANDIDATES);
  }

  #onSignalingState(): void {
    if (this.#destroyed) return;
    const state = this.connection.signalingState;
    if (state === 'stable') {
      this.#answering = false;
      const queued = this.#queuedOffer;
      this.#queuedOffer = undefined;
      if (queued) this.#applyOffer(queued);
    }
    if (this.connection.remoteDescription && this.#unmatched.length > 0) {
      const held = this.#unmatched;
      this.#unmatched = [];
      for (const candidate of held) this.#addCandidate(candidate);
    }
  }

  /** Someone closed the connection behind the link's back: the link is lost. */
  #closedUnseen(): boolean {
    if (this.connection.signalingState !== 'closed') return false;
    this.#lost(new Error('the connection was closed'));
    return true;
  }

  #lost(cause?: Error): void {
    if (this.#destroyed) return;
    this.destroy();
    const message = cause ? `The peer connection failed: ${cause.message}` : 'The peer connection closed.';
    this.#events.emit('lost', { error: new SealcallError('PEER_CONNECTION_FAILED', message, { cause }), closedByPeer: closedByPeer(cause) });
  }
}

/** RFC 9260 §3.3.10.12: cause 12, "User-Initiated Abort", is what the other side's close() sends. */
const SCTP_USER_INITIATED_ABORT = 12;

function closedByPeer(cause: Error | undefined): boolean {
  return typeof RTCError !== 'undefined' && cause instanceof RTCError && cause.errorDetail === 'sctp-failure' && cause.sctpCauseCode === SCTP_USER_INITIATED_ABORT;
}

function toPeerMessage(generation: number, signal: SimplePeerSignal): PeerMessage | undefined {
  switch (signal.type) {
    case 'offer':
    case 'answer':
      return { kind: 'description', generation, description: { type: signal.type, sdp: signal.sdp } };
    case 'candidate':
      return { kind: 'candidate', generation, candidate: signal.candidate };
    case 'renegotiate':
      return { kind: 'renegotiate', generation };
    default:
      // pranswer, rollback and transceiver requests: simple-peer emits them only for APIs the SDK never calls.
      return undefined;
  }
}
