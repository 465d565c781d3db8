/**
 * Who may do what with artifacts. Agents and customers are held to the artifacts of their call
 * (the token's `room` is the call id); the office, the integrator's back office, reaches every
 * artifact but never writes content.
 */

import type { IncomingMessage } from 'node:http';
import { SealcallServerError } from '../errors.js';
import type { TokenKeys } from '../tokens/jwt.js';
import { DEFAULT_TENANT } from '../tokens/tenant.js';
import { verifyStorageToken, type StorageTokenClaims } from './storage-token.js';
import type { StorageOperation, StorageRole } from './types.js';

const ALLOWED: Record<StorageRole, ReadonlySet<StorageOperation>> = {
  agent: new Set(['begin', 'append', 'finish', 'metadata', 'content', 'update', 'delete', 'list-by-call']),
  customer: new Set(['begin', 'append', 'finish']),
  office: new Set(['metadata', 'content', 'update', 'delete', 'list-by-call', 'list-by-subject', 'list-expired']),
};

/** Throws FORBIDDEN (HTTP 403) if the role may not do `op` at all. */
export function authorizeOperation(claim: StorageTokenClaims, op: StorageOperation): void {
  if (!ALLOWED[claim.role].has(op)) {
    throw new SealcallServerError('FORBIDDEN', `storage tokens of role "${claim.role}" do not allow "${op}"`);
  }
}

/** Throws FORBIDDEN (HTTP 403) unless the token reaches artifacts of `callId`. */
export function authorizeCall(claim: StorageTokenClaims, callId: string): void {
  if (claim.role !== 'office' && claim.room !== callId) {
    throw new SealcallServerError('FORBIDDEN', 'this storage token is for another call; ask your back end for a token of this call');
  }
}

/** Whether the role reaches every artifact, so that no artifact needs reading to decide. */
export function reachesEveryCall(claim: StorageTokenClaims): boolean {
  return claim.role === 'office';
}

/**
 * The storage token of `Authorization: Bearer <token>`; TOKEN_INVALID or TOKEN_EXPIRED (HTTP 401).
 * Artifacts on disk carry no tenant yet, so a token of any tenant but the default one is
 * refused (FORBIDDEN) rather than let near another tenant's artifacts.
 */
export async function authenticate(req: IncomingMessage, keys: TokenKeys, now: number): Promise<StorageTokenClaims> {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
  if (!match?.[1]) throw new SealcallServerError('TOKEN_INVALID', 'expected the header "Authorization: Bearer <storage token>"');
  const claims = await verifyStorageToken(keys, match[1], now);
  if (claims.tid !== DEFAULT_TENANT) {
    throw new SealcallServerError('FORBIDDEN', `this server stores artifacts for the default tenant only; "tid" was "${claims.tid}"`);
  }
  return claims;
}
