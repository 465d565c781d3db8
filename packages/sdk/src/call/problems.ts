import type { AbsenceReason } from '@sealcall/protocol';
import type { SealcallError, SealcallErrorCode } from '../errors.js';
import type { Role } from '../signaling/types.js';

/**
 * Every condition off the happy path that a participant can meet, by what they can do about
 * it (docs/errors.md has the words). The `peer-` ones happened to the other participant.
 */
export type CallProblem =
  | 'declined'
  | 'link-used'
  | 'link-expired'
  | 'link-damaged'
  | 'room-ended'
  | 'rejected'
  | 'media-denied'
  | 'no-camera'
  | 'device-in-use'
  | 'unsupported'
  | 'network-lost'
  | 'unreachable'
  | 'connection-failed'
  | 'e2ee-failed'
  | 'e2ee-re-securing'
  | 'code-mismatch'
  | 'peer-code-mismatch'
  | 'storage-full'
  | 'unexpected'
  | 'peer-not-there'
  | 'peer-left'
  | 'peer-reconnecting'
  | `peer-${AbsenceReason}`;

/**
 * What a participant can do next: `retry` the same step (a new session with the same token),
 * `review-notice` (a customer who declined), `new-link` (a customer asks for a new invitation),
 * `new-call` (the agent starts one, with a new link), `rejoin` (a new session with the
 * participant's newest resume token).
 */
export type ProblemAction = 'retry' | 'review-notice' | 'new-link' | 'new-call' | 'rejoin';

const ERROR_PROBLEMS: Partial<Record<SealcallErrorCode, CallProblem>> = {
  CONSENT_REQUIRED: 'declined',
  INVALID_INVITE: 'link-damaged',
  SIGNALING_TOKEN_INVALID: 'link-damaged',
  SIGNALING_TOKEN_WRONG_ROOM: 'link-damaged',
  SIGNALING_TOKEN_REUSED: 'link-used',
  SIGNALING_ROOM_FULL: 'link-used',
  SIGNALING_REPLACED: 'link-used',
  SIGNALING_TOKEN_EXPIRED: 'link-expired',
  SIGNALING_TOKEN_REVOKED: 'room-ended',
  SIGNALING_REJECTED: 'rejected',
  MEDIA_DENIED: 'media-denied',
  MEDIA_NOT_FOUND: 'no-camera',
  MEDIA_IN_USE: 'device-in-use',
  MEDIA_UNAVAILABLE: 'unsupported',
  E2EE_UNSUPPORTED: 'unsupported',
  E2EE_WORKER_FAILED: 'e2ee-failed',
  E2EE_AUTH_FAILED: 'e2ee-failed',
  SIGNALING_UNREACHABLE: 'unreachable',
  SIGNALING_CLOSED: 'unreachable',
  PEER_CONNECTION_FAILED: 'connection-failed',
  STORAGE_QUOTA_EXCEEDED: 'storage-full',
};

/** The problem an error puts a participant in; `unexpected` for one no participant can act on. */
export function problemOf(error: SealcallError): CallProblem {
  return ERROR_PROBLEMS[error.code] ?? 'unexpected';
}

type Actions = { readonly [R in Role]?: readonly ProblemAction[] };

const ACTIONS: Partial<Record<CallProblem, Actions>> = {
  declined: { customer: ['review-notice'] },
  'link-used': { customer: ['new-link'] },
  'link-expired': { customer: ['new-link'], agent: ['new-call'] },
  'link-damaged': { customer: ['new-link'], agent: ['new-call'] },
  'room-ended': { customer: ['new-link'], agent: ['new-call'] },
  'media-denied': { customer: ['retry'], agent: ['retry'] },
  'no-camera': { customer: ['retry'], agent: ['retry'] },
  'device-in-use': { customer: ['retry'], agent: ['retry'] },
  unreachable: { customer: ['rejoin'], agent: ['rejoin'] },
  'connection-failed': { customer: ['rejoin'], agent: ['rejoin'] },
  'e2ee-failed': { customer: ['rejoin'], agent: ['rejoin'] },
  'code-mismatch': { customer: ['new-link'], agent: ['new-call'] },
  'peer-code-mismatch': { customer: ['new-link'], agent: ['new-call'] },
  'storage-full': { customer: ['retry'], agent: ['retry'] },
  unexpected: { customer: ['retry'], agent: ['retry'] },
  'peer-link-used': { agent: ['new-call'] },
  'peer-link-expired': { agent: ['new-call'] },
};

/** What the participant of `role` can do about `problem`, in the order to offer it. */
export function problemActions(problem: CallProblem, role: Role): readonly ProblemAction[] {
  return ACTIONS[problem]?.[role] ?? [];
}
