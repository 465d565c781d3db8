import type { ConsentDecision } from '../consent/consent-ledger.js';
import { SealcallError } from '../errors.js';
import type { ConsentGate } from '../call/types.js';

/**
 * The customer's grant a document of theirs goes under, as the id of its record: `decision`,
 * recorded first, when the customer was just asked; else the `document` grant in force for the
 * call (given in the consent dialog before it, say). Undefined where consent is collected
 * outside the SDK (`gate` false) or for the agent, who sends under no consent of the customer's.
 * Rejects CONSENT_REQUIRED when the customer has no grant, INVALID_ARGUMENT for a decision that
 * does not accept `document`.
 */
export async function documentConsent(gate: ConsentGate | false | undefined, decision: ConsentDecision | undefined): Promise<string | undefined> {
  if (!gate) {
    if (decision) throw new SealcallError('INVALID_STATE', 'Only a customer session with a consent ledger (consent: { ledger, subjectId }) can record consent to a document.');
    return undefined;
  }
  const { subjectId, callId, ledger } = gate;
  if (decision) {
    if (!decision.accepted.includes('document')) {
      throw new SealcallError('INVALID_ARGUMENT', `The decision does not accept "document" (accepted: ${decision.accepted.join(', ') || 'none'}): send a document only once the customer agreed to it.`);
    }
    const { grant } = await ledger.recordDecision(decision, { subjectId, callId, method: 'dialog' });
    return grant!.id;
  }
  const grant = await ledger.currentGrant(subjectId, 'document', callId);
  if (!grant) throw new SealcallError('CONSENT_REQUIRED', 'The customer has not agreed to send documents in this call: ask first (the "document" purpose of your notice) and pass their decision as { consent }.');
  return grant.id;
}
