import { isRole, isRoomId } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import { byteLength } from '../internal/validate.js';
import { isPeerMessage, MAX_PEER_MESSAGE_BYTES, type PeerMessage } from './peer-message.js';
import type { JoinResult, Role, SignalingEvents, SignalingState } from './types.js';

/** Room for the transport's own fields around a PeerMessage. */
const MAX_ENVELOPE_LENGTH = MAX_PEER_MESSAGE_BYTES + 1024;

/** What every SignalingAdapter shares: events, state, and the checks on what crosses the wire. */
export abstract class SignalingBase {
  readonly room: string;
  readonly role: Role;
  readonly #events = new Emitter<SignalingEvents>();
  #state: SignalingState = 'idle';

  protected constructor(room: string, role: Role) {
    if (!isRoomId(room)) {
      throw new SealcallError('INVALID_ARGUMENT', `"room" expected 1 to 64 characters of A-Z a-z 0-9 _ -, got ${JSON.stringify(room)}`);
    }
    if (!isRole(role)) {
      throw new SealcallError('INVALID_ARGUMENT', `"role" expected 'agent' or 'customer', got ${JSON.stringify(role)}`);
    }
    this.room = room;
    this.role = role;
  }

  get state(): SignalingState {
    return this.#state;
  }

  on<K extends keyof SignalingEvents>(type: K, listener: (detail: SignalingEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  protected emit<K extends keyof SignalingEvents>(type: K, detail: SignalingEvents[K]): void {
    if (this.#state === 'closed' && type !== 'state-change' && type !== 'error' && type !== 'rejected') return;
    this.#events.emit(type, detail);
  }

  protected setState(state: SignalingState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#events.emit('state-change', { state });
  }

  protected joined(result: JoinResult): void {
    this.setState('open');
    this.emit('joined', result);
  }

  /** Serialises an outgoing message, or throws when it may not be sent. */
  protected encodeOutgoing(message: PeerMessage): string {
    if (this.#state === 'closed') {
      throw new SealcallError('SIGNALING_CLOSED', 'The signaling adapter is closed: create a new one to join again.');
    }
    const text = JSON.stringify(message);
    const size = byteLength(text);
    if (size > MAX_PEER_MESSAGE_BYTES) {
      throw new SealcallError(
        'SIGNALING_MESSAGE_TOO_LARGE',
        `Signaling message of ${size} bytes exceeds the limit of ${MAX_PEER_MESSAGE_BYTES} bytes.`,
      );
    }
    if (!isPeerMessage(message)) {
      throw new SealcallError('INVALID_ARGUMENT', `Not a valid PeerMessage (kind ${JSON.stringify((message as { kind?: unknown }).kind)}).`);
    }
    return text;
  }

  /** Delivers an inbound peer message after checking it, or reports why it was dropped. */
  protected deliver(from: string, message: unknown): void {
    if (!isPeerMessage(message)) {
      this.reportBadMessage('a peer message of unknown kind or bad shape');
      return;
    }
    this.emit('message', { from, message });
  }

  protected reportBadMessage(what: string): void {
    this.emit('error', {
      error: new SealcallError('SIGNALING_BAD_MESSAGE', `Dropped ${what} from the signaling channel.`),
    });
  }

  /** Parses inbound wire text; reports and returns undefined for what cannot be a message. */
  protected parseInbound(data: unknown): unknown {
    if (typeof data !== 'string') {
      this.reportBadMessage('a binary frame');
      return undefined;
    }
    if (data.length > MAX_ENVELOPE_LENGTH) {
      this.reportBadMessage(`a message of ${data.length} characters (over the limit)`);
      return undefined;
    }
    try {
      return JSON.parse(data) as unknown;
    } catch {
      this.reportBadMessage('text that is not JSON');
      return undefined;
    }
  }
}
