/**
 * The files of an artifact's directory in the blob store: `<index>.chunk` holds one chunk as
 * received; `<first>-<count>.chunks` holds a batch, its count and each chunk's size (4-byte
 * big-endian integers) in front of the chunks' bytes.
 * @module
 */
import { open, type FileHandle } from 'node:fs/promises';
import { SealcallServerError } from '../errors.js';

export function chunkFile(index: number): string {
  return `${index}.chunk`;
}

export function batchFile(first: number, count: number): string {
  return `${first}-${count}.chunks`;
}

export interface ChunkRange {
  readonly first: number;
  readonly count: number;
}

/** The chunks a file of the blob store holds, or undefined for any other file. */
export function rangeOf(file: string): ChunkRange | undefined {
  const single = /^(\d+)\.chunk$/.exec(file);
  if (single) return { first: Number(single[1]), count: 1 };
  const batch = /^(\d+)-(\d+)\.chunks$/.exec(file);
  return batch ? { first: Number(batch[1]), count: Number(batch[2]) } : undefined;
}

/** A batch file's bytes: the count, each chunk's size, then the chunks. */
export function batchBytes(chunks: readonly Uint8Array[]): Buffer {
  const header = Buffer.alloc(4 * (1 + chunks.length));
  header.writeUInt32BE(chunks.length, 0);
  chunks.forEach((chunk, i) => header.writeUInt32BE(chunk.length, 4 * (1 + i)));
  return Buffer.concat([header, ...chunks]);
}

/**
 * A batch file open for reading: its header checked once, then any of its chunks. A file that
 * does not hold what its name and header say is an error, never other bytes. Close it after.
 */
export class BatchReader {
  readonly #handle: FileHandle;
  readonly #range: ChunkRange;
  readonly #offsets: readonly number[];

  private constructor(handle: FileHandle, range: ChunkRange, offsets: readonly number[]) {
    this.#handle = handle;
    this.#range = range;
    this.#offsets = offsets;
  }

  static async open(path: string, range: ChunkRange): Promise<BatchReader> {
    const handle = await open(path, 'r');
    try {
      const header = await readExactly(handle, 4 * (1 + range.count), 0, damaged(range.first));
      const counted = header.readUInt32BE(0);
      if (counted !== range.count) throw damaged(range.first)(`its batch file's header counts ${counted} chunks, its name ${range.count}`);
      const offsets = [header.length];
      for (let i = 0; i < range.count; i++) offsets.push(offsets[i]! + header.readUInt32BE(4 * (1 + i)));
      return new BatchReader(handle, range, offsets);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Chunk `index`, one of this batch's. */
  chunk(index: number): Promise<Buffer> {
    const i = index - this.#range.first;
    return readExactly(this.#handle, this.#offsets[i + 1]! - this.#offsets[i]!, this.#offsets[i]!, damaged(index));
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}

/** Chunk `index` of the batch file at `path` (see BatchReader). */
export async function readFromBatch(path: string, range: ChunkRange, index: number): Promise<Buffer> {
  const batch = await BatchReader.open(path, range);
  try {
    return await batch.chunk(index);
  } finally {
    await batch.close();
  }
}

function damaged(index: number): (why: string) => Error {
  return (why) => new SealcallServerError('STORAGE_FAILED', `chunk ${index} is damaged on disk (${why}); restore the blob store from a backup`);
}

async function readExactly(handle: FileHandle, length: number, position: number, damaged: (why: string) => Error): Promise<Buffer> {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, length - done, position + done);
    if (bytesRead === 0) throw damaged(`its batch file ends before byte ${position + length}`);
    done += bytesRead;
  }
  return out;
}
