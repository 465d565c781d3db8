import type { ConsentLedger } from '../consent/consent-ledger.js';
import { SealcallError } from '../errors.js';

/** What a capture needs consent for; each has its own legal ground and its own consent. */
export type CapturePurpose = 'recording' | 'pictures';

/**
 * Where a capture checks its consent. `require()` resolves with the reference (the consent
 * record's id) that the stored artifact keeps as `consentRef`, or rejects with
 * CONSENT_REQUIRED. `onWithdrawn()` calls back when that consent is withdrawn: a running
 * recording must stop at once.
 */
export interface CaptureConsentSource {
  require(purpose: CapturePurpose): Promise<string>;
  onWithdrawn(purpose: CapturePurpose, listener: () => void): () => void;
}

/** Consent kept in a ledger on this device: the customer's own captures, or a ledger the agent can read. */
export function ledgerConsent(ledger: ConsentLedger, subjectId: string, callId: string): CaptureConsentSource {
  return {
    async require(purpose) {
      const grant = await ledger.currentGrant(subjectId, purpose, callId);
      if (!grant) throw consentRequired(purpose);
      return grant.id;
    },
    onWithdrawn(purpose, listener) {
      return ledger.on('withdrawn', (record) => {
        if (record.subjectId === subjectId && record.purposes.includes(purpose)) listener();
      });
    },
  };
}

export function consentRequired(purpose: CapturePurpose): SealcallError {
  const what = purpose === 'recording' ? 'Recording' : 'Taking pictures';
  return new SealcallError('CONSENT_REQUIRED', `${what} needs the customer's "${purpose}" consent: ask for it first (the consent step before capture); nothing was captured.`);
}
