/**
 * `POST /v1/retention-events`: an agent or supervisor records that an event happened now (a
 * claim closed) for one data subject or one call. Every artifact there whose retention policy
 * counts from that event is now kept no longer than its days after it; artifacts begun later
 * count from it too. Deadlines only ever come sooner.
 */

import { WITHHELD, type RecordRetentionEvent, type RetentionEvent } from '@sealcall/protocol';
import type { Database } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import { randomId } from '../tokens/jwt.js';
import type { StaffMember } from '../tokens/staff-token.js';
import type { AuditLog } from './audit-log.js';
import { lockScope } from './scope-locks.js';

export interface RetentionEventRecorder {
  readonly database: Database;
  readonly audit: AuditLog;
}

export function recordRetentionEvent(o: RetentionEventRecorder, member: StaffMember, request: RecordRetentionEvent, now: number): Promise<RetentionEvent> {
  if (request.subjectId === WITHHELD) throw new SealcallServerError('INVALID_ARGUMENT', `"subjectId" expected a subject id, got "${WITHHELD}"`);
  const { tenant } = member;
  const { subjectId, callId } = request;
  const scope = subjectId !== undefined ? { subjectId } : { callId: callId! };
  const [column, value] = subjectId !== undefined ? ['subject_id', subjectId] : ['call_id', callId!];
  return o.database.transaction(async (tx) => {
    await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
    // Artifacts being begun for the scope commit first, and are updated below; later ones see the event.
    await lockScope(tx, tenant, scope, 'exclusive');
    await tx.query(
      `INSERT INTO retention_events (tenant_id, id, event, subject_id, call_id, occurred_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenant, randomId(), request.event, subjectId ?? null, callId ?? null, new Date(now), member.subject],
    );
    const updated = await tx.query<{ id: string }>(
      `UPDATE artifacts SET expires_at = LEAST(expires_at, $3::timestamptz + retention_event_days * interval '1 day')
       WHERE tenant_id = $1 AND retention_event = $2 AND ${column} = $4 RETURNING id`,
      [tenant, request.event, new Date(now), value],
    );
    const about = subjectId !== undefined ? { subjectId } : { target: callId! };
    await o.audit.append(tx, tenant, {
      action: 'retention.event-recorded',
      actor: { role: member.roles.join(' '), id: member.subject },
      ...about,
      details: { event: request.event, artifacts: updated.length },
    }, now);
    return { event: request.event, occurredAt: now, artifactsUpdated: updated.length };
  });
}
