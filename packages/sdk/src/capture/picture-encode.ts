import { SealcallError } from '../errors.js';
import { blobOf, canvasOf } from './picture-canvas.js';
import { checkPicture, describe, invalidArgument } from './picture-checks.js';
import { keepImageChunks } from './png-chunks.js';
import type { CapturedPicture, EncodePictureOptions, PictureType } from './picture-types.js';

const TYPES: ReadonlySet<unknown> = new Set<PictureType>(['image/jpeg', 'image/png']);
const DEFAULT_QUALITY = 0.92;

/**
 * Encodes the picture as a new JPEG or PNG file from its pixels alone. The file has no EXIF, no
 * location, no text chunks: a canvas encoder writes none, the pixels carry none to copy, and a
 * PNG keeps only its image and colour chunks.
 * Throws INVALID_ARGUMENT for an unknown type or a quality outside 0 to 1, and rejects with
 * CAPTURE_FAILED when the browser cannot encode it.
 */
export async function encodePicture(picture: CapturedPicture, options: EncodePictureOptions = {}): Promise<Blob> {
  const { width, height, bitmap } = checkPicture(picture);
  const { type, quality } = checkEncodeOptions(options);
  let blob: Blob;
  try {
    blob = await blobOf(canvasOf(bitmap, width, height), type, quality);
  } catch (cause) {
    throw failed(`The browser could not encode the ${width}x${height} picture as ${type}. Try again, or a smaller picture; the cause is attached.`, cause);
  }
  if (blob.type !== type) throw failed(`The browser encoded the picture as ${describe(blob.type)} instead of ${type}: it cannot write ${type}. Ask for the other type.`);
  if (type !== 'image/png') return blob;
  return new Blob([keepImageChunks(new Uint8Array(await blob.arrayBuffer()))], { type });
}

export function checkEncodeOptions(options: unknown): { type: PictureType; quality: number } {
  if (typeof options !== 'object' || options === null) throw invalidArgument(`"options" expected an object, got ${describe(options)}`);
  const { type = 'image/jpeg', quality = DEFAULT_QUALITY } = options as EncodePictureOptions;
  if (!TYPES.has(type)) throw invalidArgument(`"type" expected "image/jpeg" or "image/png", got ${describe(type)}`);
  if (typeof quality !== 'number' || !(quality >= 0 && quality <= 1)) throw invalidArgument(`"quality" expected a number from 0 to 1, got ${describe(quality)}`);
  return { type, quality };
}

function failed(message: string, cause?: unknown): SealcallError {
  return new SealcallError('CAPTURE_FAILED', message, cause === undefined ? undefined : { cause });
}
