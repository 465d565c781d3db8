import SimplePeer, { type SimplePeerSignal } from '@thaunknown/simple-peer';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { PeerMessage } from '../signaling/peer-message.js';

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
  /** The link died on its own (ICE failure, the remote went away). Not emitted by destroy(). */
  lost: { error: SealcallError };
}

/**
 * One RTCPeerConnection to the other participant, through simple-peer, for one generation.
 * A CallSession replaces its link when the connection cannot be recovered; the `generation`
 * tells apart the messages of an old link from those of its successor.
 */
export class PeerLink {
  readonly generation: number;
  readonly #peer: SimplePeer;
  readonly #events = new Emitter<PeerLinkEvents>();
  #destroyed = false;

  constructor(options: PeerLinkOptions) {
    this.generation = options.generation;
    this.#peer = new SimplePeer({
      initiator: options.initiator,
      stream: options.stream,
      config: { ...options.config, iceServers: options.iceServers },
      trickle: true,
    });
    this.#peer.on('signal', (signal) => {
      const message = toPeerMessage(this.generation, signal);
      if (message) this.#events.emit('signal', message);
    });
    this.#peer.on('stream', (stream) => this.#events.emit('stream', stream));
    this.#peer.on('connect', () => this.#events.emit('connect', undefined));
    this.#peer.on('iceStateChange', (state) => this.#events.emit('ice-state', state));
    this.#peer.on('error', (error) => this.#lost(error));
    this.#peer.on('close', () => this.#lost());
  }

  /** The underlying connection, for encoded transforms and stats. */
  get connection(): RTCPeerConnection {
    return this.#peer._pc;
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
    if (this.#destroyed) return;
    switch (message.kind) {
      case 'description':
        this.#peer.signal({ type: message.description.type, sdp: message.description.sdp });
        return;
      case 'candidate':
        this.#peer.signal({ type: 'candidate', candidate: { ...message.candidate } });
        return;
      case 'renegotiate':
        this.#peer.signal({ renegotiate: true });
        return;
      case 'restart':
        return;
    }
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
    this.#peer.removeAllListeners();
    this.#peer.destroy();
  }

  #lost(cause?: Error): void {
    if (this.#destroyed) return;
    this.destroy();
    const message = cause ? `The peer connection failed: ${cause.message}` : 'The peer connection closed.';
    this.#events.emit('lost', { error: new SealcallError('PEER_CONNECTION_FAILED', message, { cause }) });
  }
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
