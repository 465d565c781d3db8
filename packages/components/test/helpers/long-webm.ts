/**
 * A long WebM recording made quickly: a few seconds recorded by MediaRecorder (VP8 and Opus, as
 * CallRecorder records), then its clusters repeated with their timecodes moved on, so that a
 * 30-minute recording takes seconds to make and a few MB to store.
 */

import { concatBytes } from '../../../sdk/src/internal/bytes.js';

const CLUSTER = 0x1f43b675;
const SEGMENT = 0x18538067;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const UNKNOWN_SIZE = -1;

export interface LongWebm {
  readonly mimeType: string;
  /** Milliseconds of media. */
  readonly durationMs: number;
  /** The file, in pieces of about one repeated clip each. */
  readonly pieces: readonly Uint8Array[];
  readonly size: number;
}

/** `durationMs` of a moving picture and a tone, recorded as it is, in one piece after its header. */
export async function recordedWebm(durationMs: number): Promise<LongWebm> {
  const mimeType = 'video/webm;codecs=vp8,opus';
  const file = await recordClip(mimeType, durationMs);
  return { mimeType, durationMs, pieces: [file], size: file.length };
}

/** Records `clipMs` of a moving picture and a tone, and repeats it to last at least `durationMs`. */
export async function longWebm(durationMs: number, clipMs = 2000): Promise<LongWebm> {
  const mimeType = 'video/webm;codecs=vp8,opus';
  const clip = await recordClip(mimeType, clipMs);
  const { header, clusters } = splitClusters(clip);
  const clipLength = Math.max(...clusters.map((c) => c.timecode + c.lastBlockMs)) + 40;
  const pieces: Uint8Array[] = [header];
  let repeats = 0;
  for (; repeats * clipLength < durationMs; repeats++) {
    pieces.push(concatBytes(...clusters.map((c) => cluster(c.timecode + repeats * clipLength, c.children))));
  }
  return { mimeType, durationMs: repeats * clipLength, pieces, size: pieces.reduce((n, p) => n + p.length, 0) };
}

async function recordClip(mimeType: string, clipMs: number): Promise<Uint8Array> {
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
  const context = canvas.getContext('2d')!;
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const sink = audio.createMediaStreamDestination();
  tone.connect(sink);
  tone.start();
  const stream = new MediaStream([...canvas.captureStream(25).getVideoTracks(), ...sink.stream.getAudioTracks()]);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 60_000, audioBitsPerSecond: 16_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  let frame = 0;
  const draw = setInterval(() => {
    context.fillStyle = `hsl(${(frame++ * 12) % 360} 80% 50%)`;
    context.fillRect(0, 0, 64, 48);
  }, 40);
  recorder.start(500);
  await new Promise((resolve) => setTimeout(resolve, clipMs));
  recorder.stop();
  await stopped;
  clearInterval(draw);
  stream.getTracks().forEach((track) => track.stop());
  await audio.close();
  return new Uint8Array(await new Blob(chunks).arrayBuffer());
}

interface Cluster {
  readonly timecode: number;
  readonly lastBlockMs: number;
  /** Every child but the Timecode, as recorded. */
  readonly children: Uint8Array;
}

/** The bytes before the first Cluster, and each Cluster's timecode and other children. */
function splitClusters(file: Uint8Array): { header: Uint8Array; clusters: Cluster[] } {
  let at = 0;
  const read = () => {
    const id = vint(file, at, true);
    const size = vint(file, at + id.length, false);
    const start = at + id.length + size.length;
    return { id: id.value, start, end: size.value === UNKNOWN_SIZE ? UNKNOWN_SIZE : start + size.value };
  };
  // The EBML header, then the Segment's header: its children follow.
  at = read().end;
  const segment = read();
  if (segment.id !== SEGMENT) throw new Error('The recording does not have the layout MediaRecorder writes.');
  at = segment.start;
  let headerEnd = -1;
  const clusters: Cluster[] = [];
  while (at < file.length) {
    const element = read();
    if (element.id !== CLUSTER) {
      at = element.end;
      continue;
    }
    if (headerEnd === -1) headerEnd = at;
    at = element.start;
    let timecode = 0;
    let lastBlockMs = 0;
    const children: Uint8Array[] = [];
    while (at < file.length && (element.end === UNKNOWN_SIZE || at < element.end)) {
      const child = read();
      if (child.id === CLUSTER) break;
      if (child.id === TIMECODE) {
        timecode = Number(uint(file.subarray(child.start, child.end)));
      } else {
        lastBlockMs = Math.max(lastBlockMs, blockTime(file, child));
        children.push(file.subarray(at, child.end));
      }
      at = child.end;
    }
    clusters.push({ timecode, lastBlockMs, children: concatBytes(...children) });
  }
  return { header: file.slice(0, headerEnd), clusters };
}

/**
 * A block's time relative to its cluster: after the track number (one byte here) in a SimpleBlock,
 * or in the Block inside a BlockGroup (as Firefox writes its last frames). Else 0.
 */
function blockTime(file: Uint8Array, element: { id: number; start: number; end: number }): number {
  const at = (start: number) => new DataView(file.buffer, file.byteOffset + start + 1).getInt16(0);
  if (element.id === SIMPLE_BLOCK) return at(element.start);
  if (element.id !== BLOCK_GROUP) return 0;
  for (let child = element.start; child < element.end;) {
    const id = vint(file, child, true);
    const size = vint(file, child + id.length, false);
    const start = child + id.length + size.length;
    if (id.value === BLOCK) return at(start);
    child = start + size.value;
  }
  return 0;
}

function cluster(timecode: number, children: Uint8Array): Uint8Array {
  const code = new Uint8Array(6);
  code.set([TIMECODE, 0x84]);
  new DataView(code.buffer).setUint32(2, timecode);
  const size = code.length + children.length;
  // The size as a 4-byte EBML integer (clusters here are far below its 256 MB).
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, CLUSTER);
  new DataView(head.buffer).setUint32(4, (0x10 << 24) | size);
  return concatBytes(head, code, children);
}

/** A variable-size integer at `at`: an element id keeps its marker bit, a size loses it (all ones: unknown). */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at]!;
  const length = Math.clz32(first) - 23;
  if (length < 1 || length > 8) throw new Error(`No EBML integer at ${at}.`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value: !keepMarker && allOnes ? UNKNOWN_SIZE : value, length };
}

function uint(bytes: Uint8Array): bigint {
  return bytes.reduce((n, b) => n * 256n + BigInt(b), 0n);
}
