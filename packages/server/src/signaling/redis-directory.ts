import type { RedisClientType } from '@redis/client';
import type { CloseCode, Role, ServerMessage } from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import { roomKey, type RoomRef } from './records.js';
import {
  OUTBOX_LIMIT,
  type Claimed,
  nodeOf,
  type Delivery,
  type DirectoryListener,
  type Envelope,
  type NewSeat,
  type OrphanedSeat,
  type RoomDirectory,
  type RoomRecord,
  type Seat,
} from './room-directory.js';
import { ScriptRunner } from './redis-script-runner.js';
import { BEAT, ROOM_SCRIPTS, type RoomScript } from './redis-scripts.js';

/** A room's fields as HMGET reads them: each role's id, subject, admitted, socket and last. */
const RECORD_FIELDS = (['agent', 'customer'] as const).flatMap((role) => ['id', 'subject', 'admitted', 'socket', 'last'].map((field) => `${role}:${field}`));

export type RedisClient = RedisClientType;

/**
 * Rooms in Redis, shared by every node: each change is one Lua script (redis-scripts.ts), and a
 * message for a socket of another node goes to that node's channel. A message for a node that no
 * longer listens (it died) is held, as for a participant that is reconnecting, until the
 * participant resumes on any node.
 */
export class RedisDirectory implements RoomDirectory {
  readonly node: string;
  readonly size = undefined;
  readonly #client: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #prefix: string;
  readonly #scripts: ScriptRunner;
  readonly #beatMs: number;
  readonly #onBeatFailed: (error: unknown) => void;
  #receive: DirectoryListener['receive'] = () => {};
  #beats = 0;
  #beating: NodeJS.Timeout | undefined;

  /**
   * `node` names this node (no `/`); `client` runs commands; `subscriber`, a client of its own,
   * listens to this node's channel. Neither is connected yet. The node beats every `beatMs`, and
   * is taken for dead by the others three beats after its last.
   */
  constructor(node: string, client: RedisClient, subscriber: RedisClient, prefix: string, beatMs: number, onBeatFailed: (error: unknown) => void) {
    this.node = node;
    this.#beatMs = beatMs;
    this.#onBeatFailed = onBeatFailed;
    this.#client = client;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#scripts = new ScriptRunner(client);
  }

  async start(listener: DirectoryListener): Promise<void> {
    this.#receive = listener.receive;
    // Messages published while the subscriber was away were held (no listener) or lost.
    let ready = 0;
    this.#subscriber.on('ready', () => {
      if (++ready > 1) listener.lost();
    });
    await Promise.all([this.#client.connect(), this.#subscriber.connect()]);
    await this.#subscriber.subscribe(this.#channel(this.node), (payload) => this.#dispatch(payload));
    await this.#beat(listener);
    this.#beating = setInterval(() => this.#beat(listener).catch(this.#onBeatFailed), this.#beatMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#beating);
    await this.#client.sendCommand(['ZREM', `${this.#prefix}nodes`, this.node]).catch(() => undefined);
    await Promise.allSettled([this.#subscriber.close(), this.#client.close()]);
  }

  /** Says this node lives, and takes over the seats of nodes that stopped saying so. */
  async #beat(listener: DirectoryListener): Promise<void> {
    const reply = await this.#scripts.run<string[]>(BEAT, [`${this.#prefix}nodes`], [this.node, this.#prefix, String(3 * this.#beatMs)]);
    const [takenForDead, ...fields] = reply;
    if (takenForDead === '1' && this.#beats > 0) listener.lost();
    this.#beats++;
    const orphaned: OrphanedSeat[] = [];
    const roomKeys = `${this.#prefix}room:`;
    for (let i = 0; i + 5 <= fields.length; i += 5) {
      const [key, role, id, socket, subject] = fields.slice(i, i + 5) as [string, Role, string, string, string];
      const tenantAndRoom = key.slice(roomKeys.length);
      const slash = tenantAndRoom.indexOf('/');
      orphaned.push({ tenant: tenantAndRoom.slice(0, slash), room: tenantAndRoom.slice(slash + 1), role, id, socket, subject });
    }
    if (orphaned.length > 0) listener.orphaned(orphaned);
  }

  async read(ref: RoomRef): Promise<RoomRecord> {
    const values = await this.#client.sendCommand<Array<string | null>>(['HMGET', this.#roomKey(ref), ...RECORD_FIELDS]);
    return parseRecord(values.map((value) => value ?? ''));
  }

  async claim(ref: RoomRef, seat: NewSeat): Promise<Claimed | undefined> {
    const reply = await this.#run('claim', ref, [seat.role, seat.id, seat.subject, seat.admitted ? '1' : '0', seat.socket, String(seat.expiresAt)]);
    if (!Array.isArray(reply) || reply[0] !== 'ok') return undefined;
    return { before: parseRecord(reply.slice(1, 11)), after: parseRecord(reply.slice(11, 21)), held: reply.slice(21).map((text) => JSON.parse(text) as ServerMessage) };
  }

  async admit(ref: RoomRef, id: string): Promise<RoomRecord | undefined> {
    const reply = await this.#run('admit', ref, [id]);
    return Array.isArray(reply) && reply[0] === 'ok' ? parseRecord(reply.slice(1)) : undefined;
  }

  async release(ref: RoomRef, role: Role, id: string, socket: string): Promise<boolean> {
    return (await this.#run('release', ref, [role, id, socket])) === 1;
  }

  async vacate(ref: RoomRef, role: Role, id: string, lastSocket?: string): Promise<RoomRecord | undefined> {
    const reply = await this.#run('vacate', ref, [role, id, lastSocket ?? '', lastSocket === undefined ? '0' : '1']);
    return Array.isArray(reply) && reply[0] === 'ok' ? parseRecord(reply.slice(1)) : undefined;
  }

  deliver(ref: RoomRef, role: Role, id: string, message: ServerMessage): Promise<Delivery> {
    return this.#delivery(message, this.#run('deliver', ref, [role, id, JSON.stringify(message)]));
  }

  relay(ref: RoomRef, from: Role, id: string, message: ServerMessage): Promise<Delivery> {
    return this.#delivery(message, this.#run('relay', ref, [from, id, JSON.stringify(message)]));
  }

  bounce(ref: RoomRef, role: Role, id: string, socket: string, message: ServerMessage, seq?: number): Promise<Delivery> {
    if (seq === undefined) throw new SealcallServerError('REDIS_UNAVAILABLE', `a message for socket ${socket} came without its number`);
    return this.#delivery(message, this.#run('bounce', ref, [role, id, socket, String(seq), JSON.stringify(message)]));
  }

  async send(socket: string, envelope: Envelope): Promise<void> {
    const node = nodeOf(socket);
    if (node === this.node) return this.#receive(socket, envelope);
    const payload = 'message' in envelope ? `m${socket}\n${JSON.stringify(envelope.message)}` : `c${socket}\n${envelope.close.code} ${envelope.close.reason}`;
    await this.#client.sendCommand(['PUBLISH', this.#channel(node), payload]);
  }

  async #delivery(message: ServerMessage, reply: Promise<unknown>): Promise<Delivery> {
    const outcome = await reply;
    if (typeof outcome === 'string' && outcome.startsWith('local:')) {
      const [, seq, socket] = /^local:(\d+):(.*)$/s.exec(outcome) as unknown as [string, string, string];
      this.#receive(socket, { message, seq: Number(seq) });
      return 'sent';
    }
    if (outcome === 'sent' || outcome === 'held' || outcome === 'full' || outcome === 'absent') return outcome;
    throw new SealcallServerError('REDIS_UNAVAILABLE', `Redis answered a room script with ${JSON.stringify(outcome)}`);
  }

  /** One of the room scripts, on the room's hash and its two queues of held messages. */
  #run(name: RoomScript, ref: RoomRef, args: readonly string[]): Promise<unknown> {
    const key = this.#roomKey(ref);
    return this.#scripts.run(ROOM_SCRIPTS[name], [key, `${key}:held:agent`, `${key}:held:customer`], [this.node, this.#prefix, String(OUTBOX_LIMIT), ...args]);
  }

  #dispatch(payload: string): void {
    const newline = payload.indexOf('\n');
    const socket = payload.slice(1, newline);
    const body = payload.slice(newline + 1);
    if (payload[0] === 'm') {
      const numbered = body.indexOf('\n');
      return this.#receive(socket, { message: JSON.parse(body.slice(numbered + 1)) as ServerMessage, seq: Number(body.slice(0, numbered)) });
    }
    const space = body.indexOf(' ');
    this.#receive(socket, { close: { code: Number(body.slice(0, space)) as CloseCode, reason: body.slice(space + 1) } });
  }

  #roomKey(ref: RoomRef): string {
    return `${this.#prefix}room:${roomKey(ref)}`;
  }

  #channel(node: string): string {
    return `${this.#prefix}node:${node}`;
  }
}

/** Ten strings, five a seat (id, subject, admitted, socket, last socket), '' for none. */
function parseRecord(values: readonly string[]): RoomRecord {
  const seat = (role: Role, offset: number): Seat | null => {
    const [id, subject, admitted, socket, last] = values.slice(offset, offset + 5) as [string, string, string, string, string];
    return id === '' ? null : { id, role, subject, admitted: admitted === '1', socket: socket === '' ? null : socket, lastSocket: last === '' ? null : last };
  };
  return { agent: seat('agent', 0), customer: seat('customer', 5) };
}
