import { SealcallError } from '../errors.js';
import { describe, invalidArgument } from './picture-checks.js';
import type { CapturedPicture } from './picture-types.js';

/** How long a track may take to deliver its next frame before capture gives up. */
const FRAME_TIMEOUT_MS = 5_000;

/** ImageCapture as browsers ship it: TypeScript's DOM types leave `grabFrame()` out. */
interface FrameGrabber {
  grabFrame(): Promise<ImageBitmap>;
}

/** See `capturePicture` in `capture-picture.ts`, which loads this module when first used. */
export async function capturePicture(source: HTMLVideoElement | MediaStreamTrack): Promise<CapturedPicture> {
  if (source instanceof MediaStreamTrack) return pictureOf(await frameOfTrack(source));
  if (source instanceof HTMLVideoElement) return pictureOf(await frameOfVideo(source));
  throw invalidArgument(`"source" expected HTMLVideoElement or MediaStreamTrack, got ${describe(source)}`);
}

async function frameOfTrack(track: MediaStreamTrack): Promise<ImageBitmap> {
  if (track.kind !== 'video') throw invalidArgument(`"source" expected a video track, got ${describe(track.kind)}`);
  if (hasEnded(track)) throw unavailable('The video track has ended: it has no frame to take. Take the picture while the call is on.');
  if (track.muted) await unmuted(track);
  if (!track.enabled) throw unavailable('The video track is disabled, so its frames are black. Enable it (track.enabled = true) before taking a picture.');
  if (typeof ImageCapture !== 'function') return frameThroughVideo(track);
  const grabber = new ImageCapture(track) as unknown as FrameGrabber;
  try {
    return await withinDeadline(grabber.grabFrame(), (bitmap) => bitmap.close());
  } catch (cause) {
    if (cause instanceof SealcallError) throw cause;
    if (hasEnded(track) || (cause instanceof DOMException && cause.name === 'InvalidStateError')) {
      throw unavailable('The video track stopped delivering frames while the picture was taken. Try again while the video is running.', cause);
    }
    throw new SealcallError('CAPTURE_FAILED', 'The browser failed to grab a frame from the video track (ImageCapture.grabFrame). Try again; the cause is attached.', { cause });
  }
}

/** For browsers without ImageCapture: plays the track in a <video> that is never attached. */
async function frameThroughVideo(track: MediaStreamTrack): Promise<ImageBitmap> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    const loaded = new Promise<void>((resolve, reject) => {
      video.addEventListener('loadeddata', () => resolve(), { once: true });
      video.play().catch(reject);
    });
    await withinDeadline(loaded, () => undefined).catch((cause: unknown) => {
      throw cause instanceof SealcallError ? cause : unavailable('The video track could not be played to take a frame from it.', cause);
    });
    return await frameOfVideo(video);
  } finally {
    video.srcObject = null;
  }
}

async function frameOfVideo(video: HTMLVideoElement): Promise<ImageBitmap> {
  const { videoWidth: width, videoHeight: height } = video;
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || width === 0 || height === 0) {
    throw unavailable(`The <video> has no frame to take yet (readyState ${video.readyState}, ${width}x${height}): give it a source and wait for its "loadeddata" event.`);
  }
  const stream = video.srcObject;
  if (stream instanceof MediaStream && !stream.getVideoTracks().some((t) => t.readyState === 'live')) {
    throw unavailable('The <video> shows a stream whose video track has ended: its last frame is stale. Take the picture while the call is on.');
  }
  try {
    return await createImageBitmap(video, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  } catch (cause) {
    throw new SealcallError('CAPTURE_FAILED', 'The browser failed to copy the frame the <video> shows (createImageBitmap). Try again; the cause is attached.', { cause });
  }
}

/** A remote track is muted until its first frames arrive, and while the connection stalls: wait for them. */
function unmuted(track: MediaStreamTrack): Promise<void> {
  const arrived = new Promise<void>((resolve) => track.addEventListener('unmute', () => resolve(), { once: true }));
  return withinDeadline(arrived, () => undefined).catch((cause: unknown) => {
    throw unavailable(`The video track stayed muted for ${FRAME_TIMEOUT_MS} ms: no frames arrive (the camera is paused or the connection stalls). Try again once the video runs.`, cause);
  });
}

/** A function, so that TypeScript does not take the state read before an await for the state after it. */
function hasEnded(track: MediaStreamTrack): boolean {
  return track.readyState === 'ended';
}

function pictureOf(bitmap: ImageBitmap): CapturedPicture {
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close();
    throw unavailable('The video has no dimensions yet (0 pixels wide or high). Wait until it plays, then try again.');
  }
  return { width: bitmap.width, height: bitmap.height, bitmap };
}

/** Rejects with CAPTURE_UNAVAILABLE after FRAME_TIMEOUT_MS; a late result is handed to `discard`. */
function withinDeadline<T>(pending: Promise<T>, discard: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(unavailable(`No video frame arrived within ${FRAME_TIMEOUT_MS} ms. Check that the video is running, then try again.`));
    }, FRAME_TIMEOUT_MS);
    pending.then(
      (value) => {
        clearTimeout(timer);
        if (late) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function unavailable(message: string, cause?: unknown): SealcallError {
  return new SealcallError('CAPTURE_UNAVAILABLE', message, cause === undefined ? undefined : { cause });
}
