/**
 * Who may do what with artifacts: one table, `ACCESS`, of every operation for every role. Agents
 * and customers are held to the artifacts of their call (the token's `room` is the call id), and
 * only the participant who began an artifact writes to it, finishes, patches or aborts it; the
 * office, the integrator's back office, reaches every artifact of its tenant but never writes
 * content.
 */

import type { IncomingMessage } from 'node:http';
import { SealcallServerError } from '../errors.js';
import type { TokenKeys } from '../tokens/jwt.js';
import type { StoredArtifact } from './artifact-store.js';
import { verifyStorageToken, type StorageTokenClaims } from './storage-token.js';
import type { StorageOperation, StorageRole } from './types.js';

/**
 * - `never`: refused outright.
 * - `own-call`: artifacts of the token's call (begin: the body's callId must be it).
 * - `own-artifact`: artifacts of the token's call that this token's role and `sub` began.
 * - `tenant`: every artifact of the token's tenant.
 */
export type Reach = 'never' | 'own-call' | 'own-artifact' | 'tenant';

export const ACCESS: Readonly<Record<StorageOperation, Readonly<Record<StorageRole, Reach>>>> = {
  begin: { agent: 'own-call', customer: 'own-call', office: 'never' },
  append: { agent: 'own-artifact', customer: 'own-artifact', office: 'never' },
  finish: { agent: 'own-artifact', customer: 'own-artifact', office: 'never' },
  metadata: { agent: 'own-call', customer: 'never', office: 'tenant' },
  content: { agent: 'own-call', customer: 'never', office: 'tenant' },
  update: { agent: 'own-artifact', customer: 'never', office: 'tenant' },
  delete: { agent: 'own-artifact', customer: 'own-artifact', office: 'tenant' },
  'list-by-call': { agent: 'own-call', customer: 'never', office: 'tenant' },
  'list-by-subject': { agent: 'never', customer: 'never', office: 'tenant' },
  'list-expired': { agent: 'never', customer: 'never', office: 'tenant' },
};

/** Throws FORBIDDEN (HTTP 403) if the role may not do `op` at all. */
export function authorizeOperation(claim: StorageTokenClaims, op: StorageOperation): Reach {
  const reach = ACCESS[op][claim.role];
  if (reach === 'never') {
    throw new SealcallServerError('FORBIDDEN', `storage tokens of role "${claim.role}" do not allow "${op}"`);
  }
  return reach;
}

/** Throws FORBIDDEN (HTTP 403) unless `reach` covers call `callId` for this token. */
export function authorizeCall(claim: StorageTokenClaims, reach: Reach, callId: string): void {
  if (reach !== 'tenant' && claim.room !== callId) {
    throw new SealcallServerError('FORBIDDEN', 'this storage token is for another call; ask your back end for a token of this call');
  }
}

/** Throws FORBIDDEN (HTTP 403) unless `reach` covers this stored artifact for this token. */
export function authorizeArtifact(claim: StorageTokenClaims, reach: Reach, artifact: StoredArtifact): void {
  authorizeCall(claim, reach, artifact.record.callId);
  if (reach === 'own-artifact' && (artifact.owner.role !== claim.role || artifact.owner.subject !== claim.sub)) {
    throw new SealcallServerError('FORBIDDEN', 'only the participant who began this artifact may write to, finish, change or abort it');
  }
}

/** The storage token of `Authorization: Bearer <token>`; TOKEN_INVALID or TOKEN_EXPIRED (HTTP 401). */
export async function authenticate(req: IncomingMessage, keys: TokenKeys, now: number): Promise<StorageTokenClaims> {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
  if (!match?.[1]) throw new SealcallServerError('TOKEN_INVALID', 'expected the header "Authorization: Bearer <storage token>"');
  return verifyStorageToken(keys, match[1], now);
}
