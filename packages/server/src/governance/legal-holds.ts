/**
 * Legal holds: a DPO suspends erasure of everything of one data subject or one call (GDPR Art.
 * 17(3)(e): the establishment, exercise or defence of legal claims). A hold in force stops the
 * retention sweeper and every delete; it is placed and released with an audit entry each.
 */

import type { LegalHold, PlaceHold } from '@sealcall/protocol';
import type { Database, Queryable } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import { randomId } from '../tokens/jwt.js';
import type { StaffMember } from '../tokens/staff-token.js';
import type { AuditLog } from './audit-log.js';

/** SQL: whether a hold in force covers artifact row `a` (with `tenant_id`, `subject_id`, `call_id`). */
export const HELD = `EXISTS (SELECT 1 FROM legal_holds h WHERE h.tenant_id = a.tenant_id AND h.released_at IS NULL
  AND (h.subject_id = a.subject_id OR h.call_id = a.call_id))`;

interface HoldRow {
  id: string;
  subject_id: string | null;
  call_id: string | null;
  reason: LegalHold['reason'];
  placed_by: string;
  placed_at: Date;
}

const COLUMNS = 'id, subject_id, call_id, reason, placed_by, placed_at';

export class LegalHolds {
  readonly #db: Database;
  readonly #audit: AuditLog;

  constructor(db: Database, audit: AuditLog) {
    this.#db = db;
    this.#audit = audit;
  }

  place(dpo: StaffMember, hold: PlaceHold, now: number): Promise<LegalHold> {
    return this.#db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [dpo.tenant, new Date(now)]);
      const [row] = await tx.query<HoldRow>(
        `INSERT INTO legal_holds (tenant_id, id, subject_id, call_id, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [dpo.tenant, randomId(), hold.subjectId ?? null, hold.callId ?? null, hold.reason, dpo.subject, new Date(now)],
      );
      await this.#audit.append(tx, dpo.tenant, { action: 'legal-hold.placed', actor: { role: 'dpo', id: dpo.subject }, ...about(row!), details: { hold: row!.id, reason: hold.reason } }, now);
      return holdOf(row!);
    });
  }

  /** Releases hold `id`; NOT_FOUND if it is not in force in the DPO's tenant. */
  release(dpo: StaffMember, id: string, now: number): Promise<void> {
    return this.#db.transaction(async (tx) => {
      const [row] = await tx.query<HoldRow>(
        `UPDATE legal_holds SET released_by = $3, released_at = $4 WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL RETURNING ${COLUMNS}`,
        [dpo.tenant, id, dpo.subject, new Date(now)],
      );
      if (!row) throw new SealcallServerError('NOT_FOUND', `no legal hold "${id}" is in force`);
      await this.#audit.append(tx, dpo.tenant, { action: 'legal-hold.released', actor: { role: 'dpo', id: dpo.subject }, ...about(row), details: { hold: id } }, now);
    });
  }

  /** The holds in force in `tenant`, oldest first. */
  async inForce(tenant: string): Promise<LegalHold[]> {
    const rows = await this.#db.query<HoldRow>(`SELECT ${COLUMNS} FROM legal_holds WHERE tenant_id = $1 AND released_at IS NULL ORDER BY placed_at, id`, [tenant]);
    return rows.map(holdOf);
  }
}

/** Throws STORAGE_CONFLICT if a hold in force covers the artifact. */
export async function refuseIfHeld(tx: Queryable, tenant: string, artifact: { readonly id: string; readonly subjectId: string; readonly callId: string }): Promise<void> {
  const held = await tx.query(
    `SELECT 1 FROM legal_holds WHERE tenant_id = $1 AND released_at IS NULL AND (subject_id = $2 OR call_id = $3) LIMIT 1`,
    [tenant, artifact.subjectId, artifact.callId],
  );
  if (held.length > 0) throw new SealcallServerError('STORAGE_CONFLICT', `artifact "${artifact.id}" is under a legal hold; it cannot be erased until the hold is released`);
}

function about(row: HoldRow): { subjectId: string } | { target: string } {
  return row.subject_id !== null ? { subjectId: row.subject_id } : { target: row.call_id! };
}

function holdOf(row: HoldRow): LegalHold {
  return { id: row.id, subjectId: row.subject_id, callId: row.call_id, reason: row.reason, placedAt: row.placed_at.getTime(), placedBy: row.placed_by };
}
