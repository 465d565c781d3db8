/**
 * Room and lobby state: one agent slot and one customer slot per room. No sockets, no timers,
 * no tokens: the host supplies them, so this can be driven by the server or by a test fake.
 * `C` is whatever identifies a connection.
 */

import { SealcallServerError } from '../errors.js';
import type { Log } from '../logger.js';
import {
  CloseCode,
  type AbsenceReason,
  type IceServer,
  type PeerInfo,
  type PeerLeftReason,
  type Role,
  type ServerMessage,
  type SignalData,
} from '@sealcall/protocol';
import { roomKey, type RoomRef } from './records.js';

/** How many messages are held for a participant that is reconnecting. */
export const OUTBOX_LIMIT = 64;

export interface Participant<C> extends RoomRef {
  readonly id: string;
  readonly role: Role;
  /** The room token's `sub`. */
  readonly subject: string;
  admitted: boolean;
  /** `null` while the participant's socket is gone and its slot is kept for a resume. */
  conn: C | null;
  /** Messages for it while `conn` is `null`, delivered in order when it resumes. */
  readonly outbox: ServerMessage[];
}

export interface JoinClaim {
  readonly role: Role;
  readonly subject: string;
  readonly participantId: string;
  /** True when a resume token reclaims the slot (or recreates it, after a restart). */
  readonly resuming: boolean;
  readonly admitted: boolean;
  /** Sent to the participant in `joined`. */
  readonly resumeToken: string;
  /** TURN servers with this participant's credentials, sent in `joined`; none without TURN. */
  readonly iceServers?: readonly IceServer[];
}

export interface RoomsHost<C> {
  send(conn: C, message: ServerMessage): void;
  close(conn: C, code: CloseCode, reason: string): void;
  log: Log;
}

interface Room<C> {
  agent: Participant<C> | null;
  customer: Participant<C> | null;
}

export class Rooms<C> {
  readonly #host: RoomsHost<C>;
  readonly #rooms = new Map<string, Room<C>>();
  readonly #seats = new Map<C, Participant<C>>();

  constructor(host: RoomsHost<C>) {
    this.#host = host;
  }

  get size(): number {
    return this.#rooms.size;
  }

  participant(conn: C): Participant<C> | undefined {
    return this.#seats.get(conn);
  }

  /** Throws `ROOM_FULL` if the slot of `role` is held by anyone but `participantId`. */
  checkVacancy(ref: RoomRef, role: Role, participantId?: string): void {
    const held = this.#rooms.get(roomKey(ref))?.[role] ?? null;
    if (held !== null && held.id !== participantId) {
      throw new SealcallServerError('ROOM_FULL', `this room already has ${role === 'agent' ? 'an agent' : 'a customer'}`);
    }
  }

  /**
   * Seats `conn` in the claimed slot, or throws `ROOM_FULL` without changing anything.
   * A slot held by the same participant is taken over; its previous socket is closed as replaced.
   */
  join(ref: RoomRef, claim: JoinClaim, conn: C): Participant<C> {
    this.checkVacancy(ref, claim.role, claim.participantId);
    let room = this.#rooms.get(roomKey(ref));
    const held = room?.[claim.role] ?? null;
    if (room === undefined) {
      room = { agent: null, customer: null };
      this.#rooms.set(roomKey(ref), room);
    }
    const wasComplete = isComplete(room);

    let self = held;
    if (self === null) {
      self = {
        id: claim.participantId,
        role: claim.role,
        subject: claim.subject,
        tenant: ref.tenant,
        room: ref.room,
        admitted: claim.role === 'agent' || claim.admitted,
        conn,
        outbox: [],
      };
      room[claim.role] = self;
    } else {
      if (self.conn !== null) {
        this.#seats.delete(self.conn);
        this.#host.close(self.conn, CloseCode.replaced, 'replaced');
      }
      self.conn = conn;
      self.admitted ||= claim.admitted;
    }
    this.#seats.set(conn, self);
    this.#host.log('info', claim.resuming ? 'resume' : 'join', {
      ...fields(self),
      admitted: self.admitted,
    });

    const peer = room[other(self.role)];
    this.#host.send(conn, {
      type: 'joined',
      participantId: self.id,
      role: self.role,
      resumeToken: claim.resumeToken,
      admitted: self.admitted,
      peer: peer !== null && isComplete(room) ? info(peer) : null,
      ...(claim.iceServers === undefined ? {} : { iceServers: [...claim.iceServers] }),
    });
    for (const message of self.outbox.splice(0)) this.#host.send(conn, message);

    if (peer !== null && !wasComplete && isComplete(room)) {
      this.#deliver(peer, { type: 'peer-joined', peer: info(self) });
      this.#host.send(conn, { type: 'peer-joined', peer: info(peer) });
    }
    // The agent hears of a waiting customer when either of them arrives, and again on its resume.
    if (room.customer !== null && !room.customer.admitted && (self.role === 'agent' || held === null)) {
      this.#knock(room.agent, room.customer);
    }
    return self;
  }

  /**
   * The customer named by `participantId`, waiting or admitted in the room of the agent on `conn`.
   * Throws `FORBIDDEN` or `UNKNOWN_PARTICIPANT` otherwise.
   */
  lobbyCustomer(conn: C, participantId: string): Participant<C> {
    return this.#lobby(conn, participantId).customer;
  }

  /** The waiting customer is let in; `resumeToken` (its new one) goes with `admitted`. */
  admit(conn: C, participantId: string, resumeToken: string): void {
    const { agent, customer } = this.#lobby(conn, participantId);
    if (customer.admitted) return;
    customer.admitted = true;
    this.#host.log('info', 'admit', fields(customer));
    this.#deliver(customer, {
      type: 'admitted',
      resumeToken,
      peer: info(agent),
    });
    this.#deliver(customer, { type: 'peer-joined', peer: info(agent) });
    this.#host.send(conn, { type: 'peer-joined', peer: info(customer) });
  }

  /** Removes the customer (waiting or admitted) and returns it. */
  reject(conn: C, participantId: string): Participant<C> {
    const { room, customer } = this.#lobby(conn, participantId);
    room.customer = null;
    if (customer.conn !== null) {
      this.#seats.delete(customer.conn);
      this.#host.send(customer.conn, { type: 'rejected' });
      this.#host.close(customer.conn, CloseCode.rejected, 'rejected');
    }
    this.#host.log('info', 'reject', fields(customer));
    this.#host.send(conn, { type: 'peer-left', participantId, reason: 'rejected' });
    return customer;
  }

  /**
   * Tells the room's agent why its customer is not coming, while no customer is in the room
   * (one who is there already needs no news of a link reopened elsewhere). False if nobody heard it.
   */
  tellAgentAbsent(ref: RoomRef, reason: AbsenceReason): boolean {
    const room = this.#rooms.get(roomKey(ref));
    if (room === undefined || room.customer !== null || room.agent?.conn == null) return false;
    this.#host.send(room.agent.conn, { type: 'peer-absent', reason });
    this.#host.log('info', 'absent', { tenant: ref.tenant, room: ref.room, role: 'customer', reason });
    return true;
  }

  /** Relays to the peer, holding the message if the peer is reconnecting. Throws `NO_PEER`. */
  signal(conn: C, data: SignalData): void {
    const self = this.#seated(conn);
    const room = this.#rooms.get(roomKey(self));
    const peer = room?.[other(self.role)] ?? null;
    if (room === undefined || peer === null || !isComplete(room)) {
      throw new SealcallServerError('NO_PEER', 'there is no admitted peer in the room to relay to');
    }
    if (!this.#deliver(peer, { type: 'signal', from: self.id, data })) {
      throw new SealcallServerError('NO_PEER', 'the peer is reconnecting and too many messages are waiting for it');
    }
  }

  /** Frees the slot for good and closes the socket. */
  leave(conn: C): Participant<C> {
    const self = this.#seated(conn);
    this.#seats.delete(conn);
    this.#vacate(self, 'left');
    this.#host.close(conn, CloseCode.left, 'left');
    return self;
  }

  /** The socket is gone without a `leave`: keep the slot, tell nobody, hold messages for it. */
  drop(conn: C): Participant<C> | undefined {
    const self = this.#seats.get(conn);
    if (self === undefined) return undefined;
    this.#seats.delete(conn);
    self.conn = null;
    return self;
  }

  /** Ends the grace of a dropped participant. A no-op if it has resumed or left meanwhile. */
  timeout(participant: Participant<C>): void {
    if (participant.conn === null) this.#vacate(participant, 'timeout');
  }

  clear(): void {
    this.#rooms.clear();
    this.#seats.clear();
  }

  #vacate(self: Participant<C>, reason: Exclude<PeerLeftReason, 'rejected'>): void {
    const room = this.#rooms.get(roomKey(self));
    if (room === undefined || room[self.role] !== self) return;
    const wasComplete = isComplete(room);
    room[self.role] = null;
    this.#host.log('info', reason === 'left' ? 'leave' : 'timeout', fields(self));

    const peer = room[other(self.role)];
    const message: ServerMessage = { type: 'peer-left', participantId: self.id, reason };
    if (peer !== null && wasComplete) {
      this.#deliver(peer, message);
    } else if (peer?.role === 'agent' && peer.conn !== null) {
      // A waiting customer went away: withdraws its knock.
      this.#host.send(peer.conn, message);
    }
    if (room.agent === null && room.customer === null) this.#rooms.delete(roomKey(self));
  }

  #knock(agent: Participant<C> | null, customer: Participant<C>): void {
    if (agent === null || agent.conn === null) return;
    this.#host.send(agent.conn, { type: 'knock', participantId: customer.id });
    this.#host.log('info', 'knock', fields(customer));
  }

  #deliver(to: Participant<C>, message: ServerMessage): boolean {
    if (to.conn !== null) {
      this.#host.send(to.conn, message);
      return true;
    }
    if (to.outbox.length >= OUTBOX_LIMIT) return false;
    to.outbox.push(message);
    return true;
  }

  #seated(conn: C): Participant<C> {
    const self = this.#seats.get(conn);
    if (self === undefined) throw new SealcallServerError('NOT_JOINED', 'send "join" first');
    return self;
  }

  /** The caller's room, checked to be the agent's, and the customer named by `participantId`. */
  #lobby(conn: C, participantId: string) {
    const agent = this.#seated(conn);
    if (agent.role !== 'agent') {
      throw new SealcallServerError('FORBIDDEN', 'only the agent can admit or reject');
    }
    const room = this.#rooms.get(roomKey(agent));
    const customer = room?.customer ?? null;
    if (room === undefined || customer === null || customer.id !== participantId) {
      throw new SealcallServerError('UNKNOWN_PARTICIPANT', 'no customer with this participantId is in the room');
    }
    return { room, agent, customer };
  }
}

function isComplete(room: Room<unknown>): boolean {
  return room.agent !== null && room.customer !== null && room.customer.admitted;
}

function other(role: Role): Role {
  return role === 'agent' ? 'customer' : 'agent';
}

function info(participant: Participant<unknown>): PeerInfo {
  return { participantId: participant.id, role: participant.role };
}

function fields(participant: Participant<unknown>) {
  return { tenant: participant.tenant, room: participant.room, participantId: participant.id, role: participant.role };
}
