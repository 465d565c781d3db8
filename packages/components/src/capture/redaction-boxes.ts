import type { RedactionRegion, RedactionStyle } from '@sealcall/sdk';

/** A redaction box being edited: picture pixels, whole numbers, inside the picture. */
export interface RedactionBox extends RedactionRegion {
  readonly style: RedactionStyle;
}

export interface PictureSize {
  readonly width: number;
  readonly height: number;
}

const MIN_SIDE = 8;

/** A new box in the middle of the picture, a quarter wide and a fifth high. */
export function centredBox(size: PictureSize, style: RedactionStyle): RedactionBox {
  const width = Math.max(MIN_SIDE, Math.round(size.width / 4));
  const height = Math.max(MIN_SIDE, Math.round(size.height / 5));
  return { x: Math.round((size.width - width) / 2), y: Math.round((size.height - height) / 2), width, height, style };
}

/** The box between two points (a pointer drag), whatever their order, kept inside the picture. */
export function boxBetween(a: { x: number; y: number }, b: { x: number; y: number }, size: PictureSize, style: RedactionStyle): RedactionBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return clamp({ x, y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y), style }, size);
}

/** Moves by (dx, dy) picture pixels, stopping at the edges. */
export function moved(box: RedactionBox, dx: number, dy: number, size: PictureSize): RedactionBox {
  return clamp({ ...box, x: box.x + dx, y: box.y + dy }, size);
}

/** Grows (or shrinks, with negative values) from the top-left corner. */
export function resized(box: RedactionBox, dw: number, dh: number, size: PictureSize): RedactionBox {
  return clamp({ ...box, width: box.width + dw, height: box.height + dh }, size);
}

/** The keyboard step: 2% of the picture's side, 10% with Shift held for moving. */
export function step(size: PictureSize, large: boolean): { x: number; y: number } {
  const share = large ? 0.1 : 0.02;
  return { x: Math.max(1, Math.round(size.width * share)), y: Math.max(1, Math.round(size.height * share)) };
}

function clamp(box: RedactionBox, size: PictureSize): RedactionBox {
  const width = Math.round(Math.min(Math.max(box.width, MIN_SIDE), size.width));
  const height = Math.round(Math.min(Math.max(box.height, MIN_SIDE), size.height));
  const x = Math.round(Math.min(Math.max(box.x, 0), size.width - width));
  const y = Math.round(Math.min(Math.max(box.y, 0), size.height - height));
  return { x, y, width, height, style: box.style };
}
