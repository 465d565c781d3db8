/**
 * Storage tokens: the room token format with `kind: 'storage'`, for the artifact endpoint only.
 * The signaling server refuses them, and the storage endpoint refuses room and resume tokens.
 */

import { SealcallServerError } from '../errors.js';
import { isRoomId } from '../protocol.js';
import { isRandomId, randomId, secretKey, signToken, verifySigned } from '../tokens.js';
import type { StorageRole } from './types.js';

export interface StorageTokenPayload {
  readonly v: 1;
  readonly kind: 'storage';
  /** The call id whose artifacts an agent or customer may use; `*` for the office. */
  readonly room: string;
  readonly role: StorageRole;
  /** Expiry, unix seconds. */
  readonly exp: number;
  readonly jti: string;
}

export interface StorageTokenOptions {
  /** The server's HMAC key, the same as for room tokens. */
  readonly secret: string | Uint8Array;
  /**
   * The call id (1..64 characters of `[A-Za-z0-9_-]`): an agent or customer token reaches only
   * artifacts whose `callId` is this. An office token reaches every artifact: pass `'*'`.
   */
  readonly room: string;
  readonly role: StorageRole;
  /** Default 3600. */
  readonly ttlSeconds?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

export const ANY_ROOM = '*';

/** Signs a token for `/v1/artifacts`, for the integrator's back end. */
export function createStorageToken(options: StorageTokenOptions): string {
  const { room, role, ttlSeconds = 3600, now = Date.now } = options;
  if (!isStorageRole(role)) {
    throw new SealcallServerError('OPTION_INVALID', `"role" expected 'agent', 'customer' or 'office'`);
  }
  if (!isStorageRoom(room, role)) {
    const input: unknown = room;
    const got = typeof input === 'string' ? `length=${input.length}` : typeof input;
    const expected = role === 'office' ? `'*' or ` : '';
    throw new SealcallServerError('ROOM_ID_INVALID', `"room" expected ${expected}1..64 characters of [A-Za-z0-9_-], got ${got}`);
  }
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new SealcallServerError('OPTION_INVALID', `"ttlSeconds" expected a positive integer, got ${String(ttlSeconds)}`);
  }
  const exp = Math.floor(now() / 1000) + ttlSeconds;
  const payload: StorageTokenPayload = { v: 1, kind: 'storage', room, role, exp, jti: randomId() };
  return signToken(secretKey(options.secret), payload);
}

/**
 * @internal Verifies a storage token. Throws `TOKEN_INVALID` (bad signature or shape, or a room
 * or resume token) or `TOKEN_EXPIRED`.
 */
export function verifyStorageToken(key: Buffer, token: string, now: number): StorageTokenPayload {
  return verifySigned(key, token, now, toStoragePayload);
}

function toStoragePayload(value: unknown): StorageTokenPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const { v, kind, room, role, exp, jti, ...rest } = value as Record<string, unknown>;
  if (v !== 1 || kind !== 'storage' || Object.keys(rest).length > 0) return null;
  if (!isStorageRole(role) || !isStorageRoom(room, role) || !isRandomId(jti)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return null;
  return { v, kind, room, role, exp, jti };
}

function isStorageRole(value: unknown): value is StorageRole {
  return value === 'agent' || value === 'customer' || value === 'office';
}

function isStorageRoom(room: unknown, role: StorageRole): room is string {
  return (role === 'office' && room === ANY_ROOM) || isRoomId(room);
}
