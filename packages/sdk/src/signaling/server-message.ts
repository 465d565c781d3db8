import type { SealcallErrorCode } from '../errors.js';
import { isObject, isString } from '../internal/validate.js';
import type { Participant, PeerLeftReason } from './types.js';

/** Messages of the reference server's wire protocol (docs/protocol.md), as received. */
export type ServerMessage =
  | { type: 'joined'; participantId: string; role: Participant['role']; resumeToken: string; admitted: boolean; peer: Participant | null }
  | { type: 'knock'; participantId: string }
  | { type: 'admitted'; resumeToken: string; peer: Participant }
  | { type: 'peer-joined'; peer: Participant }
  | { type: 'peer-left'; participantId: string; reason: PeerLeftReason }
  | { type: 'signal'; from: string; data: unknown }
  | { type: 'rejected' }
  | { type: 'error'; code: string; message: string };

const TOKEN_LENGTH = 2048;

function isRole(value: unknown): value is Participant['role'] {
  return value === 'agent' || value === 'customer';
}

function isParticipant(value: unknown): value is Participant {
  return isObject(value) && isString(value.participantId) && isRole(value.role);
}

const checks: { readonly [K in ServerMessage['type']]: (m: Record<string, unknown>) => boolean } = {
  joined: (m) =>
    isString(m.participantId) &&
    isRole(m.role) &&
    isString(m.resumeToken, TOKEN_LENGTH) &&
    typeof m.admitted === 'boolean' &&
    (m.peer === null || isParticipant(m.peer)),
  knock: (m) => isString(m.participantId),
  admitted: (m) => isString(m.resumeToken, TOKEN_LENGTH) && isParticipant(m.peer),
  'peer-joined': (m) => isParticipant(m.peer),
  'peer-left': (m) => isString(m.participantId) && (m.reason === 'left' || m.reason === 'rejected' || m.reason === 'timeout'),
  signal: (m) => isString(m.from) && isObject(m.data),
  rejected: () => true,
  error: (m) => isString(m.code) && isString(m.message, 1024),
};

export function isServerMessage(value: unknown): value is ServerMessage {
  if (!isObject(value) || typeof value.type !== 'string' || !Object.hasOwn(checks, value.type)) return false;
  return checks[value.type as ServerMessage['type']](value);
}

/** The server's error codes that end a join, as the SDK's codes. */
export const refusalCodes: Readonly<Record<string, SealcallErrorCode>> = {
  TOKEN_INVALID: 'SIGNALING_TOKEN_INVALID',
  TOKEN_EXPIRED: 'SIGNALING_TOKEN_EXPIRED',
  TOKEN_REUSED: 'SIGNALING_TOKEN_REUSED',
  TOKEN_WRONG_ROOM: 'SIGNALING_TOKEN_WRONG_ROOM',
  TOKEN_REVOKED: 'SIGNALING_TOKEN_REVOKED',
  NOT_JOINED: 'SIGNALING_TOKEN_INVALID',
  ROOM_FULL: 'SIGNALING_ROOM_FULL',
  RATE_LIMITED: 'SIGNALING_RATE_LIMITED',
};

/** WebSocket close codes after which reconnecting cannot help (docs/protocol.md). */
export const finalCloseCodes: ReadonlySet<number> = new Set([1000, 4000, 4401, 4403, 4409, 4429]);
