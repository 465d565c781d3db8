import { SealcallError } from '../errors.js';
import type { Size } from './mix-layout.js';
import type { RecordingSide } from './recorder-types.js';

/**
 * One side of the call as the mix reads it: its stream plays, muted, in a <video> that is never
 * attached to the document (Chromium and Firefox decode and present frames of detached videos).
 * Playing the whole stream there also keeps a remote WebRTC audio track flowing into Web Audio,
 * which Chromium does only while a media element consumes it.
 *
 * A camera switch replaces a track inside the same stream and no event says so: `sync()`, called
 * for every frame drawn, notices it and reloads the video.
 */
export class MixSource {
  readonly side: RecordingSide;
  readonly video: HTMLVideoElement;
  readonly #onError: (error: SealcallError) => void;
  #stream: MediaStream;
  #videoTrack: MediaStreamTrack | undefined;
  #audioTrack: MediaStreamTrack | undefined;

  constructor(side: RecordingSide, stream: MediaStream, onError: (error: SealcallError) => void) {
    this.side = side;
    this.#stream = stream;
    this.#onError = onError;
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.#follow(true);
  }

  /** The live audio track the mix should hear from this side, if any. */
  get audioTrack(): MediaStreamTrack | undefined {
    return this.#audioTrack;
  }

  /** The size of the picture the video presents now; undefined while it has none to draw. */
  get frameSize(): Size | undefined {
    const { video } = this;
    if (!this.#videoTrack || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return undefined;
    return { width: video.videoWidth, height: video.videoHeight };
  }

  replace(stream: MediaStream): void {
    this.#stream = stream;
    this.#follow(true);
  }

  /** Follows track changes in the stream; true when the audio track to mix changed. */
  sync(): boolean {
    return this.#follow(false);
  }

  close(): void {
    this.video.pause();
    this.video.srcObject = null;
    this.#videoTrack = undefined;
    this.#audioTrack = undefined;
  }

  #follow(reload: boolean): boolean {
    const videoTrack = firstLive(this.#stream.getVideoTracks());
    const audioTrack = firstLive(this.#stream.getAudioTracks());
    const audioChanged = audioTrack !== this.#audioTrack;
    if (reload || videoTrack !== this.#videoTrack || audioChanged) {
      this.#videoTrack = videoTrack;
      this.#audioTrack = audioTrack;
      this.#load();
    }
    return audioChanged;
  }

  #load(): void {
    this.video.srcObject = this.#stream;
    this.video.play().catch((cause: unknown) => {
      // A newer load (the next track change) interrupted this one: that load plays instead.
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      this.#onError(
        new SealcallError('CAPTURE_FAILED', `The ${this.side} participant's video could not be played for the recording, which goes on without that picture.`, { cause }),
      );
    });
  }
}

function firstLive(tracks: readonly MediaStreamTrack[]): MediaStreamTrack | undefined {
  return tracks.find((track) => track.readyState === 'live');
}
