import type { VaultWriter } from '../at-rest/types.js';
import { SealcallError } from '../errors.js';
import type { ArtifactMetadata } from '../storage/types.js';
import { consentRequired } from './consent-source.js';
import { checkPicture, describe, invalidArgument } from './picture-checks.js';
import { checkEncodeOptions, encodePicture } from './picture-encode.js';
import type { CapturedPicture, EncodePictureOptions, PictureMeta, RedactionRegion, StorePictureOptions } from './picture-types.js';
import { redactPicture } from './redact.js';
import { fitRegions } from './redact-region.js';

/**
 * Stores a picture as an encrypted artifact (kind `picture`), in this order: the customer's
 * `pictures` consent is required (CONSENT_REQUIRED, and nothing is encoded or stored, without
 * it), the redactions are applied to the pixels, the result is encoded and streamed through the
 * vault, which encrypts it before the storage sees a byte. A failure part-way aborts the
 * artifact, so nothing of it stays stored, and rejects with the SealcallError that caused it;
 * a withdrawal of the consent before the artifact is complete does the same with
 * CONSENT_REQUIRED. Arguments are checked first (INVALID_ARGUMENT), the metadata by the vault.
 */
export async function storePicture(options: StorePictureOptions): Promise<ArtifactMetadata> {
  if (typeof options !== 'object' || options === null) throw invalidArgument(`"options" expected StorePictureOptions, got ${describe(options)}`);
  const { vault, consent, picture, redactions = [], meta } = options;
  if (typeof vault?.write !== 'function') throw invalidArgument(`"vault" expected an ArtifactVault, got ${describe(vault)}`);
  if (typeof consent?.require !== 'function' || typeof consent.onWithdrawn !== 'function') {
    throw invalidArgument(`"consent" expected a CaptureConsentSource, got ${describe(consent)}`);
  }
  if (typeof meta !== 'object' || meta === null) throw invalidArgument(`"meta" expected an object with callId, subjectId and expiresAt, got ${describe(meta)}`);
  const { width, height } = checkPicture(picture);
  fitRegions(redactions, width, height);
  const encoding = checkEncodeOptions(options);

  const consentRef = await requirePictureConsent(options);
  let withdrawn = false;
  const stopWatching = consent.onWithdrawn('pictures', () => {
    withdrawn = true;
  });
  const stillConsented = () => {
    if (withdrawn) throw consentRequired('pictures');
  };
  try {
    const blob = await encodeRedacted(picture, redactions, encoding);
    stillConsented();
    const writer = await vault.write({ meta: { ...draftOf(meta), kind: 'picture', mimeType: encoding.type, consentRef } });
    try {
      await copy(blob, writer, stillConsented);
      stillConsented();
      return await writer.close();
    } catch (error) {
      await writer.abort().catch(() => undefined);
      throw error;
    }
  } finally {
    stopWatching();
  }
}

async function requirePictureConsent({ consent }: StorePictureOptions): Promise<string> {
  try {
    return await consent.require('pictures');
  } catch (cause) {
    if (cause instanceof SealcallError) throw cause;
    throw new SealcallError('CONSENT_REQUIRED', 'The "pictures" consent could not be confirmed (the consent source failed), so no picture was taken. Try again; the cause is attached.', { cause });
  }
}

async function encodeRedacted(picture: CapturedPicture, redactions: readonly RedactionRegion[], encoding: EncodePictureOptions): Promise<Blob> {
  if (redactions.length === 0) return encodePicture(picture, encoding);
  const redacted = await redactPicture(picture, redactions);
  try {
    return await encodePicture(redacted, encoding);
  } finally {
    redacted.bitmap.close();
  }
}

/** Only the fields the caller decides: kind, MIME type and consent are not theirs to set. */
export function draftOf(meta: PictureMeta): PictureMeta {
  const { callId, subjectId, expiresAt, id } = meta;
  return id === undefined ? { callId, subjectId, expiresAt } : { callId, subjectId, expiresAt, id };
}

async function copy(blob: Blob, writer: VaultWriter, check: () => void): Promise<void> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (cause) {
        throw new SealcallError('CAPTURE_FAILED', 'Reading the encoded picture failed before it was stored; nothing was kept. Try again; the cause is attached.', { cause });
      }
      if (next.done) return;
      check();
      await writer.write(next.value);
    }
  } finally {
    reader.releaseLock();
  }
}
