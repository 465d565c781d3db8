import { SealcallError } from '../errors.js';
import { AudioMixer } from './mix-audio.js';
import { MixSource } from './mix-source.js';
import { VideoMixer, type VideoMixerOptions } from './mix-video.js';
import type { RecordingSide } from './recorder-types.js';

export interface CallMixOptions extends VideoMixerOptions {
  readonly local: MediaStream;
  readonly remote: MediaStream;
  /** Problems that do not stop the mix (a side's video would not play, a frame failed to draw). */
  readonly onError: (error: SealcallError) => void;
}

/**
 * Both sides of the call as one stream to record: one video track (the pictures, laid out on a
 * canvas) and one audio track (the two sides' audio summed). It keeps running whatever happens
 * to the inputs: a track that ends leaves its side black or silent, a track swapped inside a
 * stream (camera switch) is picked up at the next frame, and `replace()` takes a new stream for a
 * side (the peer reconnected). The input streams are never stopped: they belong to the call.
 *
 * Frames are drawn on a timer, which browsers slow to about once a second in a hidden tab: a
 * recording made while the page is in the background has a choppy picture (audio is unaffected).
 */
export class CallMix {
  readonly stream: MediaStream;
  readonly #sources: Readonly<Record<RecordingSide, MixSource>>;
  readonly #audio: AudioMixer;
  readonly #video: VideoMixer;
  readonly #onError: (error: SealcallError) => void;
  readonly #timer: ReturnType<typeof setInterval>;
  #drawFailed = false;

  /** Throws CAPTURE_UNAVAILABLE when this browser cannot mix; nothing is left running then. */
  constructor(options: CallMixOptions) {
    this.#onError = options.onError;
    this.#sources = {
      local: new MixSource('local', options.local, options.onError),
      remote: new MixSource('remote', options.remote, options.onError),
    };
    let audio: AudioMixer | undefined;
    try {
      audio = new AudioMixer();
      this.#video = new VideoMixer(options);
    } catch (error) {
      this.#sources.local.close();
      this.#sources.remote.close();
      audio?.close().catch((cause: unknown) => options.onError(new SealcallError('CAPTURE_FAILED', "The recording's audio mixer could not be closed.", { cause })));
      throw error;
    }
    this.#audio = audio;
    for (const source of Object.values(this.#sources)) this.#audio.connect(source.side, source.audioTrack);
    this.stream = new MediaStream([this.#video.track, this.#audio.track]);
    this.#audio.resume().catch((cause: unknown) => options.onError(new SealcallError('CAPTURE_FAILED', 'The audio of the recording could not be started: start the recording from a user gesture.', { cause })));
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), 1000 / options.frameRate);
  }

  replace(side: RecordingSide, stream: MediaStream): void {
    const source = this.#sources[side];
    source.replace(stream);
    this.#audio.connect(side, source.audioTrack);
  }

  /** Stops drawing and mixing and ends the mixed tracks; the input streams keep running. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#video.close();
    this.#sources.local.close();
    this.#sources.remote.close();
    await this.#audio.close();
  }

  #tick(): void {
    try {
      for (const source of Object.values(this.#sources)) {
        if (source.sync()) this.#audio.connect(source.side, source.audioTrack);
      }
      this.#video.draw(this.#sources);
    } catch (cause) {
      // Reported once: the same failure would repeat at every frame.
      if (this.#drawFailed) return;
      this.#drawFailed = true;
      this.#onError(new SealcallError('CAPTURE_FAILED', 'A frame of the recording could not be mixed; the recording goes on, but its picture or sound may be missing.', { cause }));
    }
  }
}
