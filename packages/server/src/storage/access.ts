/**
 * Who may do what with artifacts, enforced: `STORAGE_ACCESS` of @sealcall/protocol lists every
 * operation for every role; here each request is held to it, to the token's call and tenant, and
 * to the artifact's owner. An expired artifact is served to nobody (`refuseExpired`).
 */

import type { IncomingMessage } from 'node:http';
import { STORAGE_ACCESS, type StorageOperation, type StorageReach } from '@sealcall/protocol';
import { bearerToken } from '../bearer.js';
import type { Queryable } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import { issuedHere } from '../tokens/issued-tokens.js';
import type { TokenKeys } from '../tokens/jwt.js';
import type { StoredArtifact } from './artifact-store.js';
import { isExpired } from './stamp.js';
import { verifyStorageBearer, type StorageTokenClaims } from './storage-token.js';

/** Throws FORBIDDEN (HTTP 403) if the role may not do `op` at all. */
export function authorizeOperation(claim: StorageTokenClaims, op: StorageOperation): StorageReach {
  const reach = STORAGE_ACCESS[op][claim.role];
  if (reach === 'never') {
    throw new SealcallServerError('FORBIDDEN', `storage tokens of role "${claim.role}" do not allow "${op}"`);
  }
  return reach;
}

/** Throws FORBIDDEN (HTTP 403) unless `reach` covers call `callId` for this token. */
export function authorizeCall(claim: StorageTokenClaims, reach: StorageReach, callId: string): void {
  if (reach !== 'tenant' && claim.room !== callId) {
    throw new SealcallServerError('FORBIDDEN', 'this storage token is for another call; ask your back end for a token of this call');
  }
}

/** Throws FORBIDDEN (HTTP 403) unless `reach` covers this stored artifact for this token. */
export function authorizeArtifact(claim: StorageTokenClaims, reach: StorageReach, artifact: StoredArtifact): void {
  authorizeCall(claim, reach, artifact.record.callId);
  if (reach === 'own-artifact' && (artifact.owner.role !== claim.role || artifact.owner.subject !== claim.sub)) {
    throw new SealcallServerError('FORBIDDEN', 'only the participant who began this artifact may write to, finish, change or abort it');
  }
}

/**
 * Past its expiry an artifact is gone for its call, even before anything erases it: the office
 * still sees its metadata, to erase it, and nobody gets its content. STORAGE_NOT_FOUND (HTTP 404).
 */
export function refuseExpired(claim: StorageTokenClaims, op: StorageOperation, artifact: StoredArtifact, now: number): void {
  const servable = op === 'delete' || (claim.role === 'office' && op !== 'content');
  if (!servable && isExpired(artifact.record.expiresAt, now)) {
    throw new SealcallServerError('STORAGE_NOT_FOUND', `artifact "${artifact.record.id}" expired at ${new Date(artifact.record.expiresAt).toISOString()}; it is no longer served`);
  }
}

/**
 * The storage token of `Authorization: Bearer <token>`; TOKEN_INVALID or TOKEN_EXPIRED (HTTP 401).
 * Where tokens must be signed by the integrator's key pairs, an HS256 one counts only if the
 * server issued it itself (the agent's of `POST /v1/calls`).
 */
export async function authenticate(req: IncomingMessage, o: { readonly tokens: TokenKeys; readonly database: Queryable }, now: number): Promise<StorageTokenClaims> {
  const { claims, mustBeIssuedHere } = await verifyStorageBearer(o.tokens, bearerToken(req, 'storage token'), now);
  if (mustBeIssuedHere && !(await issuedHere(o.database, claims.tid, claims.room, claims.jti))) {
    throw new SealcallServerError('TOKEN_INVALID', 'the token was refused: this server takes HS256 storage tokens only from its own POST /v1/calls; sign yours with your key pair');
  }
  return claims;
}
