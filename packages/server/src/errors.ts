import type { SignalingErrorCode } from '@sealcall/protocol';

/**
 * Stable error codes. The first four are thrown to integrators by the API; STAFF_KEYS_UNAVAILABLE
 * means the identity provider's key set could not be fetched, NOT_FOUND that a governance route
 * names nothing there is, REDIS_UNAVAILABLE that the rooms shared through Redis (`redis`) could
 * not be read, changed or locked in time; the signaling codes
 * are also sent to clients as `{ type: 'error', code, message }`, and the StorageErrorCodes are
 * answered by the artifact storage endpoint (see docs/protocol.md).
 */
export type SealcallServerErrorCode =
  | 'SECRET_TOO_SHORT'
  | 'ROOM_ID_INVALID'
  | 'OPTION_INVALID'
  | 'DATABASE_SCHEMA_TOO_NEW'
  | 'STAFF_KEYS_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'REDIS_UNAVAILABLE'
  | SignalingErrorCode
  | StorageErrorCode;

/** The codes of the artifact storage endpoint (`/v1/artifacts`), named as the SDK names them. */
export type StorageErrorCode =
  | 'INVALID_ARGUMENT'
  | 'PAYLOAD_TOO_LARGE'
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_REGION_REFUSED'
  | 'STORAGE_FAILED';

export type { SignalingErrorCode };

export class SealcallServerError extends Error {
  readonly code: SealcallServerErrorCode;

  constructor(code: SealcallServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SealcallServerError';
    this.code = code;
  }
}
