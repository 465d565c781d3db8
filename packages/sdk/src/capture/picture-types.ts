import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import type { CaptureConsentSource } from './consent-source.js';

/**
 * A still at the full resolution of its source, not yet encoded and carrying no metadata.
 * `width` and `height` are those of `bitmap`. Whoever receives a picture owns its bitmap and
 * may `close()` it once done (the functions here never close the bitmap they are given).
 */
export interface CapturedPicture {
  readonly width: number;
  readonly height: number;
  readonly bitmap: ImageBitmap;
}

/**
 * A rectangle to remove before a picture is stored: a number plate, a face, a document.
 * Coordinates are picture pixels (0 to `width` and `height` of the CapturedPicture, not CSS
 * pixels of a displayed <video>), origin top left. Fractions are widened to whole pixels and a
 * rectangle partly outside the picture is clamped to it.
 *
 * - `black` (default): the pixels are painted black.
 * - `blur`: only colours averaged over a coarse grid (at most 3 cells across the shorter side,
 *   about 12 along the longer) remain, smoothed between cells: text, faces and any detail are
 *   gone, the rough colouring stays so that the picture still reads naturally.
 */
export interface RedactionRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly style?: RedactionStyle;
}

export type RedactionStyle = 'black' | 'blur';

export type PictureType = 'image/jpeg' | 'image/png';

export interface EncodePictureOptions {
  /** Default `image/jpeg`. */
  readonly type?: PictureType;
  /** JPEG quality from 0 to 1; ignored for PNG. Default 0.92. */
  readonly quality?: number;
}

/** The metadata a stored picture gets from its caller; kind, MIME type and consent are set by storePicture. */
export interface PictureMeta {
  readonly callId: string;
  /** Pseudonymous (see `pseudonymousSubjectId`): never a name or customer number. */
  readonly subjectId: string;
  /** Milliseconds since the epoch after which retention deletes it. */
  readonly expiresAt: number;
  /** Default: a random UUID. */
  readonly id?: string;
}

export interface StorePictureOptions extends EncodePictureOptions {
  /** Encrypts the picture and stores it. */
  readonly vault: ArtifactVault;
  /** Asked for the `pictures` consent before any pixel is encoded or stored. */
  readonly consent: CaptureConsentSource;
  readonly picture: CapturedPicture;
  /** Removed from the pixels before encoding, in order. */
  readonly redactions?: readonly RedactionRegion[];
  readonly meta: PictureMeta;
}
