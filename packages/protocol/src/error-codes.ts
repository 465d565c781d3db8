/** The codes of `{ type: 'error', code }` messages: what went wrong, for programs; `message` says it for people. */
export const SIGNALING_ERROR_CODES = [
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REUSED',
  'TOKEN_REVOKED',
  'TOKEN_WRONG_ROOM',
  'ORIGIN_REFUSED',
  'ROOM_FULL',
  'NOT_JOINED',
  'JOIN_TIMEOUT',
  'BAD_MESSAGE',
  'FORBIDDEN',
  'UNKNOWN_PARTICIPANT',
  'NO_PEER',
  'RATE_LIMITED',
] as const;

export type SignalingErrorCode = (typeof SIGNALING_ERROR_CODES)[number];
