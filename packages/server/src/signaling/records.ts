import type { Database, Queryable } from '../db/database.js';
import type { AuditLog } from '../governance/audit-log.js';
import type { Role } from '@sealcall/protocol';
import { issuedHere } from '../tokens/issued-tokens.js';

export type ParticipantStatus = 'waiting' | 'admitted' | 'rejected' | 'left';

/** A room of a tenant. */
export interface RoomRef {
  readonly tenant: string;
  readonly room: string;
}

/** One string per room of a tenant, for maps and locks (tenant ids have no `/`). */
export function roomKey(ref: RoomRef): string {
  return `${ref.tenant}/${ref.room}`;
}

export interface NewParticipant extends RoomRef {
  /** The room token's `sub`: who joined, in the integrator's systems. */
  readonly subject: string;
  readonly id: string;
  readonly role: Role;
  /** The jti of the participant's first resume token. */
  readonly resumeJti: string;
  /** ms since the epoch: no resume after this. */
  readonly sessionExpiresAt: number;
}

export interface Resumed {
  readonly status: 'waiting' | 'admitted';
  readonly sessionExpiresAt: number;
}

/** Why a resume token was refused. `reused`: it was valid once, and has been rotated since. */
export type ResumeRefusal = 'unknown' | 'revoked' | 'expired' | 'reused';

interface ParticipantRow {
  status: ParticipantStatus;
  session_expires_at: Date;
}

/** Who made a decision: the role and the token's `sub`. */
export interface Decider {
  readonly role: Role;
  readonly subject: string;
}

/**
 * The lobby's decisions in the database: spent single-use tokens, who is in which room, admitted,
 * rejected or gone, and each participant's one working resume token, each with its audit entry
 * in the same transaction. The server's own clock (`now`, ms) is the only time written.
 */
export class SignalingRecords {
  readonly #db: Database;
  readonly #audit: AuditLog;

  constructor(db: Database, audit: AuditLog) {
    this.#db = db;
    this.#audit = audit;
  }

  /**
   * Seats a new participant, spending `singleUseJti` (a customer's room token) in the same
   * transaction. False, and nothing written, if that token was spent before.
   */
  enter(participant: NewParticipant, now: number, singleUseJti?: { jti: string; expiresAt: number }): Promise<boolean> {
    return this.#db.transaction(async (tx) => {
      // A tenant exists once a token signed by a key the server trusts names it.
      await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [participant.tenant, new Date(now)]);
      if (singleUseJti && !(await this.#spend(tx, participant.tenant, singleUseJti.jti, singleUseJti.expiresAt, now))) return false;
      await tx.query(
        `INSERT INTO rooms (tenant_id, id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [participant.tenant, participant.room, new Date(now)],
      );
      await tx.query(
        `INSERT INTO participants (tenant_id, room_id, id, subject, role, status, resume_jti, session_expires_at, joined_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [
          participant.tenant,
          participant.room,
          participant.id,
          participant.subject,
          participant.role,
          participant.role === 'agent' ? 'admitted' : 'waiting',
          participant.resumeJti,
          new Date(participant.sessionExpiresAt),
          new Date(now),
        ],
      );
      await this.#audit.append(tx, participant.tenant, {
        action: 'call.joined',
        actor: { role: participant.role, id: participant.subject },
        target: participant.room,
        details: { participant: participant.id },
      }, now);
      return true;
    });
  }

  /** Whether the server issued room token `jti` for this room itself (`POST /v1/calls`). */
  issuedHere({ tenant, room }: RoomRef, jti: string): Promise<boolean> {
    return issuedHere(this.#db, tenant, room, jti);
  }

  async isSpent(tenant: string, jti: string): Promise<boolean> {
    const rows = await this.#db.query(`SELECT 1 FROM spent_tokens WHERE tenant_id = $1 AND jti = $2`, [tenant, jti]);
    return rows.length > 0;
  }

  /** Uses resume token `jti` and makes `nextJti` the participant's only working one. */
  async resume({ tenant, room }: RoomRef, id: string, jti: string, nextJti: string, now: number, by: Decider): Promise<Resumed | ResumeRefusal> {
    const [row] = await this.#db.query<{ status: 'waiting' | 'admitted'; session_expires_at: Date }>(
      `UPDATE participants SET resume_jti = $5, updated_at = $6
       WHERE tenant_id = $1 AND room_id = $2 AND id = $3 AND resume_jti = $4
         AND status IN ('waiting', 'admitted') AND session_expires_at > $6
       RETURNING status, session_expires_at`,
      [tenant, room, id, jti, nextJti, new Date(now)],
    );
    if (row) return { status: row.status, sessionExpiresAt: row.session_expires_at.getTime() };
    const current = await this.#participant({ tenant, room }, id);
    if (current === undefined) return 'unknown';
    if (current.status === 'rejected' || current.status === 'left') return 'revoked';
    if (current.session_expires_at.getTime() <= now) return 'expired';
    await this.denied({ tenant, room }, by, { participant: id, reason: 'resume token used before' }, now);
    return 'reused';
  }

  /** Audits a refusal of someone whose token checked out (`access.denied`). */
  denied({ tenant, room }: RoomRef, by: Decider, details: Readonly<Record<string, string>>, now: number): Promise<void> {
    return this.#db.transaction((tx) =>
      this.#audit.append(tx, tenant, { action: 'access.denied', actor: { role: by.role, id: by.subject }, target: room, details }, now),
    );
  }

  /**
   * A waiting customer is admitted. Its resume token stays the one it holds (an admission is no
   * use of it, and the `admitted` that says so may be lost on the way). Returns that token's jti
   * and the session's end (ms), or undefined if the customer was not waiting.
   */
  admit({ tenant, room }: RoomRef, id: string, now: number, by: Decider): Promise<{ resumeJti: string; sessionExpiresAt: number } | undefined> {
    return this.#db.transaction(async (tx) => {
      const [row] = await tx.query<{ resume_jti: string; session_expires_at: Date }>(
        `UPDATE participants SET status = 'admitted', updated_at = $4
         WHERE tenant_id = $1 AND room_id = $2 AND id = $3 AND status = 'waiting'
         RETURNING resume_jti, session_expires_at`,
        [tenant, room, id, new Date(now)],
      );
      if (!row) return undefined;
      await this.#audit.append(tx, tenant, { action: 'call.admitted', actor: { role: by.role, id: by.subject }, target: room, details: { participant: id } }, now);
      return { resumeJti: row.resume_jti, sessionExpiresAt: row.session_expires_at.getTime() };
    });
  }

  /** The participant left or was turned away (`by` is who decided): its resume token stops working, for good. */
  end({ tenant, room }: RoomRef, id: string, status: 'rejected' | 'left', now: number, by: Decider): Promise<void> {
    return this.#db.transaction(async (tx) => {
      const ended = await tx.query(
        `UPDATE participants SET status = $4, resume_jti = NULL, updated_at = $5
         WHERE tenant_id = $1 AND room_id = $2 AND id = $3 AND status IN ('waiting', 'admitted') RETURNING id`,
        [tenant, room, id, status, new Date(now)],
      );
      if (ended.length === 0) return;
      const action = status === 'rejected' ? 'call.rejected' : 'call.left';
      await this.#audit.append(tx, tenant, { action, actor: { role: by.role, id: by.subject }, target: room, details: { participant: id } }, now);
    });
  }

  /** Forgets spent and issued tokens that have expired anyway. Returns how many. */
  async prune(now: number): Promise<number> {
    const spent = await this.#db.query(`DELETE FROM spent_tokens WHERE expires_at <= $1 RETURNING jti`, [new Date(now)]);
    const issued = await this.#db.query(`DELETE FROM issued_room_tokens WHERE expires_at <= $1 RETURNING jti`, [new Date(now)]);
    return spent.length + issued.length;
  }

  async #spend(tx: Queryable, tenant: string, jti: string, expiresAt: number, now: number): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO spent_tokens (tenant_id, jti, expires_at, spent_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING jti`,
      [tenant, jti, new Date(expiresAt), new Date(now)],
    );
    return rows.length === 1;
  }

  async #participant({ tenant, room }: RoomRef, id: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.#db.query<ParticipantRow>(
      `SELECT status, session_expires_at FROM participants WHERE tenant_id = $1 AND room_id = $2 AND id = $3`,
      [tenant, room, id],
    );
    return row;
  }
}
