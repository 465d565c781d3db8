import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import type { CaptureConsentSource } from '../capture/consent-source.js';
import { draftOf } from '../capture/picture-store.js';
import type { PictureMeta } from '../capture/picture-types.js';
import { SealcallError } from '../errors.js';
import { utf8 } from '../internal/bytes.js';
import type { ArtifactMetadata } from '../storage/types.js';
import type { ChatMessage } from './chat.js';
import { storeWhole } from './store-whole.js';

export interface StoreTranscriptOptions {
  /** Encrypts the transcript and stores it. */
  readonly vault: ArtifactVault;
  /** Asked for the customer's `transcript` consent first (`session.captureConsent`). */
  readonly consent: CaptureConsentSource;
  /** The chat to keep (`session.chatMessages`). */
  readonly messages: readonly ChatMessage[];
  /** Where it is kept: the same fields as a picture's. */
  readonly meta: PictureMeta;
}

/**
 * A chat as plain text, one message per line: its time (UTC, by the clock of the side that
 * keeps it), who wrote it, and its text; a line break inside a message continues indented.
 */
export function transcriptText(messages: readonly ChatMessage[]): string {
  return messages.map(({ at, from, text }) => `${new Date(at).toISOString()} ${from}: ${text.replace(/\r\n?|\n/g, '\n    ')}\n`).join('');
}

/**
 * Keeps the call's chat as an encrypted artifact (kind `transcript`, `text/plain`), only with the
 * customer's `transcript` consent (CONSENT_REQUIRED without it, and nothing is stored), linked to
 * it by `consentRef`. A failure part-way leaves nothing stored.
 */
export async function storeTranscript({ vault, consent, messages, meta }: StoreTranscriptOptions): Promise<ArtifactMetadata> {
  if (typeof vault?.write !== 'function') throw new SealcallError('INVALID_ARGUMENT', '"vault" expected an ArtifactVault.');
  if (typeof consent?.require !== 'function') throw new SealcallError('INVALID_ARGUMENT', '"consent" expected a CaptureConsentSource, such as session.captureConsent.');
  if (!Array.isArray(messages) || messages.length === 0) throw new SealcallError('INVALID_ARGUMENT', '"messages" expected the chat to keep, at least one message (session.chatMessages).');
  if (typeof meta !== 'object' || meta === null) throw new SealcallError('INVALID_ARGUMENT', '"meta" expected an object with callId, subjectId and expiresAt.');
  const consentRef = await consent.require('transcript');
  return storeWhole(vault, { ...draftOf(meta), kind: 'transcript', mimeType: 'text/plain; charset=utf-8', consentRef }, utf8(transcriptText(messages)));
}
