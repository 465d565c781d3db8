/**
 * Locks on a data subject or a call, held to the end of the transaction, across processes
 * (PostgreSQL advisory locks). Whatever stores for a scope takes its lock shared; whatever must
 * see every store of a scope, before or after it (an erasure, a retention event), takes it
 * exclusive, and so waits for the stores under way while later ones wait for it.
 */

import type { Queryable } from '../db/database.js';

export type Scope = { readonly subjectId: string } | { readonly callId: string };

export async function lockScope(tx: Queryable, tenant: string, scope: Scope, mode: 'shared' | 'exclusive'): Promise<void> {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  const key = 'subjectId' in scope ? `subject/${scope.subjectId}` : `call/${scope.callId}`;
  await tx.query(`SELECT 1 FROM (SELECT ${lock}(hashtextextended($1 || '/' || $2, 0))) AS locked`, [tenant, key]);
}
