import type { AbsenceReason, CustomerAbsenceReason, IceServer, PeerLeftReason, Role } from '@sealcall/protocol';
import type { SealcallError } from '../errors.js';
import type { PeerMessage } from './peer-message.js';

export type { AbsenceReason, CustomerAbsenceReason, IceServer, PeerLeftReason, Role };

export interface Participant {
  readonly participantId: string;
  readonly role: Role;
}

/**
 * `idle` before connect(); `connecting` until the first join is answered; `open` while joined;
 * `reconnecting` while the transport is down and the adapter retries on its own; `closed` for good.
 */
export type SignalingState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface JoinResult {
  readonly self: Participant;
  /** False while a customer waits in the lobby. Agents are always admitted. */
  readonly admitted: boolean;
  /** The other participant, if present and admitted. */
  readonly peer: Participant | null;
  /** TURN servers with this participant's credentials, from a server that has TURN. */
  readonly iceServers?: readonly IceServer[];
}

export interface SignalingEvents {
  'state-change': { state: SignalingState };
  /** After every successful (re)join; reconnects emit it again. */
  joined: JoinResult;
  /** Agent only: a customer waits in the lobby. */
  knock: { participantId: string };
  /** Customer only: the agent let us in. Followed by `peer-joined`. */
  admitted: { peer: Participant };
  /** Customer only: the agent turned us away. The adapter is closed. */
  rejected: Record<string, never>;
  /** The pair is complete: both sides may now exchange messages. */
  'peer-joined': { peer: Participant };
  'peer-left': { participantId: string; reason: PeerLeftReason };
  /** Agent only: the customer is not coming (it declined, its camera failed, its link was refused), and why. */
  'peer-absent': { reason: AbsenceReason };
  message: { from: string; message: PeerMessage };
  /** Something went wrong that did not stop the adapter (a bad inbound message, a lost send). */
  error: { error: SealcallError };
}

/**
 * How a CallSession reaches the other participant of its room. The contract every
 * implementation keeps (and `defineSignalingConformance` checks):
 *
 * - Joining: `connect()` joins the room and resolves with the first `joined` result; it
 *   rejects with a SealcallError (SIGNALING_TOKEN_*, SIGNALING_ROOM_FULL, SIGNALING_UNREACHABLE)
 *   when the room refuses, and the adapter is then `closed`. A customer starts in the lobby
 *   (`admitted: false`) until the agent calls `admit()`; `reject()` closes the customer out.
 * - Ordering and delivery: messages from one sender arrive in the order sent, each at most
 *   once, and only to the other admitted participant. Delivery is best effort: a message sent
 *   while the peer is absent may be lost; the caller recovers (CallSession renegotiates).
 * - Validation: every inbound message is checked against the PeerMessage union and size limit;
 *   a bad one is dropped and reported as an `error` event, never delivered.
 * - Sending: `send()` throws SIGNALING_MESSAGE_TOO_LARGE for a message over
 *   MAX_PEER_MESSAGE_BYTES and SIGNALING_CLOSED after close(). While `reconnecting` it queues
 *   (bounded) and flushes in order once joined again.
 * - Reconnect: a transport drop is not the end: the adapter goes `reconnecting`, retries with
 *   backoff on its own, and emits `joined` again. It gives up (`closed`, with an `error`) only
 *   when the room refuses it.
 * - `close()` leaves the room for good (the peer sees `peer-left` with reason `left`) and is
 *   idempotent. Listeners never see events after it.
 */
export interface SignalingAdapter {
  readonly room: string;
  readonly role: Role;
  readonly state: SignalingState;
  connect(): Promise<JoinResult>;
  send(message: PeerMessage): void;
  admit(participantId: string): void;
  reject(participantId: string): void;
  /**
   * Customer, instead of connect(): tells the room's agent why the customer is not coming, without
   * joining (the room token stays unused). Best effort; an adapter without it leaves the agent
   * waiting. The adapter is `closed` afterwards.
   */
  absent?(reason: CustomerAbsenceReason): Promise<void>;
  close(): void;
  on<K extends keyof SignalingEvents>(type: K, listener: (detail: SignalingEvents[K]) => void): () => void;
}
