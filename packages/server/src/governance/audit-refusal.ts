import type { Database } from '../db/database.js';
import type { Log, LogFields } from '../logger.js';
import type { AuditEvent, AuditLog } from './audit-log.js';

/**
 * Writes the entry of a refused request in a transaction of its own. The refusal stands either
 * way: if the entry cannot be written, the operational log says so (with `fields`).
 */
export async function auditRefusal(o: { readonly database: Database; readonly audit: AuditLog; readonly log: Log }, tenant: string, event: AuditEvent, now: number, fields: LogFields): Promise<void> {
  try {
    await o.database.transaction((tx) => o.audit.append(tx, tenant, event, now));
  } catch (error) {
    o.log('error', 'audit-failed', { ...fields, code: error instanceof Error ? error.name : typeof error });
  }
}
