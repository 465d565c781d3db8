import { SealcallError } from '../errors.js';
import type { RecordingSide } from './recorder-types.js';

/**
 * Both sides' audio summed into one track: a MediaStreamAudioSourceNode per side into one
 * MediaStreamAudioDestinationNode. A source node is bound to the track it was made with, so a
 * side whose track changes is reconnected with `connect()`.
 */
export class AudioMixer {
  readonly track: MediaStreamTrack;
  readonly #context: AudioContext;
  readonly #destination: MediaStreamAudioDestinationNode;
  readonly #silence: ConstantSourceNode;
  readonly #inputs = new Map<RecordingSide, MediaStreamAudioSourceNode>();

  /** Throws CAPTURE_UNAVAILABLE without Web Audio. */
  constructor() {
    if (typeof AudioContext === 'undefined') throw new SealcallError('CAPTURE_UNAVAILABLE', 'This browser has no Web Audio (AudioContext): the two sides cannot be mixed into one recording.');
    this.#context = new AudioContext();
    this.#destination = this.#context.createMediaStreamDestination();
    // A silent input keeps audio frames coming while neither side has a track, so the
    // recording's audio never stops and its timeline never stalls.
    this.#silence = new ConstantSourceNode(this.#context, { offset: 0 });
    this.#silence.connect(this.#destination);
    this.#silence.start();
    const [track] = this.#destination.stream.getAudioTracks();
    if (!track) throw new SealcallError('CAPTURE_UNAVAILABLE', 'Web Audio gave no audio track to record the mix from.');
    this.track = track;
  }

  /**
   * Starts the audio clock if the browser's autoplay policy suspended it; it runs once the page
   * had a user gesture (call `CallRecorder.start()` from one, such as the click on "record").
   */
  resume(): Promise<void> {
    return this.#context.state === 'suspended' ? this.#context.resume() : Promise.resolve();
  }

  /** Mixes `track` in for `side`, in place of what that side had; undefined leaves the side silent. */
  connect(side: RecordingSide, track: MediaStreamTrack | undefined): void {
    this.#inputs.get(side)?.disconnect();
    this.#inputs.delete(side);
    if (!track) return;
    const input = this.#context.createMediaStreamSource(new MediaStream([track]));
    input.connect(this.#destination);
    this.#inputs.set(side, input);
  }

  async close(): Promise<void> {
    for (const input of this.#inputs.values()) input.disconnect();
    this.#inputs.clear();
    this.#silence.stop();
    this.#silence.disconnect();
    this.track.stop();
    if (this.#context.state !== 'closed') await this.#context.close();
  }
}
