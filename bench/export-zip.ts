import { makeZip } from 'client-zip';
import { Zip, ZipPassThrough } from 'fflate';

export interface ZipThroughput {
  readonly bytes: number;
  /** Milliseconds to write the archive, per round, for each writer and for the bare copy (anchor). */
  readonly copyMs: number[];
  readonly clientZipMs: number[];
  readonly fflateMs: number[];
  /** The most JS heap seen while writing (Chromium's performance.memory), per writer. */
  readonly peakHeap: { readonly copy: number; readonly clientZip: number; readonly fflate: number };
  /** The archive sizes, to show both wrote the same. */
  readonly zipBytes: { readonly clientZip: number; readonly fflate: number };
}

declare global {
  interface Window {
    sealcallZipThroughput: typeof zipThroughput;
  }
}

const PIECE = 64 * 1024;
const FILES = 8;

/** `bytes` of media-like data (random, so incompressible) in 64 KiB pieces, generated as it is read. */
function media(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= bytes) return controller.close();
        const piece = crypto.getRandomValues(new Uint8Array(Math.min(PIECE, bytes - sent)));
        sent += piece.length;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Drains `stream`, counting its bytes and noting the largest JS heap seen. */
async function drain(stream: ReadableStream<Uint8Array>, heap: { peak: number }): Promise<number> {
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.length;
    heap.peak = Math.max(heap.peak, usedHeap());
  }
}

function usedHeap(): number {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
}

function entries(fileBytes: number) {
  return Array.from({ length: FILES }, (_, i) => ({ name: `recordings/recording-${i}.webm`, input: media(fileBytes), lastModified: new Date(0), size: fileBytes }));
}

/** The files one after the other, unchanged: what any writer must at least do. */
function copy(fileBytes: number): ReadableStream<Uint8Array> {
  const files = entries(fileBytes);
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const { input } of files) {
        const reader = input.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) controller.enqueue(r.value);
      }
      controller.close();
    },
  }, { highWaterMark: 0 });
}

/** fflate's streaming Zip with stored entries (no compression), as a ReadableStream. */
function fflateZip(fileBytes: number): ReadableStream<Uint8Array> {
  const files = entries(fileBytes);
  let push: (chunk: Uint8Array) => void = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        push(chunk);
        if (final) controller.close();
      });
      push = (chunk) => controller.enqueue(chunk);
      for (const { name, input } of files) {
        const entry = new ZipPassThrough(name);
        zip.add(entry);
        const reader = input.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) entry.push(r.value);
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
    },
  });
}

/**
 * Writes `totalBytes` of media in eight files as a ZIP, `rounds` times and taking turns: with
 * client-zip (what subjectExportZip uses), with fflate's streaming Zip (stored entries), and the
 * bare copy of the same bytes as the anchor. Nothing is kept: the archive is counted as it comes.
 */
async function zipThroughput(totalBytes: number, rounds: number): Promise<ZipThroughput> {
  const fileBytes = Math.floor(totalBytes / FILES);
  const times = { copy: [] as number[], clientZip: [] as number[], fflate: [] as number[] };
  const heaps = { copy: { peak: 0 }, clientZip: { peak: 0 }, fflate: { peak: 0 } };
  const zipBytes = { clientZip: 0, fflate: 0 };
  const writers = {
    copy: () => copy(fileBytes),
    clientZip: () => makeZip(entries(fileBytes)),
    fflate: () => fflateZip(fileBytes),
  };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['copy', 'clientZip', 'fflate'] as const) {
      const started = performance.now();
      const written = await drain(writers[name](), heaps[name]);
      times[name].push(performance.now() - started);
      if (name !== 'copy') zipBytes[name] = written;
    }
  }
  return {
    bytes: fileBytes * FILES,
    copyMs: times.copy,
    clientZipMs: times.clientZip,
    fflateMs: times.fflate,
    peakHeap: { copy: heaps.copy.peak, clientZip: heaps.clientZip.peak, fflate: heaps.fflate.peak },
    zipBytes,
  };
}

window.sealcallZipThroughput = zipThroughput;
