/** At most this many grid cells across a blurred region's shorter side... */
const CELLS_ACROSS_SHORT_SIDE = 3;
/** ...and about this many along its longer side. */
const CELLS_ALONG_LONG_SIDE = 12;

/**
 * Replaces the RGBA pixels of a `width` x `height` region with the averages of a coarse grid
 * interpolated between cell centres: the region keeps its rough colouring, and nothing finer
 * than a cell (a third of its shorter side, a twelfth of its longer) survives. Averaging, not
 * sampling, so that no single original pixel is copied through. The result is opaque.
 */
export function obscurePixels(pixels: Uint8ClampedArray, width: number, height: number): void {
  const cell = Math.max(1, Math.ceil(Math.min(width, height) / CELLS_ACROSS_SHORT_SIDE), Math.ceil(Math.max(width, height) / CELLS_ALONG_LONG_SIDE));
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const means = new Float64Array(columns * rows * 3);
  const counts = new Float64Array(columns * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * columns;
    for (let x = 0; x < width; x++) {
      const g = row + Math.floor(x / cell);
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) means[g * 3 + c] = (means[g * 3 + c] as number) + (pixels[p + c] as number);
      counts[g] = (counts[g] as number) + 1;
    }
  }
  for (let g = 0; g < counts.length; g++) {
    for (let c = 0; c < 3; c++) means[g * 3 + c] = (means[g * 3 + c] as number) / (counts[g] as number);
  }
  for (let y = 0; y < height; y++) {
    const [r0, r1, fy] = between((y + 0.5) / cell - 0.5, rows);
    for (let x = 0; x < width; x++) {
      const [c0, c1, fx] = between((x + 0.5) / cell - 0.5, columns);
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = (means[(r0 * columns + c0) * 3 + c] as number) * (1 - fx) + (means[(r0 * columns + c1) * 3 + c] as number) * fx;
        const bottom = (means[(r1 * columns + c0) * 3 + c] as number) * (1 - fx) + (means[(r1 * columns + c1) * 3 + c] as number) * fx;
        pixels[p + c] = top * (1 - fy) + bottom * fy;
      }
      pixels[p + 3] = 255;
    }
  }
}

/** The two neighbouring cell indices of a position in cell units, and how far it is towards the second. */
function between(position: number, count: number): [number, number, number] {
  const clamped = Math.min(Math.max(position, 0), count - 1);
  const first = Math.floor(clamped);
  return [first, Math.min(first + 1, count - 1), clamped - first];
}
