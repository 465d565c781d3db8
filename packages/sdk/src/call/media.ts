import { SealcallError } from '../errors.js';

export type FacingMode = 'user' | 'environment';

export const defaultMediaConstraints: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true },
  video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
};

/** getUserMedia with the platform's failures turned into SealcallErrors that say what to do. */
export async function acquireMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new SealcallError('MEDIA_UNAVAILABLE', 'This browser offers no camera or microphone access here: calls need a secure context (https or localhost).');
  }
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (cause) {
    // Firefox's OverconstrainedError is no DOMException: go by the name alone.
    const name = typeof cause === 'object' && cause !== null && typeof (cause as { name?: unknown }).name === 'string' ? (cause as { name: string }).name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new SealcallError('MEDIA_DENIED', 'Camera or microphone access was denied. Allow it in the browser\'s site settings and join again.', { cause });
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      throw new SealcallError('MEDIA_NOT_FOUND', `No camera or microphone was found (${name}). Connect one and join again.`, { cause });
    }
    throw new SealcallError('MEDIA_IN_USE', `The camera or microphone could not be started (${name || 'unknown error'}): another app or tab may be using it. Close it and join again.`, { cause });
  }
}

/** The video constraints with the camera facing the given way. */
export function facing(constraints: MediaStreamConstraints, mode: FacingMode): MediaTrackConstraints {
  const video = typeof constraints.video === 'object' ? constraints.video : {};
  return { ...video, facingMode: { ideal: mode } };
}

export function stopTracks(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
