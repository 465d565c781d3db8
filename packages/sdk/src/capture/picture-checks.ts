import { SealcallError } from '../errors.js';
import type { CapturedPicture } from './picture-types.js';

/** Input checks shared by the picture functions, each throwing in noble's wording. */

export function invalidArgument(message: string): SealcallError {
  return new SealcallError('INVALID_ARGUMENT', message);
}

export function checkPicture(picture: unknown, name = 'picture'): CapturedPicture {
  if (typeof picture !== 'object' || picture === null) throw invalidArgument(`"${name}" expected a CapturedPicture, got ${describe(picture)}`);
  const { width, height, bitmap } = picture as Partial<CapturedPicture>;
  if (!(bitmap instanceof ImageBitmap)) throw invalidArgument(`"${name}.bitmap" expected ImageBitmap, got ${describe(bitmap)}`);
  if (bitmap.width === 0 && bitmap.height === 0) {
    throw new SealcallError('INVALID_STATE', `"${name}.bitmap" was closed: its pixels are gone. Take the picture again, and close a bitmap only once done with it.`);
  }
  if (width !== bitmap.width || height !== bitmap.height) {
    throw invalidArgument(`"${name}" expected width and height of its bitmap (${bitmap.width}x${bitmap.height}), got ${describe(width)}x${describe(height)}`);
  }
  return picture as CapturedPicture;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `string of length=${value.length}` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}
