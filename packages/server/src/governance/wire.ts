import type { GovernanceErrorCode } from '@sealcall/protocol';
import type { SealcallServerErrorCode } from '../errors.js';

/** How the governance routes (and the countersigning of consent) answer each error: status and wire code. */
export const GOVERNANCE_WIRE: Partial<Record<SealcallServerErrorCode, { readonly status: number; readonly code: GovernanceErrorCode }>> = {
  TOKEN_INVALID: { status: 401, code: 'UNAUTHORIZED' },
  TOKEN_EXPIRED: { status: 401, code: 'UNAUTHORIZED' },
  FORBIDDEN: { status: 403, code: 'FORBIDDEN' },
  INVALID_ARGUMENT: { status: 400, code: 'INVALID_ARGUMENT' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 'INVALID_ARGUMENT' },
  NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
  STORAGE_NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
  STORAGE_CONFLICT: { status: 409, code: 'CONFLICT' },
  STAFF_KEYS_UNAVAILABLE: { status: 503, code: 'FAILED' },
};
