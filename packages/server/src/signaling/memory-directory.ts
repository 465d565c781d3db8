import type { Role, ServerMessage } from '@sealcall/protocol';
import { roomKey, type RoomRef } from './records.js';
import {
  EMPTY_ROOM,
  isComplete,
  otherRole,
  OUTBOX_LIMIT,
  type Claimed,
  type Delivery,
  type DirectoryListener,
  type Envelope,
  type NewSeat,
  type RoomDirectory,
  type RoomRecord,
  type Seat,
} from './room-directory.js';

interface Room {
  record: RoomRecord;
  readonly held: Record<Role, ServerMessage[]>;
}

/** Rooms in this process: one node, every socket local. Each operation runs to its end before the next. */
export class MemoryDirectory implements RoomDirectory {
  readonly node = 'local';
  readonly #rooms = new Map<string, Room>();
  #receive: DirectoryListener['receive'] = () => {};

  get size(): number {
    return this.#rooms.size;
  }

  async start(listener: DirectoryListener): Promise<void> {
    this.#receive = listener.receive;
  }

  async stop(): Promise<void> {
    this.#rooms.clear();
  }

  async read(ref: RoomRef): Promise<RoomRecord> {
    return this.#rooms.get(roomKey(ref))?.record ?? EMPTY_ROOM;
  }

  async claim(ref: RoomRef, seat: NewSeat): Promise<Claimed | undefined> {
    const room = this.#rooms.get(roomKey(ref)) ?? { record: EMPTY_ROOM, held: { agent: [], customer: [] } };
    const before = room.record;
    const current = before[seat.role];
    if (current !== null && current.id !== seat.id) return undefined;
    const claimed: Seat =
      current === null
        ? { id: seat.id, role: seat.role, subject: seat.subject, admitted: seat.admitted, socket: seat.socket, lastSocket: null }
        : { ...current, admitted: current.admitted || seat.admitted, socket: seat.socket, lastSocket: null };
    room.record = { ...before, [seat.role]: claimed };
    this.#rooms.set(roomKey(ref), room);
    return { before, after: room.record, held: room.held[seat.role].splice(0) };
  }

  async admit(ref: RoomRef, id: string): Promise<RoomRecord | undefined> {
    const room = this.#rooms.get(roomKey(ref));
    const customer = room?.record.customer;
    if (room === undefined || customer == null || customer.id !== id) return undefined;
    room.record = { ...room.record, customer: { ...customer, admitted: true } };
    return room.record;
  }

  async release(ref: RoomRef, role: Role, id: string, socket: string): Promise<boolean> {
    const room = this.#rooms.get(roomKey(ref));
    const seat = room?.record[role];
    if (room === undefined || seat == null || seat.id !== id || seat.socket !== socket) return false;
    room.record = { ...room.record, [role]: { ...seat, socket: null, lastSocket: socket } };
    return true;
  }

  async vacate(ref: RoomRef, role: Role, id: string, lastSocket?: string): Promise<RoomRecord | undefined> {
    const room = this.#rooms.get(roomKey(ref));
    const seat = room?.record[role];
    if (room === undefined || seat == null || seat.id !== id) return undefined;
    if (lastSocket !== undefined && (seat.socket !== null || seat.lastSocket !== lastSocket)) return undefined;
    const before = room.record;
    room.record = { ...before, [role]: null };
    room.held[role] = [];
    if (room.record[otherRole(role)] === null) this.#rooms.delete(roomKey(ref));
    return before;
  }

  async deliver(ref: RoomRef, role: Role, id: string, message: ServerMessage): Promise<Delivery> {
    const room = this.#rooms.get(roomKey(ref));
    const seat = room?.record[role];
    if (room === undefined || seat == null || seat.id !== id) return 'absent';
    return this.#deliver(room, seat, message);
  }

  async relay(ref: RoomRef, from: Role, id: string, message: ServerMessage): Promise<Delivery> {
    const room = this.#rooms.get(roomKey(ref));
    const peer = room?.record[otherRole(from)];
    if (room === undefined || peer == null || room.record[from]?.id !== id || !isComplete(room.record)) return 'absent';
    return this.#deliver(room, peer, message);
  }

  async bounce(ref: RoomRef, role: Role, id: string, socket: string, message: ServerMessage): Promise<Delivery> {
    await this.release(ref, role, id, socket);
    return this.deliver(ref, role, id, message);
  }

  async send(socket: string, envelope: Envelope): Promise<void> {
    this.#receive(socket, envelope);
  }

  #deliver(room: Room, seat: Seat, message: ServerMessage): Delivery {
    if (seat.socket !== null) {
      this.#receive(seat.socket, { message });
      return 'sent';
    }
    const held = room.held[seat.role];
    if (held.length >= OUTBOX_LIMIT) return 'full';
    held.push(message);
    return 'held';
  }
}
