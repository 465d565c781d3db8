import type { CapturedPicture } from './picture-types.js';

/**
 * Takes a still at the source's full resolution: from a track with `ImageCapture.grabFrame()`
 * (or, where the browser lacks it, through a detached <video>), from a <video> the frame it
 * shows, at `videoWidth` x `videoHeight` whatever its size on screen. The picture has no
 * metadata of any kind. Rejects with CAPTURE_UNAVAILABLE when there is no current frame (no
 * source, not loaded, a track that ended, is disabled, or stays muted past the deadline) and CAPTURE_FAILED when the
 * browser fails to provide it. The capture code is fetched the first time it is used.
 */
export async function capturePicture(source: HTMLVideoElement | MediaStreamTrack): Promise<CapturedPicture> {
  const picture = await import('./picture.js');
  return picture.capturePicture(source);
}
