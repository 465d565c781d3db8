import { SealcallError } from '../errors.js';
import { placeSides, type Size } from './mix-layout.js';
import type { MixSource } from './mix-source.js';
import type { RecordingLayout, RecordingSide } from './recorder-types.js';

export interface VideoMixerOptions {
  readonly layout: RecordingLayout;
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
}

/**
 * Both sides' pictures drawn into one canvas, which is never attached to the document, and
 * captured as a video track of `frameRate` frames per second.
 */
export class VideoMixer {
  readonly track: MediaStreamTrack;
  readonly #canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #layout: RecordingLayout;
  readonly #size: Size;

  /** Throws CAPTURE_UNAVAILABLE without a 2D canvas or canvas capture. */
  constructor(options: VideoMixerOptions) {
    this.#layout = options.layout;
    this.#size = { width: options.width, height: options.height };
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = options.width;
    this.#canvas.height = options.height;
    const context = this.#canvas.getContext('2d', { alpha: false });
    if (!context || typeof this.#canvas.captureStream !== 'function') {
      throw new SealcallError('CAPTURE_UNAVAILABLE', 'This browser cannot capture a canvas (2D context and captureStream()): the two sides cannot be mixed into one recording.');
    }
    this.#context = context;
    this.#context.fillStyle = '#000';
    const [track] = this.#canvas.captureStream(options.frameRate).getVideoTracks();
    if (!track) throw new SealcallError('CAPTURE_UNAVAILABLE', 'Capturing the canvas gave no video track to record the mix from.');
    this.track = track;
  }

  draw(sources: Readonly<Record<RecordingSide, MixSource>>): void {
    const { width, height } = this.#size;
    this.#context.fillRect(0, 0, width, height);
    const frames = { local: sources.local.frameSize, remote: sources.remote.frameSize };
    for (const place of placeSides(this.#layout, this.#size, frames)) {
      this.#context.drawImage(sources[place.side].video, place.x, place.y, place.width, place.height);
    }
  }

  close(): void {
    this.track.stop();
    // Frees the canvas's backing store now rather than at garbage collection.
    this.#canvas.width = 0;
    this.#canvas.height = 0;
  }
}
