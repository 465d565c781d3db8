/**
 * Room and resume tokens: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256(secret, first part))`.
 * The MAC covers the encoded payload exactly as sent, so nothing is decoded before it is verified.
 * Storage tokens (storage/storage-token.ts) share the format; `kind` keeps each kind to its use.
 */

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SealcallServerError } from './errors.js';
import { isRole, isRoomId, type Role } from './protocol.js';

export interface RoomTokenPayload {
  readonly v: 1;
  readonly kind: 'room';
  readonly room: string;
  readonly role: Role;
  /** Expiry, unix seconds. */
  readonly exp: number;
  /** 16 random bytes, base64url. Makes a customer room token single-use. */
  readonly jti: string;
}

export interface ResumeTokenPayload {
  readonly v: 1;
  readonly kind: 'resume';
  readonly room: string;
  readonly role: Role;
  readonly exp: number;
  readonly jti: string;
  /** The participant id, kept across reconnects and server restarts. */
  readonly pid: string;
}

export type TokenPayload = RoomTokenPayload | ResumeTokenPayload;

export interface RoomTokenOptions {
  /** The server's HMAC key: a string of at least 32 characters or at least 32 bytes. */
  readonly secret: string | Uint8Array;
  /** 1..64 characters of `[A-Za-z0-9_-]`; use a random id, it appears in logs. */
  readonly room: string;
  readonly role: Role;
  /** Default 3600. */
  readonly ttlSeconds?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

const MIN_SECRET_LENGTH = 32;
const MAX_TOKEN_LENGTH = 2048;
const RANDOM_ID = /^[A-Za-z0-9_-]{22}$/;

/** Signs a token that lets one agent or one customer join `room`, for the integrator's back end. */
export function createRoomToken(options: RoomTokenOptions): string {
  const { room, role, ttlSeconds = 3600, now = Date.now } = options;
  if (!isRoomId(room)) {
    const input: unknown = room;
    const got = typeof input === 'string' ? `length=${input.length}` : typeof input;
    throw new SealcallServerError(
      'ROOM_ID_INVALID',
      `"room" expected 1..64 characters of [A-Za-z0-9_-], got ${got}`,
    );
  }
  if (!isRole(role)) {
    throw new SealcallServerError('OPTION_INVALID', `"role" expected 'agent' or 'customer'`);
  }
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new SealcallServerError(
      'OPTION_INVALID',
      `"ttlSeconds" expected a positive integer, got ${String(ttlSeconds)}`,
    );
  }
  const exp = Math.floor(now() / 1000) + ttlSeconds;
  return signToken(secretKey(options.secret), { v: 1, kind: 'room', room, role, exp, jti: randomId() });
}

/**
 * Verifies the signature, shape and expiry of a room or resume token.
 * Throws `SealcallServerError` with `TOKEN_INVALID` or `TOKEN_EXPIRED`.
 *
 * @param now milliseconds since the epoch
 */
export function verifyToken(
  secret: string | Uint8Array,
  token: string,
  now: number = Date.now(),
): TokenPayload {
  return verifyWithKey(secretKey(secret), token, now);
}

/** @internal Validates a secret once and returns it as HMAC key bytes. */
export function secretKey(secret: string | Uint8Array): Buffer {
  if (typeof secret === 'string') {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new SealcallServerError(
        'SECRET_TOO_SHORT',
        `"secret" expected a string of at least ${MIN_SECRET_LENGTH} characters, got length=${secret.length}`,
      );
    }
    return Buffer.from(secret, 'utf8');
  }
  if (!(secret instanceof Uint8Array)) {
    throw new SealcallServerError('OPTION_INVALID', `"secret" expected string or Uint8Array, got ${typeof secret}`);
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SealcallServerError(
      'SECRET_TOO_SHORT',
      `"secret" expected Uint8Array of at least ${MIN_SECRET_LENGTH} bytes, got length=${secret.length}`,
    );
  }
  return Buffer.from(secret);
}

/**
 * @internal Issued by the server in `joined` and `admitted`. Only the newest one of a participant
 * works: the database holds its `jti`.
 *
 * @param exp unix seconds
 */
export function createResumeToken(
  key: Buffer,
  participant: { readonly room: string; readonly role: Role; readonly id: string },
  jti: string,
  exp: number,
): string {
  const { room, role, id: pid } = participant;
  return signToken(key, { v: 1, kind: 'resume', room, role, exp, jti, pid });
}

/** @internal Signs any token payload of this format (room, resume, storage). */
export function signToken(key: Buffer, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** @internal Room and resume tokens only: a storage token is TOKEN_INVALID here. */
export function verifyWithKey(key: Buffer, token: string, now: number): TokenPayload {
  return verifySigned(key, token, now, toPayload);
}

/**
 * @internal Checks the signature, then the shape (`toShape` returns null for a payload of
 * another kind or shape: TOKEN_INVALID), then the expiry.
 */
export function verifySigned<T extends { readonly exp: number }>(
  key: Buffer,
  token: string,
  now: number,
  toShape: (decoded: unknown) => T | null,
): T {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid();
  const dot = token.indexOf('.');
  if (dot < 1) throw invalid();
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'utf8');
  const expected = Buffer.from(mac(key, body), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();

  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalid(cause);
  }
  const payload = toShape(decoded);
  if (payload === null) throw invalid();
  if (payload.exp * 1000 <= now) throw new SealcallServerError('TOKEN_EXPIRED', 'the token has expired');
  return payload;
}

/** @internal 16 random bytes, base64url: participant ids and jtis. */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64url');
}

/** Rebuilds the payload field by field, so that nothing unexpected survives verification. */
function toPayload(value: unknown): TokenPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const { v, kind, room, role, exp, jti, pid } = value as Record<string, unknown>;
  if (v !== 1 || !isRoomId(room) || !isRole(role) || !isRandomId(jti)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return null;
  if (kind === 'room' && pid === undefined) return { v, kind, room, role, exp, jti };
  if (kind === 'resume' && isRandomId(pid)) return { v, kind, room, role, exp, jti, pid };
  return null;
}

/** @internal */
export function isRandomId(value: unknown): value is string {
  return typeof value === 'string' && RANDOM_ID.test(value);
}

function invalid(cause?: unknown): SealcallServerError {
  return new SealcallServerError(
    'TOKEN_INVALID',
    'the token is malformed or its signature does not match',
    cause === undefined ? undefined : { cause },
  );
}
