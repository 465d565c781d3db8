/**
 * What the server stores for a new artifact: the request's description of the content, under the
 * call and the data subject its token is for, created at the server's time, and expiring no later
 * than the kind's retention allows. A client asks; the server decides.
 */

import { WITHHELD, type ArtifactKind, type RetentionPolicy } from '@sealcall/protocol';
import { SealcallServerError } from '../errors.js';
import type { StorageTokenClaims } from './storage-token.js';
import type { EventRetention } from './artifact-store.js';
import type { NewArtifact } from './types.js';
import { DAY_MS } from '../time.js';


/**
 * The tenant's retention policy for the artifact, if any, shortens its life further: `days` from
 * now, or, for a policy that counts from an event, `awaits` that event. The call is the token's
 * too, but that is `authorizeCall`'s to check (403 before anything here).
 */
export function stampNewArtifact(
  request: NewArtifact,
  claim: StorageTokenClaims,
  now: number,
  retentionMs: Readonly<Record<ArtifactKind, number>>,
  policy?: RetentionPolicy,
): { artifact: NewArtifact; awaits?: EventRetention } {
  const subjectId = claim.dsub ?? WITHHELD;
  if (request.subjectId !== subjectId) {
    throw new SealcallServerError(
      'FORBIDDEN',
      claim.dsub === undefined
        ? `this storage token names no data subject ("dsub"), so the subject is withheld here: send "subjectId": "${WITHHELD}", or ask your back end for a token with the call's subject`
        : `this storage token is for another data subject than "subjectId"; ask your back end for a token with this call's subject`,
    );
  }
  if (request.expiresAt < now) {
    throw new SealcallServerError('INVALID_ARGUMENT', `"expiresAt" (${request.expiresAt}) is past already by the server's clock (${now}); ask for a later one`);
  }
  const cap = Math.min(request.expiresAt, now + retentionMs[request.kind]);
  const stamped = { ...request, createdAt: now };
  if (policy?.after !== undefined) return { artifact: { ...stamped, expiresAt: cap }, awaits: { event: policy.after, days: policy.days } };
  return { artifact: { ...stamped, expiresAt: policy === undefined ? cap : Math.min(cap, now + policy.days * DAY_MS) } };
}

/** Whether an artifact expiring at `expiresAt` is past its retention at `now` (as `list-expired` counts it). */
export function isExpired(expiresAt: number, now: number): boolean {
  return expiresAt < now;
}
