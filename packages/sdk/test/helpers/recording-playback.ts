import type { ArtifactVault } from '../../src/at-rest/artifact-vault.js';
import type { ArtifactMetadata } from '../../src/storage/types.js';
import type { Rgb } from './recording-sources.js';
import { streamBytes } from './expect.js';

/** The EBML magic every WebM file starts with. */
export const WEBM_MAGIC = Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3);

export interface ReadBack {
  readonly bytes: Uint8Array;
  readonly incomplete: boolean;
  readonly metadata: ArtifactMetadata;
}

/** Decrypts a whole artifact through the vault; rejects as its stream does (ARTIFACT_CORRUPT ...). */
export async function readRecording(vault: ArtifactVault, id: string, allowIncomplete = false): Promise<ReadBack> {
  const { stream, incomplete, metadata } = await vault.read(id, { allowIncomplete });
  return { bytes: await streamBytes(stream), incomplete, metadata };
}

export interface PlaybackOptions {
  /** Where to read the colour of each presented frame, as fractions of its width and height. */
  points?: Record<string, readonly [number, number]>;
  /** Resolve after this many frames. Default: play to the end. */
  maxFrames?: number;
  /** Resolve with what was seen after this long (a truncated file never ends). Default 15 s. */
  timeoutMs?: number;
  playbackRate?: number;
}

export interface Playback {
  /** Frames presented, counted with requestVideoFrameCallback. */
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  /** Per presented frame, the colour at each point. */
  readonly samples: ReadonlyArray<Readonly<Record<string, Rgb>>>;
  readonly ended: boolean;
}

/** Plays a recording in a real <video> and reports what it presented. */
export function playRecording(bytes: Uint8Array, type: string, options: PlaybackOptions = {}): Promise<Playback> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  video.src = url;
  const sampler = document.createElement('canvas');
  const context = sampler.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  const samples: Array<Record<string, Rgb>> = [];
  let frames = 0;
  let width = 0;
  let height = 0;
  return new Promise<Playback>((resolve, reject) => {
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      video.pause();
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve({ frames, width, height, samples, ended });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 15_000);
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
      frames++;
      width = metadata.width;
      height = metadata.height;
      if (options.points) samples.push(sample(video, sampler, context, options.points));
      if (options.maxFrames !== undefined && frames >= options.maxFrames) finish(false);
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    video.addEventListener('ended', () => finish(true), { once: true });
    video.addEventListener('error', () => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      reject(new Error(`The recording does not play: ${video.error?.message ?? 'media error'}`));
    });
    video.playbackRate = options.playbackRate ?? 1;
    video.play().catch(reject);
  });
}

function sample(video: HTMLVideoElement, canvas: HTMLCanvasElement, context: CanvasRenderingContext2D, points: Record<string, readonly [number, number]>): Record<string, Rgb> {
  canvas.width = 160;
  canvas.height = Math.max(1, Math.round((160 * video.videoHeight) / Math.max(1, video.videoWidth)));
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const result: Record<string, Rgb> = {};
  for (const [name, [fx, fy]] of Object.entries(points)) {
    const x = Math.min(canvas.width - 1, Math.floor(fx * canvas.width));
    const y = Math.min(canvas.height - 1, Math.floor(fy * canvas.height));
    const [r = 0, g = 0, b = 0] = context.getImageData(x, y, 1, 1).data;
    result[name] = [r, g, b];
  }
  return result;
}

/**
 * The recording's audio, decoded by the browser; `power(hz)` is its mean power at that
 * frequency (Goertzel), to tell which tones were mixed in.
 */
export async function decodeAudio(bytes: Uint8Array): Promise<{ duration: number; peak: number; power(hz: number): number }> {
  const context = new OfflineAudioContext(1, 1, 48_000);
  const buffer = await context.decodeAudioData(bytes.slice().buffer);
  const data = buffer.getChannelData(0);
  let peak = 0;
  for (const value of data) peak = Math.max(peak, Math.abs(value));
  return {
    duration: buffer.duration,
    peak,
    power(hz: number) {
      const coefficient = 2 * Math.cos((2 * Math.PI * hz) / buffer.sampleRate);
      let previous = 0;
      let beforePrevious = 0;
      for (const value of data) {
        const current = value + coefficient * previous - beforePrevious;
        beforePrevious = previous;
        previous = current;
      }
      return (previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious) / data.length;
    },
  };
}

/** Whether any `windowBytes`-long run of `needle` occurs anywhere in `haystacks`. */
export function sharesWindow(needle: Uint8Array, haystacks: readonly Uint8Array[], windowBytes = 16): boolean {
  const starts = new Map<number, number[]>();
  const view = new DataView(needle.buffer, needle.byteOffset, needle.byteLength);
  for (let i = 0; i + windowBytes <= needle.length; i++) {
    const key = view.getUint32(i);
    const list = starts.get(key);
    if (list) list.push(i);
    else starts.set(key, [i]);
  }
  for (const haystack of haystacks) {
    const hay = new DataView(haystack.buffer, haystack.byteOffset, haystack.byteLength);
    for (let j = 0; j + windowBytes <= haystack.length; j++) {
      const candidates = starts.get(hay.getUint32(j));
      if (!candidates) continue;
      for (const i of candidates) {
        let k = 4;
        while (k < windowBytes && needle[i + k] === haystack[j + k]) k++;
        if (k === windowBytes) return true;
      }
    }
  }
  return false;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Whether the bytes contain this ASCII text (WebM codec ids such as V_VP8 and A_OPUS). */
export function containsText(bytes: Uint8Array, text: string): boolean {
  const pattern = new TextEncoder().encode(text);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let k = 0; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer;
    return true;
  }
  return false;
}
