import { SealcallError } from '../errors.js';

/** The codes storage adds to SealcallErrorCode. */
export type StorageErrorCode =
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_REGION_REFUSED'
  | 'STORAGE_FAILED'
  | 'STORAGE_UNAUTHORIZED';

export function storageError(code: StorageErrorCode, message: string, options?: { cause?: unknown }): SealcallError {
  return new SealcallError(code, message, options);
}

export function invalidArgument(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}

export function notFound(id: string): SealcallError {
  return storageError('STORAGE_NOT_FOUND', `No artifact with id "${id}".`);
}
