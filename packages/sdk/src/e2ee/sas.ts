/**
 * A short authentication string both participants read aloud: equal on both sides only when
 * nobody sits in the middle of the key agreement. 4 emoji (24 bits) or 6 digits (~20 bits).
 */
export interface ShortAuthString {
  readonly emoji: readonly string[];
  readonly digits: string;
}

// 64 pictures that are easy to name aloud and hard to confuse.
const EMOJI = [
  '🐶', '🐱', '🦁', '🐴', '🦄', '🐷', '🐘', '🐰', '🐼', '🐓', '🐧', '🐢', '🐟', '🐙', '🦋', '🌷',
  '🌳', '🌵', '🍄', '🌏', '🌙', '☁️', '🔥', '🍌', '🍎', '🍓', '🌽', '🍕', '🎂', '❤️', '😀', '🤖',
  '🎩', '👓', '🔧', '🎅', '👍', '☂️', '⌛', '⏰', '🎁', '💡', '📕', '✏️', '📎', '✂️', '🔒', '🔑',
  '🔨', '☎️', '🏁', '🚂', '🚲', '✈️', '🚀', '🏆', '⚽', '🎸', '🎺', '🔔', '⚓', '🎧', '📁', '📌',
] as const;

export function shortAuthString(bytes: Uint8Array): ShortAuthString {
  if (bytes.length < 4) throw new RangeError(`"bytes" expected at least 4 bytes, got length=${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bits24 = view.getUint32(0) >>> 8;
  const emoji = [18, 12, 6, 0].map((shift) => EMOJI[(bits24 >>> shift) & 63] as string);
  const digits = String(view.getUint32(0) % 1_000_000).padStart(6, '0');
  return { emoji, digits };
}
