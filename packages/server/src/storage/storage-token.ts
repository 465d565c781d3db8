/**
 * Storage tokens: JWTs with `aud: 'sealcall-storage'`, for the artifact endpoint only. The
 * signaling server refuses them, and the storage endpoint refuses room and resume tokens.
 */

import { isStorageRoom, parseStorageTokenClaims, StorageRoleSchema, TOKEN_AUDIENCES, type StorageRole, type StorageTokenClaims } from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import { signHs256, verifyJwt, type TokenKeys } from '../tokens/jwt.js';
import { DEFAULT_ISSUER, registered, secretKey, shaped } from '../tokens/room-token.js';

export type { StorageTokenClaims };

export interface StorageTokenOptions {
  /** The server's HMAC key, the same as for room tokens. */
  readonly secret: string | Uint8Array;
  /**
   * The call id (1..64 characters of `[A-Za-z0-9_-]`): an agent or customer token reaches only
   * artifacts whose `callId` is this. An office token reaches every artifact: pass `'*'`.
   */
  readonly room: string;
  readonly role: StorageRole;
  /** Who uses the token, in your systems: its `sub`, 1..256 characters. */
  readonly subject: string;
  /**
   * The data subject: the pseudonymous `subjectId` (`pseudonymousSubjectId` of @sealcall/sdk) of
   * the call's customer, its `dsub`. Artifacts begun with the token are stored under it, whatever
   * the request says. Without it they are stored with the subject withheld (`'withheld'`), as
   * HybridStorage sends them, and a subject's export or erasure cannot find them here.
   */
  readonly dataSubject?: string;
  /** The tenant. Default: none, which is `default`. */
  readonly tenant?: string;
  /** The token's `iss`. Default `'sealcall'`. */
  readonly issuer?: string;
  /** Default 3600. */
  readonly ttlSeconds?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** Signs an HS256 token for `/v1/artifacts`, for the integrator's back end. */
export function createStorageToken(options: StorageTokenOptions): string {
  const { room, role, subject, dataSubject, tenant, issuer = DEFAULT_ISSUER, ttlSeconds = 3600, now = Date.now } = options;
  if (!StorageRoleSchema.options.includes(role)) {
    throw new SealcallServerError('OPTION_INVALID', `"role" expected 'agent', 'customer' or 'office'`);
  }
  if (!isStorageRoom(room, role)) {
    const input: unknown = room;
    const got = typeof input === 'string' ? `length=${input.length}` : typeof input;
    const expected = role === 'office' ? `'*' or ` : '';
    throw new SealcallServerError('ROOM_ID_INVALID', `"room" expected ${expected}1..64 characters of [A-Za-z0-9_-], got ${got}`);
  }
  if (dataSubject !== undefined && (typeof dataSubject !== 'string' || dataSubject.length === 0 || dataSubject.length > 256)) {
    throw new SealcallServerError('OPTION_INVALID', `"dataSubject" expected 1..256 characters: the pseudonymous subject id of the call's customer`);
  }
  const claims = { ...registered(subject, tenant, issuer, ttlSeconds, now), aud: TOKEN_AUDIENCES.storage, room, role };
  return signHs256(secretKey(options.secret), dataSubject === undefined ? claims : { ...claims, dsub: dataSubject });
}

/**
 * @internal Verifies a storage token. Throws `TOKEN_INVALID` (bad signature or shape, or a room
 * or resume token) or `TOKEN_EXPIRED`.
 */
export async function verifyStorageToken(keys: TokenKeys, token: string, now: number): Promise<StorageTokenClaims> {
  return shaped(parseStorageTokenClaims((await verifyJwt(keys, token, TOKEN_AUDIENCES.storage, now)).payload));
}

/**
 * @internal As `verifyStorageToken`, but where tokens must be signed by key pairs it also takes
 * an HS256 one of the server's secret: that counts only if the server issued it itself
 * (`POST /v1/calls`), which the caller checks where `mustBeIssuedHere` says so.
 */
export async function verifyStorageBearer(keys: TokenKeys, token: string, now: number): Promise<{ claims: StorageTokenClaims; mustBeIssuedHere: boolean }> {
  const { payload, mustBeIssuedHere } = await verifyJwt(keys, token, TOKEN_AUDIENCES.storage, now, true);
  return { claims: shaped(parseStorageTokenClaims(payload)), mustBeIssuedHere };
}
