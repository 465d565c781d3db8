/**
 * Rooms and the lobby on the wire: one agent seat and one customer seat per room, kept in a
 * RoomDirectory (this process, or Redis for every node). No timers, no tokens, no database: the
 * host supplies them, so this can be driven by the server or by a test. `C` is whatever
 * identifies a connection on this node.
 */

import { SealcallServerError } from '../errors.js';
import type { Log } from '../logger.js';
import { CloseCode, type AbsenceReason, type IceServer, type PeerInfo, type PeerLeftReason, type Role, type ServerMessage, type SignalData } from '@sealcall/protocol';
import { roomKey, type RoomRef } from './records.js';
import { isComplete, otherRole, type Envelope, type RoomDirectory, type RoomRecord, type Seat } from './room-directory.js';

export { OUTBOX_LIMIT } from './room-directory.js';

/** How long a dropped socket's name is kept, for messages sent to it before its seat let it go. */
const LINGER_MS = 10_000;

/** Who is on a connection of this node. */
export interface Participant extends RoomRef {
  readonly id: string;
  readonly role: Role;
  /** The room token's `sub`. */
  readonly subject: string;
}

/** A participant whose socket went away: its seat waits for a resume. */
export interface Dropped extends Participant {
  /** The socket it had, for `timeout`. */
  readonly socket: string;
}

export interface JoinClaim {
  readonly role: Role;
  readonly subject: string;
  readonly participantId: string;
  /** True when a resume token reclaims the seat (or recreates it, after a restart). */
  readonly resuming: boolean;
  readonly admitted: boolean;
  /** Sent to the participant in `joined`. */
  readonly resumeToken: string;
  /** ms since the epoch: the participant's session ends then. */
  readonly sessionExpiresAt: number;
  /** TURN servers with this participant's credentials, sent in `joined`; none without TURN. */
  readonly iceServers?: readonly IceServer[];
}

export interface RoomsHost<C> {
  send(conn: C, message: ServerMessage): void;
  /** False once the connection is closing or closed: what comes for it then is held instead. */
  isOpen(conn: C): boolean;
  close(conn: C, code: CloseCode, reason: string): void;
  /** A participant of a node found dead: its seat waits for a resume, as after `drop`. */
  orphaned(dropped: Dropped): void;
  log: Log;
}

interface Local<C> {
  readonly conn: C;
  readonly socket: string;
  readonly participant: Participant;
}

export class Rooms<C> {
  readonly #host: RoomsHost<C>;
  readonly #directory: RoomDirectory;
  readonly #byConn = new Map<C, Local<C>>();
  readonly #bySocket = new Map<string, Local<C>>();
  readonly #lingering = new Set<NodeJS.Timeout>();
  #sockets = 0;

  constructor(host: RoomsHost<C>, directory: RoomDirectory) {
    this.#host = host;
    this.#directory = directory;
  }

  /** Starts taking what other nodes send to this node's participants. */
  start(): Promise<void> {
    return this.#directory.start({
      receive: (socket, envelope) => this.#receive(socket, envelope),
      // Each participant here resumes, on any node, and gets what was held for it.
      lost: () => {
        for (const local of [...this.#byConn.values()]) this.#receive(local.socket, { close: { code: CloseCode.shutdown, reason: 'signaling state lost' } });
      },
      orphaned: (seats) => {
        for (const seat of seats) this.#host.orphaned(seat);
      },
    });
  }

  /** Rooms with a participant on this node, or every room where there is one node. */
  get size(): number {
    return this.#directory.size ?? new Set([...this.#byConn.values()].map((local) => roomKey(local.participant))).size;
  }

  participant(conn: C): Participant | undefined {
    return this.#byConn.get(conn)?.participant;
  }

  /** Throws `ROOM_FULL` if the seat of `role` is held by anyone but `participantId`. */
  async checkVacancy(ref: RoomRef, role: Role, participantId?: string): Promise<void> {
    const held = (await this.#directory.read(ref))[role];
    if (held !== null && held.id !== participantId) throw roomFull(role);
  }

  /**
   * Seats `conn` in the claimed seat, or throws `ROOM_FULL` without changing anything. A seat
   * held by the same participant is taken over; its previous socket is closed as replaced.
   */
  async join(ref: RoomRef, claim: JoinClaim, conn: C): Promise<Participant> {
    const socket = `${this.#directory.node}/${++this.#sockets}`;
    const claimed = await this.#directory.claim(ref, {
      id: claim.participantId,
      role: claim.role,
      subject: claim.subject,
      admitted: claim.role === 'agent' || claim.admitted,
      socket,
      expiresAt: claim.sessionExpiresAt,
    });
    if (claimed === undefined) throw roomFull(claim.role);
    const { before, after, held } = claimed;
    const previous = before[claim.role];
    if (previous?.socket != null) await this.#directory.send(previous.socket, { close: { code: CloseCode.replaced, reason: 'replaced' } });

    const self = after[claim.role] as Seat;
    const participant: Participant = { tenant: ref.tenant, room: ref.room, id: self.id, role: self.role, subject: self.subject };
    const local = { conn, socket, participant };
    this.#byConn.set(conn, local);
    this.#bySocket.set(socket, local);
    this.#host.log('info', claim.resuming ? 'resume' : 'join', { ...fields(participant), admitted: self.admitted });

    const peer = after[otherRole(self.role)];
    this.#host.send(conn, {
      type: 'joined',
      participantId: self.id,
      role: self.role,
      resumeToken: claim.resumeToken,
      admitted: self.admitted,
      peer: peer !== null && isComplete(after) ? info(peer) : null,
      ...(claim.iceServers === undefined ? {} : { iceServers: [...claim.iceServers] }),
    });
    for (const message of held) this.#host.send(conn, message);

    if (peer !== null && !isComplete(before) && isComplete(after)) {
      await this.#directory.deliver(ref, peer.role, peer.id, { type: 'peer-joined', peer: info(self) });
      this.#host.send(conn, { type: 'peer-joined', peer: info(peer) });
    }
    // The agent hears of a waiting customer when either of them arrives, and again on its resume.
    if (after.customer !== null && !after.customer.admitted && (self.role === 'agent' || previous === null)) {
      await this.#knock(ref, after.agent, after.customer);
    }
    return participant;
  }

  /**
   * The customer named by `participantId`, waiting or admitted in the room of the agent on `conn`.
   * Throws `FORBIDDEN` or `UNKNOWN_PARTICIPANT` otherwise.
   */
  async lobbyCustomer(conn: C, participantId: string): Promise<Participant & { readonly admitted: boolean }> {
    const { agent, customer } = await this.#lobby(conn, participantId);
    return { tenant: agent.tenant, room: agent.room, id: customer.id, role: customer.role, subject: customer.subject, admitted: customer.admitted };
  }

  /** The waiting customer is let in; `resumeToken` (its new one) goes with `admitted`. */
  async admit(conn: C, participantId: string, resumeToken: string): Promise<void> {
    const { agent, customer } = await this.#lobby(conn, participantId);
    if (customer.admitted) return;
    if ((await this.#directory.admit(agent, participantId)) === undefined) throw unknownParticipant();
    this.#host.log('info', 'admit', fields({ ...agent, ...customer }));
    await this.#directory.deliver(agent, 'customer', customer.id, { type: 'admitted', resumeToken, peer: info(agent) });
    await this.#directory.deliver(agent, 'customer', customer.id, { type: 'peer-joined', peer: info(agent) });
    this.#host.send(conn, { type: 'peer-joined', peer: info(customer) });
  }

  /** Removes the customer (waiting or admitted). */
  async reject(conn: C, participantId: string): Promise<void> {
    const { agent, customer } = await this.#lobby(conn, participantId);
    await this.#directory.vacate(agent, 'customer', customer.id);
    if (customer.socket !== null) {
      await this.#directory.send(customer.socket, { message: { type: 'rejected' } });
      await this.#directory.send(customer.socket, { close: { code: CloseCode.rejected, reason: 'rejected' } });
    }
    this.#host.log('info', 'reject', fields({ ...agent, ...customer }));
    this.#host.send(conn, { type: 'peer-left', participantId, reason: 'rejected' });
  }

  /**
   * Tells the room's agent why its customer is not coming, while no customer is in the room
   * (one who is there already needs no news of a link reopened elsewhere). False if nobody heard it.
   */
  async tellAgentAbsent(ref: RoomRef, reason: AbsenceReason): Promise<boolean> {
    const room = await this.#directory.read(ref);
    if (room.customer !== null || room.agent?.socket == null) return false;
    await this.#directory.send(room.agent.socket, { message: { type: 'peer-absent', reason } });
    this.#host.log('info', 'absent', { tenant: ref.tenant, room: ref.room, role: 'customer', reason });
    return true;
  }

  /** Relays to the peer, holding the message if the peer is reconnecting. Throws `NO_PEER`. */
  async signal(conn: C, data: SignalData): Promise<void> {
    const self = this.#seated(conn).participant;
    switch (await this.#directory.relay(self, self.role, self.id, { type: 'signal', from: self.id, data })) {
      case 'absent':
        throw new SealcallServerError('NO_PEER', 'there is no admitted peer in the room to relay to');
      case 'full':
        throw new SealcallServerError('NO_PEER', 'the peer is reconnecting and too many messages are waiting for it');
    }
  }

  /** Frees the seat for good and closes the socket. */
  async leave(conn: C): Promise<Participant> {
    const { participant } = this.#forget(this.#seated(conn));
    await this.#vacate(participant, 'left');
    this.#host.close(conn, CloseCode.left, 'left');
    return participant;
  }

  /**
   * The socket is gone without a `leave`: keep the seat, tell nobody, hold messages for it. What
   * still reaches the socket for a while (sent before its seat let it go) is held too.
   */
  async drop(conn: C): Promise<Dropped | undefined> {
    const local = this.#byConn.get(conn);
    if (local === undefined) return undefined;
    this.#byConn.delete(conn);
    const { participant, socket } = local;
    await this.#directory.release(participant, participant.role, participant.id, socket);
    const linger = setTimeout(() => this.#lingering.delete(linger) && this.#bySocket.delete(socket), LINGER_MS).unref();
    this.#lingering.add(linger);
    return { ...participant, socket };
  }

  /** Ends the grace of a dropped participant. A no-op if it has resumed (or left) since. */
  async timeout(dropped: Dropped): Promise<void> {
    await this.#vacate(dropped, 'timeout', dropped.socket);
  }

  /** Forgets this node's connections (the server is closing them). */
  clear(): void {
    for (const timer of this.#lingering) clearTimeout(timer);
    this.#lingering.clear();
    this.#byConn.clear();
    this.#bySocket.clear();
  }

  /** What the directory has for a socket of this node. One that is closed is dropped as any other (`drop`). */
  #receive(socket: string, envelope: Envelope): void {
    const local = this.#bySocket.get(socket);
    if (local === undefined) return;
    if ('close' in envelope) return this.#host.close(local.conn, envelope.close.code, envelope.close.reason);
    if (this.#host.isOpen(local.conn)) return this.#host.send(local.conn, envelope.message);
    const { participant } = local;
    this.#directory.bounce(participant, participant.role, participant.id, socket, envelope.message, envelope.seq).catch((error: unknown) => {
      this.#host.log('error', 'internal-error', { ...fields(participant), code: error instanceof Error ? error.name : typeof error });
    });
  }

  #forget(local: Local<C>): Local<C> {
    this.#byConn.delete(local.conn);
    this.#bySocket.delete(local.socket);
    return local;
  }

  async #vacate(self: Participant, reason: Exclude<PeerLeftReason, 'rejected'>, lastSocket?: string): Promise<void> {
    const before = await this.#directory.vacate(self, self.role, self.id, lastSocket);
    if (before === undefined) return;
    this.#host.log('info', reason === 'left' ? 'leave' : 'timeout', fields(self));
    const peer = before[otherRole(self.role)];
    const message: ServerMessage = { type: 'peer-left', participantId: self.id, reason };
    if (peer !== null && isComplete(before)) {
      await this.#directory.deliver(self, peer.role, peer.id, message);
    } else if (peer?.role === 'agent' && peer.socket !== null) {
      // A waiting customer went away: withdraws its knock.
      await this.#directory.send(peer.socket, { message });
    }
  }

  async #knock(ref: RoomRef, agent: Seat | null, customer: Seat): Promise<void> {
    if (agent?.socket == null) return;
    await this.#directory.send(agent.socket, { message: { type: 'knock', participantId: customer.id } });
    this.#host.log('info', 'knock', fields({ ...ref, ...customer }));
  }

  #seated(conn: C): Local<C> {
    const local = this.#byConn.get(conn);
    if (local === undefined) throw new SealcallServerError('NOT_JOINED', 'send "join" first');
    return local;
  }

  /** The caller's room, checked to be the agent's, and the customer named by `participantId`. */
  async #lobby(conn: C, participantId: string): Promise<{ room: RoomRecord; agent: Participant; customer: Seat }> {
    const agent = this.#seated(conn).participant;
    if (agent.role !== 'agent') throw new SealcallServerError('FORBIDDEN', 'only the agent can admit or reject');
    const room = await this.#directory.read(agent);
    if (room.customer === null || room.customer.id !== participantId) throw unknownParticipant();
    return { room, agent, customer: room.customer };
  }
}

function roomFull(role: Role): SealcallServerError {
  return new SealcallServerError('ROOM_FULL', `this room already has ${role === 'agent' ? 'an agent' : 'a customer'}`);
}

function unknownParticipant(): SealcallServerError {
  return new SealcallServerError('UNKNOWN_PARTICIPANT', 'no customer with this participantId is in the room');
}

function info(participant: Pick<Seat, 'id' | 'role'>): PeerInfo {
  return { participantId: participant.id, role: participant.role };
}

function fields(participant: RoomRef & Pick<Seat, 'id' | 'role'>) {
  return { tenant: participant.tenant, room: participant.room, participantId: participant.id, role: participant.role };
}
