import { SealcallError } from '../errors.js';
import type { E2EEStatus } from './types.js';
import type { AgreementStatus } from './worker-protocol.js';

export interface StatusInputs {
  /** What the worker last said of the agreement. */
  readonly agreement: AgreementStatus;
  /** A new worker replaces a dead one, and has not agreed keys yet. */
  readonly restarting: boolean;
  readonly sendKid: number | undefined;
  /** The participants confirmed this agreement's code. */
  readonly verified: boolean;
  readonly interferenceThreshold: number;
}

/** No agreement (yet): no participant, or a new worker. `agreement` keeps the count of completed ones. */
export function idleAgreement(agreement = 0): AgreementStatus {
  return { phase: 'idle', agreement, renewing: false, invalidShares: 0 };
}

/** The E2EE status a CallSession reports, from the worker's agreement and the page's own knowledge. */
export function e2eeStatus({ agreement, restarting, sendKid, verified, interferenceThreshold }: StatusInputs): E2EEStatus {
  const interference = agreement.invalidShares >= interferenceThreshold;
  const active = agreement.phase === 'active' && !restarting;
  return {
    state: active ? 'active' : restarting || agreement.renewing ? 're-securing' : 'negotiating',
    verified: active && verified,
    invalidShares: agreement.invalidShares,
    interference,
    ...(active && agreement.sas ? { sas: agreement.sas } : {}),
    ...(active && sendKid !== undefined ? { sendKid } : {}),
    ...(interference
      ? {
          error: new SealcallError(
            'E2EE_AUTH_FAILED',
            `${agreement.invalidShares} key-agreement message(s) could not be authenticated: someone on the signaling path may be interfering, or the other participant opened a different invitation link. No key was taken from them.`,
          ),
        }
      : {}),
  };
}

/** Equal as far as anyone listening could tell (the error is derived from the rest). */
export function sameStatus(a: E2EEStatus, b: E2EEStatus): boolean {
  return (
    a.state === b.state &&
    a.verified === b.verified &&
    a.sendKid === b.sendKid &&
    a.invalidShares === b.invalidShares &&
    a.interference === b.interference &&
    a.sas?.digits === b.sas?.digits
  );
}
