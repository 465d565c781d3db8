import type { Queryable } from '../db/database.js';
import { canonicalJson, checkpointHash, entryHash, genesisHash, type AuditDetails, type AuditEntry } from './audit-chain.js';
import type { AuditKey } from './audit-key.js';

/** What is recorded (docs/governance.md lists them with their details). */
export type AuditAction =
  | 'call.created'
  | 'call.joined'
  | 'call.admitted'
  | 'call.rejected'
  | 'call.left'
  | 'call.code-matched'
  | 'call.code-differed'
  | 'artifact.created'
  | 'artifact.completed'
  | 'artifact.read'
  | 'artifact.updated'
  | 'artifact.erased'
  | 'artifact.retained'
  | 'consent.recorded'
  | 'consent.withdrawn'
  | 'retention.purged'
  | 'retention.event-recorded'
  | 'retention.audit-pruned'
  | 'settings.changed'
  | 'artifact.downloaded'
  | 'legal-hold.placed'
  | 'legal-hold.released'
  | 'export.requested'
  | 'export.started'
  | 'export.completed'
  | 'erasure.requested'
  | 'erasure.completed'
  | 'access.denied';

export interface AuditEvent {
  readonly action: AuditAction;
  /** Who did it: a role and a pseudonymous id (a token's `sub`, a participant id). */
  readonly actor?: { readonly role: string; readonly id: string };
  /** The data subject it is about: a pseudonymous subject id. */
  readonly subjectId?: string;
  /** The room or artifact. */
  readonly target?: string;
  readonly details?: AuditDetails;
}

/**
 * Appends to a tenant's audit chain inside the caller's transaction, so that an entry commits
 * with what it records or not at all. The tenant's head row is locked for the rest of the
 * transaction: appends of one tenant take turns, across processes too.
 */
export class AuditLog {
  readonly #key: AuditKey;

  constructor(key: AuditKey) {
    this.#key = key;
  }

  async append(tx: Queryable, tenant: string, event: AuditEvent, now: number): Promise<void> {
    await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
    await tx.query(`INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [tenant, genesisHash(tenant)]);
    const [head] = await tx.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_heads WHERE tenant_id = $1 FOR UPDATE`, [tenant]);
    const entry: AuditEntry = {
      tenant,
      seq: head!.seq + 1,
      at: now,
      action: event.action,
      actorRole: event.actor?.role ?? null,
      actorId: event.actor?.id ?? null,
      subjectId: event.subjectId ?? null,
      target: event.target ?? null,
      details: event.details ?? {},
    };
    const hash = entryHash(head!.hash, entry);
    await tx.query(
      `INSERT INTO audit_log (tenant_id, seq, at, action, actor_role, actor_id, subject_id, target, details, previous_hash, hash, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [tenant, entry.seq, new Date(now), entry.action, entry.actorRole, entry.actorId, entry.subjectId, entry.target,
        canonicalJson(entry.details), head!.hash, hash, this.#key.id, this.#key.sign(hash)],
    );
    await tx.query(`UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1`, [tenant, entry.seq, hash]);
  }

  /**
   * Removes the tenant's entries written before `cutoff` from the start of its chain, and writes
   * the checkpoint where the chain now begins (the last removed entry's seq and hash, signed), then
   * a `retention.audit-pruned` entry. Answers how many it removed. Appends wait meanwhile.
   */
  async prune(tx: Queryable, tenant: string, cutoff: number, now: number): Promise<number> {
    await tx.query(`SELECT 1 FROM audit_heads WHERE tenant_id = $1 FOR UPDATE`, [tenant]);
    const [last] = await tx.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM audit_log WHERE tenant_id = $1 AND at < $2 ORDER BY seq DESC LIMIT 1`,
      [tenant, new Date(cutoff)],
    );
    if (!last) return 0;
    await tx.query(`SELECT set_config('sealcall.audit_pruning', 'on', true)`);
    const removed = await tx.query<{ seq: number }>(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq <= $2 RETURNING seq`, [tenant, last.seq]);
    await tx.query(`SELECT set_config('sealcall.audit_pruning', 'off', true)`);
    await tx.query(
      `INSERT INTO audit_checkpoints (tenant_id, seq, hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = $2, hash = $3, at = $4, key_id = $5, signature = $6`,
      [tenant, last.seq, last.hash, new Date(now), this.#key.id, this.#key.sign(checkpointHash(tenant, last.seq, last.hash))],
    );
    await this.append(tx, tenant, { action: 'retention.audit-pruned', actor: { role: 'server', id: 'retention' }, details: { through: last.seq, count: removed.length } }, now);
    return removed.length;
  }
}
