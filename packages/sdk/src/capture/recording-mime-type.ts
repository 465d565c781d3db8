/**
 * What a recording is encoded as, in order of preference: VP8 and Opus in WebM (Chromium,
 * Firefox), then what Safari records. The first one supported wins.
 */
export const RECORDING_MIME_TYPES = [
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a.40.2',
  'video/mp4',
] as const;

/**
 * The type a CallRecorder would record as: `preferred` if this browser's MediaRecorder supports
 * it, else (without `preferred`) the first supported of RECORDING_MIME_TYPES. Undefined when
 * there is none, or no MediaRecorder at all: recording is not possible in this browser.
 */
export function pickRecordingMimeType(preferred?: string): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  const candidates: readonly string[] = preferred === undefined ? RECORDING_MIME_TYPES : [preferred];
  return candidates.find((type) => MediaRecorder.isTypeSupported(type));
}
