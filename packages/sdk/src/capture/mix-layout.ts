import type { RecordingLayout, RecordingSide } from './recorder-types.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Where one side's picture is drawn, in canvas pixels. */
export interface Placement extends Size {
  readonly side: RecordingSide;
  readonly x: number;
  readonly y: number;
}

/** Default picture size per layout: two 16:9 halves side by side, or one 16:9 picture. */
export const DEFAULT_RECORDING_SIZE: Readonly<Record<RecordingLayout, Size>> = {
  'side-by-side': { width: 1280, height: 360 },
  'picture-in-picture': { width: 1280, height: 720 },
};

/** The inset of picture-in-picture is this share of the canvas width, and at most this share of its height. */
const INSET_WIDTH = 1 / 4;
const INSET_MAX_HEIGHT = 1 / 3;

/**
 * Where each side goes, in drawing order; a side whose frame size is unknown (no video yet, or
 * its camera ended) is left out and stays black.
 */
export function placeSides(layout: RecordingLayout, canvas: Size, frames: Readonly<Record<RecordingSide, Size | undefined>>): Placement[] {
  const placements: Placement[] = [];
  const { remote, local } = frames;
  if (layout === 'side-by-side') {
    const half = Math.floor(canvas.width / 2);
    if (remote) placements.push({ side: 'remote', ...fit(remote, { x: 0, y: 0, width: half, height: canvas.height }) });
    if (local) placements.push({ side: 'local', ...fit(local, { x: half, y: 0, width: canvas.width - half, height: canvas.height }) });
    return placements;
  }
  if (remote) placements.push({ side: 'remote', ...fit(remote, { x: 0, y: 0, ...canvas }) });
  if (local) placements.push({ side: 'local', ...inset(local, canvas) });
  return placements;
}

/** The largest size of the frame's aspect ratio that fits in `box`. */
function scaleInto(frame: Size, box: Size): Size {
  const scale = Math.min(box.width / frame.width, box.height / frame.height);
  return { width: Math.round(frame.width * scale), height: Math.round(frame.height * scale) };
}

/** Centred in `box`. */
function fit(frame: Size, box: Size & { x: number; y: number }): Omit<Placement, 'side'> {
  const { width, height } = scaleInto(frame, box);
  return { x: box.x + Math.floor((box.width - width) / 2), y: box.y + Math.floor((box.height - height) / 2), width, height };
}

/** In the bottom-right corner, a margin away from the edges. */
function inset(frame: Size, canvas: Size): Omit<Placement, 'side'> {
  const margin = Math.round(Math.min(canvas.width, canvas.height) / 32);
  const { width, height } = scaleInto(frame, { width: canvas.width * INSET_WIDTH, height: canvas.height * INSET_MAX_HEIGHT });
  return { x: canvas.width - margin - width, y: canvas.height - margin - height, width, height };
}
