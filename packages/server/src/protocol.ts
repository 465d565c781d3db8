/** Wire protocol v1: message shapes, close codes and input validation. See docs/protocol.md. */

import { SealcallServerError, type SealcallServerErrorCode, type StorageErrorCode } from './errors.js';

export type Role = 'agent' | 'customer';

export interface PeerInfo {
  readonly participantId: string;
  readonly role: Role;
}

export type PeerLeftReason = 'left' | 'rejected' | 'timeout';

/** The payload of a `signal`: any JSON object. The server relays it and never looks inside. */
export type SignalData = { readonly [key: string]: unknown };

export type WireErrorCode = Exclude<
  SealcallServerErrorCode,
  'SECRET_TOO_SHORT' | 'ROOM_ID_INVALID' | 'OPTION_INVALID' | 'DATABASE_SCHEMA_TOO_NEW' | StorageErrorCode
>;

export type ClientMessage =
  | { readonly type: 'join'; readonly token: string }
  | { readonly type: 'admit'; readonly participantId: string }
  | { readonly type: 'reject'; readonly participantId: string }
  | { readonly type: 'signal'; readonly data: SignalData }
  | { readonly type: 'leave' };

export type ServerMessage =
  | {
      readonly type: 'joined';
      readonly participantId: string;
      readonly role: Role;
      readonly resumeToken: string;
      readonly admitted: boolean;
      readonly peer: PeerInfo | null;
    }
  | { readonly type: 'knock'; readonly participantId: string }
  | { readonly type: 'admitted'; readonly resumeToken: string; readonly peer: PeerInfo }
  | { readonly type: 'peer-joined'; readonly peer: PeerInfo }
  | { readonly type: 'peer-left'; readonly participantId: string; readonly reason: PeerLeftReason }
  | { readonly type: 'signal'; readonly from: string; readonly data: SignalData }
  | { readonly type: 'rejected' }
  | { readonly type: 'error'; readonly code: WireErrorCode; readonly message: string };

export const CloseCode = {
  left: 1000,
  shutdown: 1001,
  tooBig: 1009,
  internal: 1011,
  replaced: 4000,
  unauthorized: 4401,
  rejected: 4403,
  joinTimeout: 4408,
  roomFull: 4409,
  rateLimited: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ROOM_PATH = /^\/v1\/rooms\/([A-Za-z0-9_-]{1,64})$/;
const MAX_TOKEN_LENGTH = 2048;
const MAX_ID_LENGTH = 64;
/** Objects and arrays nested deeper than this are refused: relaying them would overflow the stack. */
export const MAX_JSON_DEPTH = 32;

export function isRole(value: unknown): value is Role {
  return value === 'agent' || value === 'customer';
}

export function isRoomId(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID.test(value);
}

/** The room id of a WebSocket path `/v1/rooms/<roomId>`, or `null` for any other path. */
export function roomFromPath(pathname: string): string | null {
  return ROOM_PATH.exec(pathname)?.[1] ?? null;
}

/** Parses one text frame. Throws `SealcallServerError('BAD_MESSAGE')` with a reason for the sender. */
export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('expected a JSON text frame');
  }
  if (!isObject(value) || typeof value.type !== 'string') {
    throw bad('expected a JSON object with a string "type"');
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) throw bad(`objects and arrays may be nested ${MAX_JSON_DEPTH} levels deep at most`);
  switch (value.type) {
    case 'join':
      return { type: 'join', token: boundedString(value, 'token', MAX_TOKEN_LENGTH) };
    case 'admit':
    case 'reject':
      return { type: value.type, participantId: boundedString(value, 'participantId', MAX_ID_LENGTH) };
    case 'signal': {
      const data = value.data;
      if (!isObject(data)) throw bad(`"data" expected a JSON object, got ${kindOf(data)}`);
      return { type: 'signal', data };
    }
    case 'leave':
      return { type: 'leave' };
    default:
      throw bad('unknown message "type"');
  }
}

/** Whether `value` nests objects or arrays more than `limit` levels deep; iterative, so any depth is safe. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function boundedString(message: Record<string, unknown>, field: string, maxLength: number): string {
  const value = message[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    const got = typeof value === 'string' ? `length=${value.length}` : kindOf(value);
    throw bad(`"${field}" expected a string of 1..${maxLength} characters, got ${got}`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function bad(message: string): SealcallServerError {
  return new SealcallServerError('BAD_MESSAGE', message);
}
