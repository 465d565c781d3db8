import { SealcallError } from '../errors.js';

/** A 2D canvas off the document: OffscreenCanvas where the browser has it, else a detached <canvas>. */
export type PictureCanvas =
  | { readonly kind: 'offscreen'; readonly canvas: OffscreenCanvas; readonly context: OffscreenCanvasRenderingContext2D }
  | { readonly kind: 'element'; readonly canvas: HTMLCanvasElement; readonly context: CanvasRenderingContext2D };

/** Opaque unless asked: captured frames have no transparency, and JPEG could not keep it. */
export function createPictureCanvas(width: number, height: number, alpha = false): PictureCanvas {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { alpha });
    if (context) return { kind: 'offscreen', canvas, context };
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { alpha });
    if (context) return { kind: 'element', canvas, context };
  }
  throw new SealcallError('CAPTURE_FAILED', `No 2D canvas of ${width}x${height} pixels could be created (out of memory, or larger than this browser allows); try a smaller picture.`);
}

/** A new canvas of the given size with `source` drawn unscaled at its top left. */
export function canvasOf(source: CanvasImageSource, width: number, height: number, alpha = false): PictureCanvas {
  const target = createPictureCanvas(width, height, alpha);
  target.context.drawImage(source, 0, 0);
  return target;
}

/** The canvas's pixels as a new bitmap; an OffscreenCanvas is emptied by it. */
export async function bitmapOf(target: PictureCanvas): Promise<ImageBitmap> {
  return target.kind === 'offscreen' ? target.canvas.transferToImageBitmap() : createImageBitmap(target.canvas);
}

/** Encodes the pixels into a new file, which carries no metadata but what the format itself requires. */
export function blobOf(target: PictureCanvas, type: string, quality: number): Promise<Blob> {
  if (target.kind === 'offscreen') return target.canvas.convertToBlob({ type, quality });
  const { canvas } = target;
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob() produced no blob'))), type, quality);
  });
}
