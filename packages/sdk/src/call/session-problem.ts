import type { E2EEStatus } from '../e2ee/types.js';
import type { SealcallError } from '../errors.js';
import type { AbsenceReason } from '../signaling/types.js';
import { problemOf, type CallProblem } from './problems.js';
import { isFinal } from './states.js';
import type { CallState, EndReason } from './types.js';

const END_PROBLEMS: Partial<Record<EndReason, CallProblem>> = {
  'remote-hangup': 'peer-left',
  rejected: 'rejected',
  declined: 'declined',
  'code-mismatch': 'code-mismatch',
  'remote-code-mismatch': 'peer-code-mismatch',
  'connection-lost': 'connection-failed',
};

/** What a session knows that decides its problem. */
export interface SessionFacts {
  readonly state: CallState;
  readonly e2ee: E2EEStatus['state'] | undefined;
  readonly failure: SealcallError | undefined;
  readonly endReason: EndReason | undefined;
  /** Agent: why the customer said they are not coming. */
  readonly absence: AbsenceReason | undefined;
  /** Whether this side's signaling is connected. */
  readonly signalingOpen: boolean;
}

/** The problem a participant meets now (docs/errors.md), or undefined when there is none. */
export function sessionProblem(facts: SessionFacts): CallProblem | undefined {
  // A broken encryption stops the call whoever is there: it comes before the rest.
  if (!isFinal(facts.state) && facts.e2ee === 'failed') return 'e2ee-failed';
  switch (facts.state) {
    case 'failed':
      return facts.failure && problemOf(facts.failure);
    case 'ended':
      return facts.endReason && END_PROBLEMS[facts.endReason];
    case 'waiting':
      return facts.absence ? `peer-${facts.absence}` : 'peer-not-there';
    case 'reconnecting':
      return facts.signalingOpen ? 'peer-reconnecting' : 'network-lost';
    case 'connecting':
    case 'connected':
      return facts.e2ee === 're-securing' ? 'e2ee-re-securing' : undefined;
    default:
      return undefined;
  }
}
