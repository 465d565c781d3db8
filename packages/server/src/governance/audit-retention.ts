import type { Database } from '../db/database.js';
import type { AuditLog } from './audit-log.js';
import { DAY_MS } from '../time.js';


/**
 * Prunes each tenant's audit log to its settings' policy for `audit` entries (at least
 * AUDIT_RETENTION_MIN_DAYS): entries older than that go from the start of the chain, behind a
 * signed checkpoint (AuditLog.prune). Tenants without such a policy keep every entry. Answers
 * how many entries it removed.
 */
export async function pruneAuditLogs(db: Database, audit: AuditLog, now: number): Promise<number> {
  const policies = await db.query<{ tenant_id: string; days: number }>(
    `SELECT s.tenant_id, (p ->> 'days')::int AS days FROM tenant_settings s, jsonb_array_elements(s.settings -> 'retention') p
     WHERE p ->> 'kind' = 'audit' ORDER BY s.tenant_id`,
  );
  let removed = 0;
  for (const { tenant_id: tenant, days } of policies) {
    removed += await db.transaction((tx) => audit.prune(tx, tenant, now - days * DAY_MS, now));
  }
  return removed;
}
