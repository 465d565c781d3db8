import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import { draftOf } from '../capture/picture-store.js';
import type { PictureMeta } from '../capture/picture-types.js';
import { SealcallError } from '../errors.js';
import { utf8 } from '../internal/bytes.js';
import type { ArtifactMetadata } from '../storage/types.js';
import { locationGeoJson, type SharedLocation } from './location.js';
import { storeWhole } from './store-whole.js';

/** Where a location is kept: the same fields as a picture's. */
export type LocationMeta = PictureMeta;

export interface StoreLocationOptions {
  /** Encrypts the location and stores it. */
  readonly vault: ArtifactVault;
  /** What `requestLocation()` resolved with: its `consentRef` is the customer's grant. */
  readonly location: SharedLocation;
  readonly meta: LocationMeta;
}

/**
 * Stores a shared location as an encrypted artifact (kind `location`, `application/geo+json`,
 * see `locationGeoJson`), linked to the customer's grant by `consentRef`, under the same
 * retention, export and erasure as every artifact. A failure part-way leaves nothing stored.
 */
export async function storeLocation({ vault, location, meta }: StoreLocationOptions): Promise<ArtifactMetadata> {
  if (typeof vault?.write !== 'function') throw new SealcallError('INVALID_ARGUMENT', '"vault" expected an ArtifactVault.');
  if (typeof location?.consentRef !== 'string' || location.consentRef === '') {
    throw new SealcallError('CONSENT_REQUIRED', 'A location is kept only under the customer\'s grant: pass what requestLocation() resolved with, which names it in "consentRef".');
  }
  if (typeof meta !== 'object' || meta === null) throw new SealcallError('INVALID_ARGUMENT', '"meta" expected an object with callId, subjectId and expiresAt.');
  return storeWhole(vault, { ...draftOf(meta), kind: 'location', mimeType: 'application/geo+json', consentRef: location.consentRef }, utf8(locationGeoJson(location)));
}
