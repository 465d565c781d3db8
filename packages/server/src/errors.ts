/**
 * Stable error codes. The first three are thrown to integrators by the API; all the others are
 * also sent to clients as `{ type: 'error', code, message }` (see docs/protocol.md).
 */
export type SealcallServerErrorCode =
  | 'SECRET_TOO_SHORT'
  | 'ROOM_ID_INVALID'
  | 'OPTION_INVALID'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REUSED'
  | 'TOKEN_REVOKED'
  | 'TOKEN_WRONG_ROOM'
  | 'ROOM_FULL'
  | 'NOT_JOINED'
  | 'JOIN_TIMEOUT'
  | 'BAD_MESSAGE'
  | 'FORBIDDEN'
  | 'UNKNOWN_PARTICIPANT'
  | 'NO_PEER'
  | 'RATE_LIMITED';

export class SealcallServerError extends Error {
  readonly code: SealcallServerErrorCode;

  constructor(code: SealcallServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SealcallServerError';
    this.code = code;
  }
}
