/** Every code a `SealcallError` can carry. Codes are stable: match on them, not on messages. */
export type SealcallErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_STATE'
  | 'INVALID_INVITE'
  | 'CONSENT_REQUIRED'
  | 'TEMPLATE_VARIABLE_MISSING'
  | 'TEMPLATE_UNKNOWN_LOCALE'
  | 'TEMPLATE_UNSAFE_LINK'
  | 'TEMPLATE_TOO_LONG'
  | 'NOTIFICATION_FAILED'
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_REGION_REFUSED'
  | 'STORAGE_FAILED'
  | 'STORAGE_UNAUTHORIZED'
  | 'GOVERNANCE_UNAUTHORIZED'
  | 'GOVERNANCE_FORBIDDEN'
  | 'GOVERNANCE_NOT_FOUND'
  | 'GOVERNANCE_FAILED'
  | 'CAPTURE_UNAVAILABLE'
  | 'CAPTURE_FAILED'
  | 'ARTIFACT_CORRUPT'
  | 'ARTIFACT_INCOMPLETE'
  | 'ARTIFACT_KEY_DESTROYED'
  | 'ARTIFACT_KEY_UNAVAILABLE'
  | 'E2EE_AUTH_FAILED'
  | 'E2EE_UNSUPPORTED'
  | 'E2EE_WORKER_FAILED'
  | 'MEDIA_DENIED'
  | 'MEDIA_UNAVAILABLE'
  | 'PEER_CONNECTION_FAILED'
  | 'SIGNALING_BAD_MESSAGE'
  | 'SIGNALING_MESSAGE_TOO_LARGE'
  | 'SIGNALING_CLOSED'
  | 'SIGNALING_UNREACHABLE'
  | 'SIGNALING_TOKEN_INVALID'
  | 'SIGNALING_TOKEN_EXPIRED'
  | 'SIGNALING_TOKEN_REUSED'
  | 'SIGNALING_TOKEN_WRONG_ROOM'
  | 'SIGNALING_TOKEN_REVOKED'
  | 'SIGNALING_ROOM_FULL'
  | 'SIGNALING_REJECTED'
  | 'SIGNALING_RATE_LIMITED'
  | 'SIGNALING_SERVER_ERROR';

/** The one error class of @sealcall/sdk. */
export class SealcallError extends Error {
  override readonly name = 'SealcallError';
  readonly code: SealcallErrorCode;

  constructor(code: SealcallErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
