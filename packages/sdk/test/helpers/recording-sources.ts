/** Media for recorder tests: sides that can be told apart in the recording by colour and pitch. */

export type Rgb = readonly [number, number, number];

export interface TestSource {
  readonly stream: MediaStream;
  /** Ends its tracks and timers. */
  stop(): void;
}

export interface ColorSourceOptions {
  /** A sine of this pitch as the audio track; none when left out. */
  toneHz?: number;
  width?: number;
  height?: number;
}

/**
 * A video track of one solid colour with a square of noise in its top-left corner (so that the
 * encoder has something to spend bits on, as it would on a face), and optionally a tone.
 */
export function colorSource(color: Rgb, options: ColorSourceOptions = {}): TestSource {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const noise = context.createImageData(Math.floor(width / 4), Math.floor(height / 4));
  let seed = 0x9e3779b9;
  const draw = () => {
    context.fillStyle = `rgb(${color.join(',')})`;
    context.fillRect(0, 0, width, height);
    for (let i = 0; i < noise.data.length; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      noise.data[i] = i % 4 === 3 ? 255 : seed & 0xff;
    }
    context.putImageData(noise, 0, 0);
  };
  draw();
  const timer = setInterval(draw, 40);
  const stream = canvas.captureStream(25);
  let audio: AudioContext | undefined;
  if (options.toneHz !== undefined) {
    audio = new AudioContext();
    const oscillator = new OscillatorNode(audio, { frequency: options.toneHz });
    const gain = new GainNode(audio, { gain: 0.3 });
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    for (const track of destination.stream.getAudioTracks()) stream.addTrack(track);
  }
  return {
    stream,
    stop() {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      const closing = audio;
      audio = undefined;
      void closing?.close();
    },
  };
}

/** The fake camera and microphone Chromium runs with in these tests. */
export async function cameraSource(): Promise<TestSource> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  return {
    stream,
    stop() {
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

export const MAGENTA: Rgb = [255, 0, 255];
export const CYAN: Rgb = [0, 255, 255];
export const YELLOW: Rgb = [255, 255, 0];
export const BLUE: Rgb = [0, 0, 255];

/** Close to `color` after lossy encoding. */
export function looksLike(pixel: Rgb | undefined, color: Rgb, tolerance = 70): boolean {
  return pixel !== undefined && pixel.every((value, i) => Math.abs(value - (color[i] as number)) <= tolerance);
}
