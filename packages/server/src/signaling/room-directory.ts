/**
 * Where rooms live and how their participants' messages reach them: in this process
 * (MemoryDirectory) or shared by every node through Redis (RedisDirectory). Each operation is
 * atomic: two nodes that race for one seat get one winner. Sockets are named `node/number`.
 */

import type { CloseCode, Role, ServerMessage } from '@sealcall/protocol';
import type { RoomRef } from './records.js';

/** How many messages are held for a participant that is reconnecting. */
export const OUTBOX_LIMIT = 64;

/** A participant's place in a room, as every node sees it. */
export interface Seat {
  readonly id: string;
  readonly role: Role;
  /** The room token's `sub`. */
  readonly subject: string;
  readonly admitted: boolean;
  /** The socket that holds it; null while its participant is reconnecting. */
  readonly socket: string | null;
  /** The socket that held it last, once it has none: whose grace it is in. */
  readonly lastSocket: string | null;
}

export interface RoomRecord {
  readonly agent: Seat | null;
  readonly customer: Seat | null;
}

export const EMPTY_ROOM: RoomRecord = { agent: null, customer: null };

/** What reaches a socket: a message, or that it is to be closed. */
export type Envelope =
  /** `seq`: the message's number for its seat, where the directory numbers them (for `bounce`). */
  | { readonly message: ServerMessage; readonly seq?: number }
  | { readonly close: { readonly code: CloseCode; readonly reason: string } };

export interface DirectoryListener {
  /** For a socket of this node. */
  receive(socket: string, envelope: Envelope): void;
  /** What was sent to this node's sockets for a while may have been lost (or held): they should resume. */
  lost(): void;
  /** Seats of a node found dead, now without their sockets: each waits for its participant's resume, as after a drop. */
  orphaned(seats: readonly OrphanedSeat[]): void;
}

export interface OrphanedSeat extends RoomRef {
  readonly id: string;
  readonly role: Role;
  readonly subject: string;
  /** The dead node's socket it had. */
  readonly socket: string;
}

export interface Claimed {
  readonly before: RoomRecord;
  readonly after: RoomRecord;
  /** What was held for the seat while it had no socket, now taken, in order. */
  readonly held: readonly ServerMessage[];
}

/** `sent` to its socket, `held` for it while it reconnects, `full` (too much held), or no such seat: `absent`. */
export type Delivery = 'sent' | 'held' | 'full' | 'absent';

export interface NewSeat {
  readonly id: string;
  readonly role: Role;
  readonly subject: string;
  readonly admitted: boolean;
  readonly socket: string;
  /** ms since the epoch: the room is forgotten after this (with no change since) if nobody ends it. */
  readonly expiresAt: number;
}

export interface RoomDirectory {
  /** This node's name: the first part of the sockets it names. */
  readonly node: string;
  /** How many rooms there are, where one process has them all; undefined across nodes. */
  readonly size: number | undefined;
  /** Starts taking what other nodes send to this node's sockets. */
  start(listener: DirectoryListener): Promise<void>;
  stop(): Promise<void>;
  read(ref: RoomRef): Promise<RoomRecord>;
  /**
   * Seats a participant, or gives its seat (same id) the new socket, taking what was held for
   * it. Undefined, and nothing changed, if another participant holds the seat of its role.
   */
  claim(ref: RoomRef, seat: NewSeat): Promise<Claimed | undefined>;
  /** The waiting customer `id` is admitted: the room after, or undefined if it is not the customer. */
  admit(ref: RoomRef, id: string): Promise<RoomRecord | undefined>;
  /** The seat of `id` loses `socket` (if it still has that one): its messages are held from now on. */
  release(ref: RoomRef, role: Role, id: string, socket: string): Promise<boolean>;
  /**
   * Frees the seat of `id` and forgets what was held for it; with `lastSocket`, only if the seat
   * is still without a socket since that one. The room before, or undefined if nothing changed.
   */
  vacate(ref: RoomRef, role: Role, id: string, lastSocket?: string): Promise<RoomRecord | undefined>;
  /** To the seat of `id`, held while it has no socket. */
  deliver(ref: RoomRef, role: Role, id: string, message: ServerMessage): Promise<Delivery>;
  /** From the seat of `id` to its peer, if the room is complete (`absent` otherwise), held while the peer has no socket. */
  relay(ref: RoomRef, from: Role, id: string, message: ServerMessage): Promise<Delivery>;
  /**
   * A message that reached `socket` after it closed: the seat of `id` loses that socket (if it
   * still has it), and the message is held for it, or sent to the newer socket it has since.
   */
  bounce(ref: RoomRef, role: Role, id: string, socket: string, message: ServerMessage, seq?: number): Promise<Delivery>;
  /** To a socket wherever it is, not held: lost if the socket is gone. */
  send(socket: string, envelope: Envelope): Promise<void>;
}

export function isComplete(room: RoomRecord): boolean {
  return room.agent !== null && room.customer !== null && room.customer.admitted;
}

export function otherRole(role: Role): Role {
  return role === 'agent' ? 'customer' : 'agent';
}

/** The node that holds `socket` (`node/number`). */
export function nodeOf(socket: string): string {
  return socket.slice(0, socket.indexOf('/'));
}
