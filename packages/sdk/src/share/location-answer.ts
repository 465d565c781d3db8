import type { ConsentDecision } from '../consent/consent-ledger.js';
import { SealcallError } from '../errors.js';
import type { ConsentGate } from '../call/types.js';
import type { CallSharing } from './call-sharing.js';
import { currentPosition, refusalReasonOf } from './location.js';
import type { SharedPosition } from './share-wire.js';

/**
 * The customer's answer to the agent's location request: the decision goes into the ledger
 * first; only on a grant is the browser asked for the position (its own permission prompt may
 * follow), which goes to the agent with the grant's id. A refusal, or a position the browser
 * does not give, is told to the agent too. Resolves with what was shared, or undefined.
 */
export async function answerLocationRequest(sharing: CallSharing, gate: ConsentGate, decision: ConsentDecision): Promise<SharedPosition | undefined> {
  if (!sharing.locationRequested) throw new SealcallError('INVALID_STATE', 'There is no location request to answer: the agent has not asked, or it was answered.');
  const accepted = decision.accepted.includes('location');
  if (!accepted && !decision.declined.includes('location')) {
    throw new SealcallError('INVALID_ARGUMENT', `The answer decides nothing about "location" (accepted: ${decision.accepted.join(', ') || 'none'}): answer with the purpose that was asked.`);
  }
  const { subjectId, callId, ledger } = gate;
  const { grant } = await ledger.recordDecision(decision, { subjectId, callId, method: 'dialog' });
  if (!accepted || !grant) {
    await sharing.refuseLocation('declined');
    return undefined;
  }
  let position: SharedPosition;
  try {
    position = await currentPosition();
  } catch (cause) {
    const error = cause instanceof SealcallError ? cause : new SealcallError('LOCATION_UNAVAILABLE', 'Reading the location failed; the cause is attached.', { cause });
    await sharing.refuseLocation(refusalReasonOf(error));
    throw error;
  }
  await sharing.shareLocation(position, grant.id);
  return position;
}
