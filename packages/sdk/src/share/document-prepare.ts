import { blobOf, canvasOf } from '../capture/picture-canvas.js';
import { keepImageChunks } from '../capture/png-chunks.js';
import { SealcallError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, megabytes } from './document.js';
import { documentFileName, isImageType, sniffDocumentType, type DocumentType } from './document-type.js';

/** A document ready to send: its bytes as they will travel, its type by content, and a safe name. */
export interface PreparedDocument {
  readonly name: string;
  readonly type: DocumentType;
  readonly bytes: Uint8Array;
}

const JPEG_QUALITY = 0.92;

/**
 * Reads a file the participant chose: refuses it with DOCUMENT_TOO_LARGE over 20 MB, or
 * DOCUMENT_TYPE_NOT_ALLOWED unless its content is a PDF, JPEG, PNG or WebP (whatever its name
 * says). A picture is drawn anew from its pixels, upright, so that no EXIF, location or other
 * metadata of the device leaves with it; a PDF goes as it is.
 */
export async function prepareDocument(file: Blob, name = file instanceof File ? file.name : ''): Promise<PreparedDocument> {
  if (!(file instanceof Blob)) throw new SealcallError('INVALID_ARGUMENT', '"file" expected a File or Blob, such as one from <input type="file">.');
  if (typeof name !== 'string') throw new SealcallError('INVALID_ARGUMENT', '"name" expected a string.');
  checkSize(file.size);
  const type = sniffDocumentType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!type) throw new SealcallError('DOCUMENT_TYPE_NOT_ALLOWED', 'Only PDF documents and JPEG, PNG or WebP pictures can be sent; this file is none of them, whatever its name says.');
  if (!isImageType(type)) return { name: documentFileName(name, type), type, bytes: new Uint8Array(await file.arrayBuffer()) };
  const redrawn = await withoutMetadata(file, type);
  checkSize(redrawn.size);
  return { name: documentFileName(name, redrawn.type as DocumentType), type: redrawn.type as DocumentType, bytes: new Uint8Array(await redrawn.arrayBuffer()) };
}

function checkSize(size: number): void {
  if (size > MAX_DOCUMENT_BYTES) throw new SealcallError('DOCUMENT_TOO_LARGE', `The file is ${megabytes(size)}; at most ${megabytes(MAX_DOCUMENT_BYTES)} can be sent. Send a smaller one.`);
}

/** The picture from its pixels alone, in its own type where the browser can write it, else PNG. */
async function withoutMetadata(file: Blob, type: DocumentType): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (cause) {
    throw new SealcallError('DOCUMENT_TYPE_NOT_ALLOWED', `The file starts as ${type} but cannot be read as a picture: it is damaged. Send another.`, { cause });
  }
  try {
    const canvas = canvasOf(bitmap, bitmap.width, bitmap.height, type !== 'image/jpeg');
    let blob = await blobOf(canvas, type, JPEG_QUALITY);
    if (blob.type !== type) blob = await blobOf(canvas, 'image/png', JPEG_QUALITY);
    if (blob.type !== 'image/png') return blob;
    return new Blob([keepImageChunks(new Uint8Array(await blob.arrayBuffer()))], { type: 'image/png' });
  } catch (cause) {
    throw new SealcallError('CAPTURE_FAILED', `The browser could not redraw the ${bitmap.width}x${bitmap.height} picture to remove its metadata; try a smaller picture. The cause is attached.`, { cause });
  } finally {
    bitmap.close();
  }
}
