import type { SignalingErrorCode } from '@sealcall/protocol';
import type { SealcallErrorCode } from '../errors.js';

/** The server's error codes that end a join, as the SDK's codes. */
const REFUSALS: Partial<Record<SignalingErrorCode, SealcallErrorCode>> = {
  TOKEN_INVALID: 'SIGNALING_TOKEN_INVALID',
  TOKEN_EXPIRED: 'SIGNALING_TOKEN_EXPIRED',
  TOKEN_REUSED: 'SIGNALING_TOKEN_REUSED',
  TOKEN_WRONG_ROOM: 'SIGNALING_TOKEN_WRONG_ROOM',
  TOKEN_REVOKED: 'SIGNALING_TOKEN_REVOKED',
  ORIGIN_REFUSED: 'SIGNALING_ORIGIN_REFUSED',
  NOT_JOINED: 'SIGNALING_TOKEN_INVALID',
  ROOM_FULL: 'SIGNALING_ROOM_FULL',
  RATE_LIMITED: 'SIGNALING_RATE_LIMITED',
};

/** The SDK's code for a server error that ends the join, or undefined for one the call survives. */
export function refusalCode(serverCode: string): SealcallErrorCode | undefined {
  return Object.hasOwn(REFUSALS, serverCode) ? REFUSALS[serverCode as SignalingErrorCode] : undefined;
}
