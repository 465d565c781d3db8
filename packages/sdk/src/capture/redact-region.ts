import { describe, invalidArgument } from './picture-checks.js';
import type { RedactionRegion, RedactionStyle } from './picture-types.js';

/** A region checked and fitted to the picture: whole pixels, inside it, never empty. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly style: RedactionStyle;
}

const STYLES: ReadonlySet<unknown> = new Set<RedactionStyle>(['black', 'blur']);

/**
 * Throws INVALID_ARGUMENT for anything but finite coordinates and a positive size, or a region
 * that lies wholly outside the picture. Edges are widened to whole pixels: a pixel the region
 * touches at all is redacted.
 */
export function fitRegions(regions: unknown, width: number, height: number): PixelRect[] {
  if (!Array.isArray(regions)) throw invalidArgument(`"regions" expected an array of RedactionRegion, got ${describe(regions)}`);
  return regions.map((region: unknown, index) => fitRegion(region, `regions[${index}]`, width, height));
}

function fitRegion(region: unknown, name: string, width: number, height: number): PixelRect {
  if (typeof region !== 'object' || region === null) throw invalidArgument(`"${name}" expected a RedactionRegion, got ${describe(region)}`);
  const { x, y, width: w, height: h, style = 'black' } = region as Partial<RedactionRegion>;
  const coordinate = (value: unknown, key: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidArgument(`"${name}.${key}" expected a finite number, got ${describe(value)}`);
    return value;
  };
  const size = (value: unknown, key: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw invalidArgument(`"${name}.${key}" expected a positive finite number of picture pixels, got ${describe(value)}`);
    }
    return value;
  };
  const left = coordinate(x, 'x');
  const top = coordinate(y, 'y');
  const right = left + size(w, 'width');
  const bottom = top + size(h, 'height');
  if (!STYLES.has(style)) throw invalidArgument(`"${name}.style" expected "black" or "blur", got ${describe(style)}`);
  const x0 = Math.max(0, Math.floor(left));
  const y0 = Math.max(0, Math.floor(top));
  const x1 = Math.min(width, Math.ceil(right));
  const y1 = Math.min(height, Math.ceil(bottom));
  if (x1 <= x0 || y1 <= y0) {
    throw invalidArgument(`"${name}" expected a rectangle that overlaps the ${width}x${height} picture, got x=${left} y=${top} width=${w} height=${h}`);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, style: style as RedactionStyle };
}
