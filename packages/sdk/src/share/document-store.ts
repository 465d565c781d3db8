import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import { draftOf } from '../capture/picture-store.js';
import type { PictureMeta } from '../capture/picture-types.js';
import { SealcallError } from '../errors.js';
import type { ArtifactMetadata } from '../storage/types.js';
import type { SharedDocument } from './document.js';
import { storeWhole } from './store-whole.js';

export interface StoreDocumentOptions {
  /** Encrypts the document and stores it. */
  readonly vault: ArtifactVault;
  /** What the `document` event carried, or `sendDocument()` resolved with. */
  readonly document: SharedDocument;
  /** Where it is kept: the same fields as a picture's. */
  readonly meta: PictureMeta;
}

/**
 * Keeps a document that crossed the call as an encrypted artifact (kind `document`, its type
 * by content), under the same retention, export and erasure as every artifact. Its file name
 * is not kept: stored metadata is readable by the server, and a name can say much. A customer's
 * document keeps the grant it was sent under as `consentRef`. A failure part-way leaves nothing
 * stored.
 */
export async function storeDocument({ vault, document, meta }: StoreDocumentOptions): Promise<ArtifactMetadata> {
  if (typeof vault?.write !== 'function') throw new SealcallError('INVALID_ARGUMENT', '"vault" expected an ArtifactVault.');
  if (!(document?.bytes instanceof Uint8Array)) throw new SealcallError('INVALID_ARGUMENT', '"document" expected what the `document` event carried.');
  if (typeof meta !== 'object' || meta === null) throw new SealcallError('INVALID_ARGUMENT', '"meta" expected an object with callId, subjectId and expiresAt.');
  return storeWhole(vault, { ...draftOf(meta), kind: 'document', mimeType: document.type, consentRef: document.consentRef ?? null }, document.bytes);
}
