const SIZE = 24;
const known = new Map<string, boolean>();

/**
 * Whether the page's fonts draw every one of `glyphs` (in `fontFamily`, with the system's
 * fallbacks) as a colour picture. Drawn in black, a glyph comes out in colour only from a colour
 * emoji font; a missing one is an empty or hex box in black. The security code shows its digits
 * alone otherwise.
 */
export function drawsEmoji(glyphs: readonly string[], fontFamily: string): boolean {
  return glyphs.every((glyph) => {
    const key = `${fontFamily}\n${glyph}`;
    let drawn = known.get(key);
    if (drawn === undefined) {
      drawn = drawsInColour(glyph, fontFamily);
      known.set(key, drawn);
    }
    return drawn;
  });
}

function drawsInColour(glyph: string, fontFamily: string): boolean {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return false;
  context.font = `${SIZE - 4}px ${fontFamily}`;
  context.textBaseline = 'top';
  context.fillStyle = '#000';
  context.fillText(glyph, 0, 0);
  const pixels = context.getImageData(0, 0, SIZE, SIZE).data;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3]! > 0 && (pixels[i]! > 0 || pixels[i + 1]! > 0 || pixels[i + 2]! > 0)) return true;
  }
  return false;
}
