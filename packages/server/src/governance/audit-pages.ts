import type { AuditEntryRecord, AuditFilter, AuditPage } from '@sealcall/protocol';
import type { Queryable } from '../db/database.js';
import { AUDIT_COLUMNS, detailsOf, type AuditRow } from './audit-verify.js';

/**
 * `GET /v1/audit`: a tenant's entries after `after` (a seq), oldest first, at most `limit`; with
 * `filter.call`, only those about that call (indexed by migration 010).
 */
export async function readAuditPage(db: Queryable, tenant: string, after: number, limit: number, filter: AuditFilter = {}): Promise<AuditPage> {
  const about = filter.call === undefined ? '' : ` AND (target = $4 OR (details::jsonb ->> 'call') = $4)`;
  const rows = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq > $2${about} ORDER BY seq LIMIT $3`,
    [tenant, after, limit + 1, ...(filter.call === undefined ? [] : [filter.call])],
  );
  const entries = rows.slice(0, limit).map(recordOf);
  return { entries, next: rows.length > limit ? entries.at(-1)!.seq : null };
}

/** Up to `limit` of the tenant's entries about data subject `subjectId` after `after` (a seq), oldest first. */
export async function auditEntriesAbout(db: Queryable, tenant: string, subjectId: string, after: number, limit: number): Promise<AuditEntryRecord[]> {
  const rows = await db.query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE tenant_id = $1 AND subject_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
    [tenant, subjectId, after, limit],
  );
  return rows.map(recordOf);
}

function recordOf(row: AuditRow): AuditEntryRecord {
  return {
    seq: row.seq,
    at: row.at.getTime(),
    action: row.action,
    actor: row.actor_role === null || row.actor_id === null ? null : { role: row.actor_role, id: row.actor_id },
    subjectId: row.subject_id,
    target: row.target,
    details: detailsOf(row),
    previousHash: row.previous_hash,
    hash: row.hash,
    keyId: row.key_id,
    signature: row.signature,
  };
}
