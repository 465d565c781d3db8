import { SealcallError } from '../errors.js';
import { bitmapOf, canvasOf } from './picture-canvas.js';
import { checkPicture } from './picture-checks.js';
import type { CapturedPicture, RedactionRegion } from './picture-types.js';
import { obscurePixels } from './redact-blur.js';
import { fitRegions } from './redact-region.js';

/**
 * Returns a new picture in which each region (in picture pixels, see RedactionRegion) is painted
 * black or blurred beyond recognition, in the pixels themselves: nothing of the original region
 * can be recovered from the result. The given picture is left as it was. Throws INVALID_ARGUMENT
 * for a malformed region or one outside the picture.
 */
export async function redactPicture(picture: CapturedPicture, regions: readonly RedactionRegion[]): Promise<CapturedPicture> {
  const { width, height, bitmap } = checkPicture(picture);
  const rects = fitRegions(regions, width, height);
  const target = canvasOf(bitmap, width, height);
  const { context } = target;
  try {
    for (const rect of rects) {
      if (rect.style === 'black') {
        context.fillStyle = '#000';
        context.fillRect(rect.x, rect.y, rect.width, rect.height);
      } else {
        const pixels = context.getImageData(rect.x, rect.y, rect.width, rect.height);
        obscurePixels(pixels.data, rect.width, rect.height);
        context.putImageData(pixels, rect.x, rect.y);
      }
    }
    return { width, height, bitmap: await bitmapOf(target) };
  } catch (cause) {
    // A SecurityError here means a cross-origin frame without CORS: its pixels are not ours to read.
    throw new SealcallError('CAPTURE_FAILED', 'The picture could not be redacted: the browser refused to read or copy its pixels. Take it again from a same-origin or CORS-enabled source; the cause is attached.', { cause });
  }
}
