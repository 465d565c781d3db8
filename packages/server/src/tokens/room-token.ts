/**
 * Room tokens, minted by the integrator's back end, let one agent or one customer into a room;
 * resume tokens, issued by the server, let that participant back in after a drop. Both are JWTs
 * (docs/protocol.md lists the claims).
 */

import { SealcallServerError } from '../errors.js';
import { isRole, isRoomId, type Role } from '@sealcall/protocol';
import { invalid, isRandomId, randomId, signHs256, verifyJwt, type RegisteredClaims, type TokenKeys } from './jwt.js';
import { isTenantId, tenantClaim } from './tenant.js';

export interface RoomTokenClaims extends RegisteredClaims {
  readonly aud: 'sealcall-room';
  /** The tenant; `default` when the token names none. */
  readonly tid: string;
  readonly room: string;
  readonly role: Role;
}

export interface ResumeTokenClaims extends RegisteredClaims {
  readonly aud: 'sealcall-resume';
  readonly tid: string;
  readonly room: string;
  readonly role: Role;
  /** The participant id, kept across reconnects and server restarts. */
  readonly pid: string;
}

export interface RoomTokenOptions {
  /** The server's HMAC key: a string of at least 32 characters or at least 32 bytes. */
  readonly secret: string | Uint8Array;
  /** 1..64 characters of `[A-Za-z0-9_-]`; use a random id, it appears in logs. */
  readonly room: string;
  readonly role: Role;
  /** Who joins, in your systems (a customer number, a staff id): the token's `sub`, 1..256 characters. */
  readonly subject: string;
  /** The tenant (one insurer on a shared server), 1..64 characters of `[A-Za-z0-9_-]`. Default: none, which is `default`. */
  readonly tenant?: string;
  /** The token's `iss`; the server's `tokenIssuer`. Default `'sealcall'`. */
  readonly issuer?: string;
  /** Default 3600; at most the server's `maxTokenLifetimeSeconds` (default 24 hours). */
  readonly ttlSeconds?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

export const DEFAULT_ISSUER = 'sealcall';

/** Signs an HS256 room token that lets one agent or one customer join `room`, for the integrator's back end. */
export function createRoomToken(options: RoomTokenOptions): string {
  const { room, role, subject, tenant, issuer = DEFAULT_ISSUER, ttlSeconds = 3600, now = Date.now } = options;
  if (!isRoomId(room)) {
    const input: unknown = room;
    const got = typeof input === 'string' ? `length=${input.length}` : typeof input;
    throw new SealcallServerError('ROOM_ID_INVALID', `"room" expected 1..64 characters of [A-Za-z0-9_-], got ${got}`);
  }
  if (!isRole(role)) throw new SealcallServerError('OPTION_INVALID', `"role" expected 'agent' or 'customer'`);
  return signHs256(secretKey(options.secret), { ...registered(subject, tenant, issuer, ttlSeconds, now), aud: 'sealcall-room', room, role });
}

/** @internal The registered claims and `tid` of a token minted here (room and storage tokens). */
export function registered(subject: string, tenant: string | undefined, issuer: string, ttlSeconds: number, now: () => number): object {
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 256) {
    throw new SealcallServerError('OPTION_INVALID', `"subject" expected 1..256 characters: who the token is for in your systems`);
  }
  if (tenant !== undefined && !isTenantId(tenant)) {
    throw new SealcallServerError('OPTION_INVALID', `"tenant" expected 1..64 characters of [A-Za-z0-9_-]`);
  }
  if (typeof issuer !== 'string' || issuer === '') throw new SealcallServerError('OPTION_INVALID', `"issuer" expected a non-empty string`);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new SealcallServerError('OPTION_INVALID', `"ttlSeconds" expected a positive integer, got ${String(ttlSeconds)}`);
  }
  const iat = Math.floor(now() / 1000);
  return { iss: issuer, sub: subject, ...(tenant === undefined ? {} : { tid: tenant }), iat, exp: iat + ttlSeconds, jti: randomId() };
}

/**
 * @internal A room token or a resume token (the `aud` tells which): signature, times and shape.
 * Throws TOKEN_INVALID or TOKEN_EXPIRED.
 */
export async function verifyJoinToken(keys: TokenKeys, token: unknown, now: number): Promise<RoomTokenClaims | ResumeTokenClaims> {
  const audience = audienceOf(token);
  const claims = await verifyJwt(keys, token, audience, now);
  const { room, role, pid } = claims as Record<string, unknown>;
  if (!isRoomId(room)) throw invalid('"room" expected 1..64 characters of [A-Za-z0-9_-]');
  if (!isRole(role)) throw invalid(`"role" expected 'agent' or 'customer'`);
  const tid = tenantClaim(claims.tid);
  const base = { iss: claims.iss, sub: claims.sub, iat: claims.iat, exp: claims.exp, jti: claims.jti, tid, room, role };
  if (audience === 'sealcall-room') return { ...base, aud: audience, ...(claims.nbf === undefined ? {} : { nbf: claims.nbf }) };
  if (!isRandomId(pid)) throw invalid('"pid" expected a participant id');
  return { ...base, aud: audience, pid };
}

/**
 * @internal Issued by the server in `joined` and `admitted`. Only the newest one of a participant
 * works: the database holds its `jti`.
 *
 * @param exp unix seconds
 */
export function createResumeToken(
  keys: TokenKeys,
  participant: { readonly tenant: string; readonly room: string; readonly role: Role; readonly id: string; readonly subject: string },
  jti: string,
  now: number,
  exp: number,
): string {
  const { tenant: tid, room, role, id: pid, subject: sub } = participant;
  return signHs256(keys.secret, { iss: keys.issuer, aud: 'sealcall-resume', sub, tid, room, role, pid, iat: Math.floor(now / 1000), exp, jti });
}

/** @internal Validates a secret once and returns it as HMAC key bytes. */
export function secretKey(secret: string | Uint8Array): Uint8Array {
  if (typeof secret === 'string') {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new SealcallServerError('SECRET_TOO_SHORT', `"secret" expected a string of at least ${MIN_SECRET_LENGTH} characters, got length=${secret.length}`);
    }
    return Buffer.from(secret, 'utf8');
  }
  if (!(secret instanceof Uint8Array)) {
    throw new SealcallServerError('OPTION_INVALID', `"secret" expected string or Uint8Array, got ${typeof secret}`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SealcallServerError('SECRET_TOO_SHORT', `"secret" expected Uint8Array of at least ${MIN_SECRET_LENGTH} bytes, got length=${secret.length}`);
  }
  return Uint8Array.from(secret);
}

const MIN_SECRET_LENGTH = 32;

/**
 * Which of the two a join carries, read from the unverified payload only to choose what to
 * check it against: a resume token is then verified with the server's own secret and audience,
 * a room token with the integrator's keys.
 */
function audienceOf(token: unknown): 'sealcall-room' | 'sealcall-resume' {
  if (typeof token !== 'string') return 'sealcall-room';
  try {
    const aud: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).aud;
    return aud === 'sealcall-resume' ? 'sealcall-resume' : 'sealcall-room';
  } catch {
    return 'sealcall-room';
  }
}
