/**
 * Erased data subjects are remembered by reference, not by id: the hex SHA-256 of the tenant's
 * random `subject_salt` followed by the subject id. Whoever knows the id can find its tombstone;
 * the table alone does not say whom it names.
 *
 * Storing for a subject and erasing them take the subject's scope lock (scope-locks.ts): an
 * erasure waits for every store under way, and every store after it sees the tombstone.
 */

import type { Queryable } from '../db/database.js';
import { SealcallServerError } from '../errors.js';

/** SQL: the reference of subject `$2` in tenant `$1`. */
const REF = `(SELECT encode(sha256(convert_to(subject_salt || $2, 'UTF8')), 'hex') FROM tenants WHERE id = $1)`;

/** The subject's reference. The tenant must exist. */
export async function subjectRef(q: Queryable, tenant: string, subjectId: string): Promise<string> {
  const [row] = await q.query<{ ref: string }>(`SELECT ${REF} AS ref`, [tenant, subjectId]);
  return row!.ref;
}

/** When the subject was first erased, or undefined if never. */
export async function erasedAt(q: Queryable, tenant: string, subjectId: string): Promise<number | undefined> {
  const [row] = await q.query<{ erased_at: Date }>(`SELECT erased_at FROM erased_subjects WHERE tenant_id = $1 AND subject_ref = ${REF}`, [tenant, subjectId]);
  return row?.erased_at.getTime();
}

/** Writes the subject's tombstone unless there is one; answers when it was first written. */
export async function tombstone(tx: Queryable, tenant: string, subjectId: string, by: string, now: number): Promise<number> {
  await tx.query(
    `INSERT INTO erased_subjects (tenant_id, subject_ref, erased_at, erased_by) VALUES ($1, ${REF}, $3, $4) ON CONFLICT DO NOTHING`,
    [tenant, subjectId, new Date(now), by],
  );
  return (await erasedAt(tx, tenant, subjectId))!;
}

/**
 * Throws STORAGE_CONFLICT if the subject was erased. Call it under the subject's shared scope lock,
 * in the transaction that stores for them.
 */
export async function refuseIfErased(tx: Queryable, tenant: string, subjectId: string): Promise<void> {
  if ((await erasedAt(tx, tenant, subjectId)) !== undefined) {
    throw new SealcallServerError('STORAGE_CONFLICT', 'this data subject has been erased; nothing more is stored for them');
  }
}
