/**
 * Room tokens, minted by the integrator's back end, let one agent or one customer into a room;
 * resume tokens, issued by the server, let that participant back in after a drop. Both are JWTs
 * (docs/protocol.md lists the claims).
 */

import {
  isRole,
  isRoomId,
  isTenantId,
  parseResumeTokenClaims,
  parseRoomTokenClaims,
  TOKEN_AUDIENCES,
  type Parsed,
  type ResumeTokenClaims,
  type Role,
  type RoomTokenClaims,
} from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import { invalid, randomId, signHs256, verifyJwt, type TokenKeys } from './jwt.js';

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

export type { ResumeTokenClaims, RoomTokenClaims };

/** Signs an HS256 room token that lets one agent or one customer join `room`, for the integrator's back end. */
export function createRoomToken(options: RoomTokenOptions): string {
  const { room, role, subject, tenant, issuer = DEFAULT_ISSUER, ttlSeconds = 3600, now = Date.now } = options;
  if (!isRoomId(room)) {
    const input: unknown = room;
    const got = typeof input === 'string' ? `length=${input.length}` : typeof input;
    throw new SealcallServerError('ROOM_ID_INVALID', `"room" expected 1..64 characters of [A-Za-z0-9_-], got ${got}`);
  }
  if (!isRole(role)) throw new SealcallServerError('OPTION_INVALID', `"role" expected 'agent' or 'customer'`);
  return signHs256(secretKey(options.secret), { ...registered(subject, tenant, issuer, ttlSeconds, now), aud: TOKEN_AUDIENCES.room, room, role });
}

/** @internal The registered claims and `tid` of a token minted here. */
export interface RegisteredClaims {
  readonly iss: string;
  readonly sub: string;
  readonly tid?: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
}

/** @internal The registered claims and `tid` of a token minted here (room and storage tokens). */
export function registered(subject: string, tenant: string | undefined, issuer: string, ttlSeconds: number, now: () => number): RegisteredClaims {
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

export interface VerifiedJoinToken {
  readonly claims: RoomTokenClaims | ResumeTokenClaims;
  /**
   * A room token that only counts if the server issued it (`POST /v1/calls`): signed with the
   * secret where the integrator's tokens must be signed by its key pairs.
   */
  readonly mustBeIssuedHere: boolean;
}

/**
 * @internal A room token or a resume token (the `aud` tells which): signature, times and shape.
 * Throws TOKEN_INVALID or TOKEN_EXPIRED.
 */
export async function verifyJoinToken(keys: TokenKeys, token: unknown, now: number): Promise<VerifiedJoinToken> {
  const audience = audienceOf(token);
  const room = audience === TOKEN_AUDIENCES.room;
  const { payload, mustBeIssuedHere } = await verifyJwt(keys, token, audience, now, room);
  const claims = room ? shaped(parseRoomTokenClaims(payload)) : shaped(parseResumeTokenClaims(payload));
  return { claims, mustBeIssuedHere };
}

/** @internal Claims of the shape their schema says, or TOKEN_INVALID with what is wrong. */
export function shaped<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw invalid(parsed.reason);
  return parsed.value;
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
  return signHs256(keys.secret, { iss: keys.issuer, aud: TOKEN_AUDIENCES.resume, sub, tid, room, role, pid, iat: Math.floor(now / 1000), exp, jti });
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
function audienceOf(token: unknown): typeof TOKEN_AUDIENCES.room | typeof TOKEN_AUDIENCES.resume {
  if (typeof token !== 'string') return TOKEN_AUDIENCES.room;
  try {
    const aud: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).aud;
    return aud === TOKEN_AUDIENCES.resume ? TOKEN_AUDIENCES.resume : TOKEN_AUDIENCES.room;
  } catch {
    return TOKEN_AUDIENCES.room;
  }
}
