import { errors } from 'jose';
import { parseRoomTokenClaims, TOKEN_AUDIENCES, type CustomerAbsenceReason, type IceServer } from '@sealcall/protocol';
import type { Lock } from '../keyed-lock.js';
import type { Log } from '../logger.js';
import { SealcallServerError } from '../errors.js';
import { randomId, type TokenKeys } from '../tokens/jwt.js';
import { createResumeToken, verifyJoinToken, type ResumeTokenClaims, type RoomTokenClaims } from '../tokens/room-token.js';
import { roomKey, type RoomRef, type SignalingRecords } from './records.js';
import type { Dropped, Participant, Rooms } from './rooms.js';
import { turnCredentials, type TurnOptions } from './turn-credentials.js';

export interface LobbyOptions<C> {
  readonly rooms: Rooms<C>;
  /** Serialises what changes one room: in this process, or across nodes. */
  readonly lock: Lock;
  readonly records: SignalingRecords;
  readonly tokens: TokenKeys;
  readonly resumeTtlSeconds: number;
  readonly reconnectGraceMs: number;
  /** Where participants get TURN credentials; null: none. */
  readonly turn: TurnOptions | null;
  /** Whether the tenant's settings allow a browser page of `origin` (undefined: not a browser). */
  readonly originAllowed: (tenant: string, origin: string | undefined) => Promise<boolean>;
  readonly now: () => number;
  readonly log: Log;
}

/**
 * Who may be in a room: joins, resumes, admit, reject, leave and the grace after a drop. Each
 * decision is written to the database before the room in memory acts on it, and everything
 * that changes one room runs one at a time, so a decision and the room never disagree.
 */
export class Lobby<C> {
  readonly #o: LobbyOptions<C>;
  readonly #lock: Lock;
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();

  constructor(options: LobbyOptions<C>) {
    this.#o = options;
    this.#lock = options.lock;
  }

  /**
   * Checks `token` and seats `conn`, opened by a page of `origin`, in room `roomId` of the
   * token's tenant, or throws a wire error and changes nothing.
   */
  async join(roomId: string, conn: C, token: string, origin: string | undefined): Promise<Participant> {
    const now = this.#o.now();
    const { claim, ref } = await this.#verify(roomId, token, origin, now);
    return this.#lock.run(roomKey(ref), async () => {
      try {
        const participant = claim.aud === TOKEN_AUDIENCES.room ? await this.#enter(ref, claim, conn, now) : await this.#resume(ref, claim, conn, now);
        this.#clearGrace(participant.id);
        return participant;
      } catch (error) {
        if (claim.aud === TOKEN_AUDIENCES.room && claim.role === 'customer' && error instanceof SealcallServerError && error.code === 'TOKEN_REUSED') {
          await this.#o.rooms.tellAgentAbsent(ref, 'link-used');
        }
        throw error;
      }
    });
  }

  /**
   * A customer with a valid, unused room token says it is not coming (it declined, or its camera
   * could not be used): its agent hears why. The token stays unused, so the customer can still
   * join with it. Throws a wire error for any other token.
   */
  async absent(roomId: string, token: string, reason: CustomerAbsenceReason, origin: string | undefined): Promise<void> {
    const { claim, ref } = await this.#verify(roomId, token, origin, this.#o.now());
    if (claim.aud !== TOKEN_AUDIENCES.room || claim.role !== 'customer') {
      throw new SealcallServerError('FORBIDDEN', 'only a customer, with its room token, can say it is not coming');
    }
    await this.#lock.run(roomKey(ref), async () => {
      if (await this.#o.records.isSpent(ref.tenant, claim.jti)) throw reused();
      await this.#o.rooms.tellAgentAbsent(ref, reason);
    });
  }

  /** The token's claims, checked for this room and the page's origin; an expired customer link is told to its agent. */
  async #verify(roomId: string, token: string, origin: string | undefined, now: number) {
    let verified;
    try {
      verified = await verifyJoinToken(this.#o.tokens, token, now);
    } catch (error) {
      const expired = expiredCustomerLink(error, roomId);
      if (expired !== undefined) await this.#lock.run(roomKey(expired), async () => this.#o.rooms.tellAgentAbsent(expired, 'link-expired'));
      throw error;
    }
    const { claims: claim, mustBeIssuedHere } = verified;
    if (claim.room !== roomId) throw new SealcallServerError('TOKEN_WRONG_ROOM', 'the token is for another room');
    const ref = { tenant: claim.tid, room: claim.room };
    if (!(await this.#o.originAllowed(ref.tenant, origin))) {
      await this.#o.records.denied(ref, { role: claim.role, subject: claim.sub }, { reason: 'origin not allowed' }, now);
      throw new SealcallServerError('ORIGIN_REFUSED', `your organisation's settings do not allow calls from ${origin ?? 'this page'}; an admin can add it to "allowedOrigins"`);
    }
    if (mustBeIssuedHere && !(await this.#o.records.issuedHere(ref, claim.jti))) {
      throw new SealcallServerError('TOKEN_INVALID', 'the token was refused: this server takes HS256 room tokens only from its own POST /v1/calls; sign yours with your key pair');
    }
    return { claim, ref };
  }

  admit(ref: RoomRef, conn: C, participantId: string): Promise<void> {
    return this.#lock.run(roomKey(ref), async () => {
      const customer = await this.#o.rooms.lobbyCustomer(conn, participantId);
      if (customer.admitted) return;
      const now = this.#o.now();
      const admitted = await this.#o.records.admit(ref, participantId, now, this.#self(conn));
      if (admitted === undefined) {
        throw new SealcallServerError('UNKNOWN_PARTICIPANT', 'this customer is no longer waiting to be admitted');
      }
      await this.#o.rooms.admit(conn, participantId, this.#resumeToken(customer, admitted.resumeJti, admitted.sessionExpiresAt, now));
    });
  }

  reject(ref: RoomRef, conn: C, participantId: string): Promise<void> {
    return this.#lock.run(roomKey(ref), async () => {
      await this.#o.rooms.lobbyCustomer(conn, participantId);
      await this.#o.records.end(ref, participantId, 'rejected', this.#o.now(), this.#self(conn));
      await this.#o.rooms.reject(conn, participantId);
      this.#clearGrace(participantId);
    });
  }

  leave(ref: RoomRef, conn: C): Promise<void> {
    return this.#lock.run(roomKey(ref), async () => {
      const self = this.#self(conn);
      await this.#o.records.end(ref, self.id, 'left', this.#o.now(), self);
      await this.#o.rooms.leave(conn);
      this.#clearGrace(self.id);
    });
  }

  /** The socket is gone without a `leave`: the seat waits `reconnectGraceMs` for a resume. */
  dropped(ref: RoomRef, conn: C): Promise<void> {
    return this.#lock.run(roomKey(ref), async () => {
      const dropped = await this.#o.rooms.drop(conn);
      if (dropped !== undefined) this.#grace(dropped);
    });
  }

  /** A participant of a node found dead waits `reconnectGraceMs` for a resume, as after a drop. */
  orphaned(dropped: Dropped): void {
    this.#grace(dropped);
  }

  #grace(dropped: Dropped): void {
    const ref = { tenant: dropped.tenant, room: dropped.room };
    this.#clearGrace(dropped.id);
    const timer = setTimeout(() => {
      this.#graceTimers.delete(dropped.id);
      this.#lock
        .run(roomKey(ref), async () => this.#o.rooms.timeout(dropped))
        .catch((error: unknown) => this.#o.log('error', 'internal-error', { ...ref, code: error instanceof Error ? error.name : typeof error }));
    }, this.#o.reconnectGraceMs);
    this.#graceTimers.set(dropped.id, timer.unref());
  }

  #self(conn: C): Participant {
    const self = this.#o.rooms.participant(conn);
    if (self === undefined) throw new SealcallServerError('NOT_JOINED', 'send "join" first');
    return self;
  }

  /** Stops every grace timer and waits for the decisions under way. */
  async close(): Promise<void> {
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    await this.#lock.idle();
  }

  async #enter(ref: RoomRef, claim: RoomTokenClaims, conn: C, now: number): Promise<Participant> {
    const { rooms, records } = this.#o;
    if (claim.role === 'customer' && (await records.isSpent(ref.tenant, claim.jti))) throw reused();
    await rooms.checkVacancy(ref, claim.role);
    const id = randomId();
    const jti = randomId();
    const sessionExpiresAt = claim.exp * 1000;
    const singleUse = claim.role === 'customer' ? { jti: claim.jti, expiresAt: sessionExpiresAt } : undefined;
    const participant = { ...ref, id, role: claim.role, subject: claim.sub };
    const entered = await records.enter({ ...participant, resumeJti: jti, sessionExpiresAt }, now, singleUse);
    if (!entered) throw reused();
    return rooms.join(
      ref,
      {
        role: claim.role,
        subject: claim.sub,
        participantId: id,
        resuming: false,
        admitted: claim.role === 'agent',
        resumeToken: this.#resumeToken(participant, jti, sessionExpiresAt, now),
        sessionExpiresAt,
        ...this.#iceServers(id, sessionExpiresAt),
      },
      conn,
    );
  }

  async #resume(ref: RoomRef, claim: ResumeTokenClaims, conn: C, now: number): Promise<Participant> {
    const { rooms, records } = this.#o;
    await rooms.checkVacancy(ref, claim.role, claim.pid);
    const next = randomId();
    const resumed = await records.resume(ref, claim.pid, claim.jti, next, now, { role: claim.role, subject: claim.sub });
    switch (resumed) {
      case 'unknown':
      case 'revoked':
        throw new SealcallServerError('TOKEN_REVOKED', 'this participant has left the room or was turned away');
      case 'expired':
        throw new SealcallServerError('TOKEN_EXPIRED', 'the call this token was issued for has ended; ask for a new invitation');
      case 'reused':
        this.#o.log('warn', 'resume-reused', { ...ref, participantId: claim.pid, role: claim.role });
        throw new SealcallServerError('TOKEN_REUSED', 'this resume token was already used; only the newest one works');
    }
    const participant = { ...ref, role: claim.role, id: claim.pid, subject: claim.sub };
    return rooms.join(
      ref,
      {
        role: claim.role,
        subject: claim.sub,
        participantId: claim.pid,
        resuming: true,
        admitted: resumed.status === 'admitted',
        resumeToken: this.#resumeToken(participant, next, resumed.sessionExpiresAt, now),
        sessionExpiresAt: resumed.sessionExpiresAt,
        ...this.#iceServers(claim.pid, resumed.sessionExpiresAt),
      },
      conn,
    );
  }

  /** Short-lived, and never past the end of the session it resumes. */
  #resumeToken(participant: Participant, jti: string, sessionExpiresAt: number, now: number): string {
    const exp = Math.min(Math.floor(now / 1000) + this.#o.resumeTtlSeconds, Math.floor(sessionExpiresAt / 1000));
    return createResumeToken(this.#o.tokens, participant, jti, now, exp);
  }

  /** This participant's TURN credentials, expiring with its session. */
  #iceServers(participantId: string, sessionExpiresAt: number): { iceServers?: readonly IceServer[] } {
    return this.#o.turn === null ? {} : { iceServers: [turnCredentials(this.#o.turn, participantId, sessionExpiresAt)] };
  }

  #clearGrace(participantId: string): void {
    clearTimeout(this.#graceTimers.get(participantId));
    this.#graceTimers.delete(participantId);
  }
}

/**
 * The room of a customer's room token that failed only because it expired: its signature, issuer
 * and audience were checked before its times, so the claims are the issuer's.
 */
function expiredCustomerLink(error: unknown, roomId: string): RoomRef | undefined {
  if (!(error instanceof SealcallServerError) || error.code !== 'TOKEN_EXPIRED' || !(error.cause instanceof errors.JWTExpired)) return undefined;
  const claims = parseRoomTokenClaims(error.cause.payload);
  if (!claims.ok || claims.value.aud !== TOKEN_AUDIENCES.room || claims.value.role !== 'customer' || claims.value.room !== roomId) return undefined;
  return { tenant: claims.value.tid, room: claims.value.room };
}

function reused(): SealcallServerError {
  return new SealcallServerError('TOKEN_REUSED', 'this customer room token was already used; reconnect with the resume token');
}
