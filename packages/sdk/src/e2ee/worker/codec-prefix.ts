/**
 * How many leading bytes of an encoded frame stay in the clear (authenticated as SFrame
 * metadata, not encrypted). RTP packetizers and depacketizers read them: Chromium's VP8
 * depacketizer takes the key-frame flag and the picture size from the first bytes of the
 * frame, so with those bytes encrypted it sees random key frames of random sizes, and after a
 * few lost frames its decoder stalls for good (measured in Chromium 156). Other payloads are
 * encrypted whole.
 */
export type FrameCodec = 'vp8' | 'opaque';

export function codecOf(kind: 'audio' | 'video', mimeType: string | undefined): FrameCodec {
  if (kind === 'audio') return 'opaque';
  // Chromium and Firefox negotiate VP8 first; a video frame without a MIME type is taken as VP8.
  return mimeType === undefined || mimeType.toLowerCase() === 'video/vp8' ? 'vp8' : 'opaque';
}

/**
 * RFC 6386 §9.1: a VP8 frame starts with a 3-byte frame tag whose lowest bit is 0 on key
 * frames, which add 7 bytes (start code, width, height).
 */
export function clearPrefixLength(codec: FrameCodec, frame: Uint8Array): number {
  if (codec !== 'vp8' || frame.length === 0) return 0;
  const isKeyFrame = ((frame[0] as number) & 0x01) === 0;
  return Math.min(isKeyFrame ? 10 : 3, frame.length);
}
