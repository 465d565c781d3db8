import type { ConsentLedger } from '../consent/consent-ledger.js';
import { SealcallError } from '../errors.js';

/** What a capture needs consent for; each has its own legal ground and its own consent. `transcript`: keeping the call's chat. */
export const CAPTURE_PURPOSES = ['recording', 'pictures', 'transcript'] as const;
export type CapturePurpose = (typeof CAPTURE_PURPOSES)[number];

const CAPTURE_WORDS: Readonly<Record<CapturePurpose, string>> = { recording: 'Recording', pictures: 'Taking pictures', transcript: 'Keeping the chat transcript' };

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
  return new SealcallError('CONSENT_REQUIRED', `${CAPTURE_WORDS[purpose]} needs the customer's "${purpose}" consent: ask for it first (the consent step before capture); nothing was captured.`);
}
