import type { Queryable } from '../db/database.js';
import { checkpointHash, entryHash, genesisHash, type AuditDetails } from './audit-chain.js';
import { verifySignature, type TrustedAuditKeys } from './audit-key.js';

export type AuditVerdict =
  | { readonly ok: true; readonly tenants: number; readonly entries: number }
  | { readonly ok: false; readonly tenant: string; readonly seq: number; readonly problem: string };

/** A row of `audit_log`, as stored (the tenant aside). */
export interface AuditRow {
  seq: number;
  at: Date;
  action: string;
  actor_role: string | null;
  actor_id: string | null;
  subject_id: string | null;
  target: string | null;
  details: string;
  previous_hash: string;
  hash: string;
  key_id: string;
  signature: string;
}

/** The columns of an AuditRow, for SELECTs. */
export const AUDIT_COLUMNS = 'seq, at, action, actor_role, actor_id, subject_id, target, details, previous_hash, hash, key_id, signature';

const PAGE = 1000;

/**
 * Walks every tenant's chain (or `only` one's) from its first entry (or from its checkpoint, once
 * entries past their retention were pruned), a page at a time, and stops at the first entry
 * that is not what the server wrote: missing, out of place, changed, or not signed by a trusted
 * key; and at a chain that ends before its head says it does (entries deleted from the end).
 */
export async function verifyAuditLog(db: Queryable, trusted: TrustedAuditKeys, only?: { readonly tenant: string }): Promise<AuditVerdict> {
  const heads = await db.query<{ tenant_id: string; seq: number; hash: string }>(
    `SELECT * FROM (
       SELECT h.tenant_id, h.seq, h.hash FROM audit_heads h
       UNION SELECT DISTINCT l.tenant_id, -1, '' FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.tenant_id = l.tenant_id)
     ) chains WHERE $1::text IS NULL OR tenant_id = $1 ORDER BY 1`,
    [only?.tenant ?? null],
  );
  let entries = 0;
  for (const head of heads) {
    const tenant = head.tenant_id;
    const fail = (seq: number, problem: string) => ({ ok: false as const, tenant, seq, problem });
    if (head.seq < 0) return fail(1, `the tenant's chain has no head: it was deleted`);
    let expected = 1;
    let previous = genesisHash(tenant);
    // Entries past the tenant's retention were pruned: the chain begins after the signed checkpoint.
    const [checkpoint] = await db.query<{ seq: number; hash: string; key_id: string; signature: string }>(
      `SELECT seq, hash, key_id, signature FROM audit_checkpoints WHERE tenant_id = $1`,
      [tenant],
    );
    if (checkpoint) {
      const key = trusted.get(checkpoint.key_id);
      if (key === undefined || !verifySignature(key, checkpointHash(tenant, checkpoint.seq, checkpoint.hash), checkpoint.signature)) {
        return fail(checkpoint.seq + 1, `the checkpoint before entry ${checkpoint.seq + 1} is not signed by a trusted audit key: it was not written by the server`);
      }
      expected = checkpoint.seq + 1;
      previous = checkpoint.hash;
    }
    for (;;) {
      const rows = await db.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${PAGE}`,
        [tenant, expected],
      );
      for (const row of rows) {
        if (row.seq !== expected) return fail(expected, `entry ${expected} is missing: it was deleted`);
        if (row.previous_hash !== previous) return fail(row.seq, `entry ${row.seq} does not follow entry ${row.seq - 1}: entries were reordered or one was inserted`);
        if (entryHash(previous, entryOf(tenant, row)) !== row.hash) return fail(row.seq, `entry ${row.seq} was changed after it was written`);
        const key = trusted.get(row.key_id);
        if (key === undefined) return fail(row.seq, `entry ${row.seq} is signed by key "${row.key_id}", which is not a trusted audit key`);
        if (!verifySignature(key, row.hash, row.signature)) return fail(row.seq, `the signature of entry ${row.seq} does not verify: it was not written by the server`);
        previous = row.hash;
        expected++;
        entries++;
      }
      if (rows.length < PAGE) break;
    }
    if (head.seq !== expected - 1) {
      return head.seq > expected - 1
        ? fail(expected, `entries ${expected} to ${head.seq} are missing: they were deleted from the end`)
        : fail(head.seq + 1, `entries after ${head.seq} are not in the chain's head: they were added around the server`);
    }
    if (head.hash !== previous) return fail(head.seq, `the chain's head does not match entry ${head.seq}`);
  }
  return { ok: true, tenants: heads.length, entries };
}

/** The details column as written; a value that is no JSON (edited in the database) as such. */
export function detailsOf(row: AuditRow): AuditDetails {
  try {
    return JSON.parse(row.details) as AuditDetails;
  } catch {
    return { unparsable: row.details };
  }
}

function entryOf(tenant: string, row: AuditRow) {
  const details = detailsOf(row);
  return {
    tenant,
    seq: row.seq,
    at: row.at.getTime(),
    action: row.action,
    actorRole: row.actor_role,
    actorId: row.actor_id,
    subjectId: row.subject_id,
    target: row.target,
    details,
  };
}
