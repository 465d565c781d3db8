/**
 * `POST /v1/subjects/:id/erasure` (GDPR Art. 17): a DPO erases everything of one data subject.
 * The tombstone comes first, so that nothing new is stored for them meanwhile; then every
 * artifact (consent records too) with its wrapped key, a batch at a time; then the subject's id
 * is struck from the calls, participants and export requests that named it. What a legal hold
 * covers, or the DPO keeps on another lawful basis, stays. The audit entries name the subject by
 * reference only. Running it again finishes what a crash interrupted and changes nothing else.
 */

import type { EraseSubject, SubjectErasure } from '@sealcall/protocol';
import type { Database } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import type { StaffMember } from '../tokens/staff-token.js';
import type { AuditLog } from './audit-log.js';
import { subjectRef, tombstone } from './erased-subjects.js';
import { lockScope } from './scope-locks.js';

export interface SubjectEraser {
  readonly database: Database;
  readonly audit: AuditLog;
  /** The artifact storage, if the server has one. */
  readonly store: ArtifactStore | undefined;
}

/** A hold in force on the subject, or on the call `rooms` row `r`. */
const HELD_CALL = `EXISTS (SELECT 1 FROM legal_holds h WHERE h.tenant_id = $1 AND h.released_at IS NULL AND h.call_id = r.id)`;
const HELD_SUBJECT = `EXISTS (SELECT 1 FROM legal_holds h WHERE h.tenant_id = $1 AND h.released_at IS NULL AND h.subject_id = $2)`;

/** Throws INVALID_ARGUMENT, before anything changes, if `retain` names an artifact that is not the subject's. */
export async function eraseSubject(o: SubjectEraser, dpo: StaffMember, subjectId: string, request: EraseSubject, now: number): Promise<SubjectErasure> {
  const { tenant } = dpo;
  const actor = { role: 'dpo', id: dpo.subject };
  const retain = new Map((request.retain ?? []).map(({ artifactId, basis }) => [artifactId, basis]));
  const { ref, erasedAt } = await o.database.transaction(async (tx) => {
    await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
    if (retain.size > 0) {
      const found = await tx.query<{ id: string }>(
        `SELECT id FROM artifacts WHERE tenant_id = $1 AND subject_id = $2 AND id IN (SELECT jsonb_array_elements_text($3::jsonb))`,
        [tenant, subjectId, JSON.stringify([...retain.keys()])],
      );
      const missing = [...retain.keys()].find((id) => !found.some((row) => row.id === id));
      if (missing !== undefined) throw new SealcallServerError('INVALID_ARGUMENT', `"retain" names artifact "${missing}", which is not one of this subject's; nothing was erased`);
    }
    await lockScope(tx, tenant, { subjectId }, 'exclusive');
    const ref = await subjectRef(tx, tenant, subjectId);
    const erasedAt = await tombstone(tx, tenant, subjectId, dpo.subject, now);
    await o.audit.append(tx, tenant, { action: 'erasure.requested', actor, details: { subjectRef: ref, retain: retain.size } }, now);
    return { ref, erasedAt };
  });
  const artifacts = (await o.store?.eraseSubject(tenant, subjectId, retain, actor, now)) ?? { erased: 0, retained: [] };
  await o.database.transaction(async (tx) => {
    await tx.query(`UPDATE rooms r SET subject_id = NULL WHERE tenant_id = $1 AND subject_id = $2 AND NOT ${HELD_CALL} AND NOT ${HELD_SUBJECT}`, [tenant, subjectId]);
    await tx.query(
      `UPDATE participants p SET subject = NULL FROM rooms r WHERE p.tenant_id = $1 AND p.subject = $2 AND r.tenant_id = p.tenant_id AND r.id = p.room_id AND NOT ${HELD_CALL} AND NOT ${HELD_SUBJECT}`,
      [tenant, subjectId],
    );
    await tx.query(`UPDATE subject_exports SET subject_id = NULL WHERE tenant_id = $1 AND subject_id = $2 AND NOT ${HELD_SUBJECT}`, [tenant, subjectId]);
    await tx.query(`DELETE FROM retention_events WHERE tenant_id = $1 AND subject_id = $2 AND NOT ${HELD_SUBJECT}`, [tenant, subjectId]);
    const details = { subjectRef: ref, erased: artifacts.erased, retained: artifacts.retained.length };
    await o.audit.append(tx, tenant, { action: 'erasure.completed', actor, details }, now);
  });
  return { subjectId, erasedAt, artifactsErased: artifacts.erased, retained: [...artifacts.retained] };
}
