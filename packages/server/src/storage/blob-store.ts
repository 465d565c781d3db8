import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, TEMP_PREFIX, writeFilesAtomically } from './atomic-file.js';
import { BatchReader, batchBytes, batchFile, chunkFile, rangeOf, readFromBatch, type ChunkRange } from './chunk-files.js';

/** An artifact's content in the blob store: its tenant and id. */
export interface BlobRef {
  readonly tenant: string;
  readonly id: string;
}

/**
 * Artifact content on disk, one directory per artifact under `<directory>/artifacts/`:
 *
 *   <sha256-hex(tenant "/" id)>/<index>.chunk           chunk `index`, exactly the bytes received
 *   <sha256-hex(tenant "/" id)>/<first>-<count>.chunks  a batch: chunks `first` to `first + count - 1`
 *
 * A batch file holds its count and each chunk's size (4-byte big-endian integers), then the
 * chunks' bytes: one file, so one flush, for a batch. The directory name is a hash, so an id
 * never becomes a path (no `..`, no `:` on Windows, no case folding). Each file is written to a
 * temporary name and renamed into place, so it is always whole. Which chunks count is the
 * database's to say: a file past the row's `chunk_count` is a write that was never counted, and
 * the next append removes it. Removing renames the directory into `<directory>/trash/` first, so
 * a reader sees all of an artifact's content or none of it.
 */
export class BlobStore {
  readonly #artifacts: string;
  readonly #trash: string;

  constructor(directory: string) {
    this.#artifacts = join(directory, 'artifacts');
    this.#trash = join(directory, 'trash');
  }

  /** Creates the directories, and clears what interrupted removals and writes left behind. */
  async open(): Promise<void> {
    await mkdir(this.#artifacts, { recursive: true, mode: 0o700 });
    await rm(this.#trash, { recursive: true, force: true });
    await mkdir(this.#trash, { mode: 0o700 });
    for (const name of await readdir(this.#artifacts)) {
      const directory = join(this.#artifacts, name);
      for (const file of await readdir(directory).catch(() => [])) {
        if (file.startsWith(TEMP_PREFIX)) await rm(join(directory, file), { force: true });
      }
    }
  }

  /**
   * Writes `chunks` as chunks `from`, `from + 1`, …: whole on disk when this resolves. The caller
   * appends in order under the artifact's lock (`from` is the count of chunks stored), so every
   * file from `from` on is an uncounted write: it goes first, and can never stand for a chunk
   * counted later.
   */
  async writeChunks(ref: BlobRef, from: number, chunks: readonly Uint8Array[]): Promise<void> {
    const directory = this.#directory(ref);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    for (const file of await readdir(directory)) {
      const range = rangeOf(file);
      if (range && range.first >= from) await rm(join(directory, file), { force: true });
    }
    // One directory sync below makes the removals durable with the new file.
    const file = chunks.length === 1 ? { name: chunkFile(from), data: chunks[0]! } : { name: batchFile(from, chunks.length), data: batchBytes(chunks) };
    await writeFilesAtomically(directory, [file]);
  }

  /** Chunk `index`, or undefined if no file holds it. */
  async readChunk(ref: BlobRef, index: number): Promise<Buffer | undefined> {
    const directory = this.#directory(ref);
    const single = await unlessGone(readFile(join(directory, chunkFile(index))));
    if (single) return single;
    for (const file of (await unlessGone(readdir(directory))) ?? []) {
      const range = rangeOf(file);
      if (range && range.count > 1 && range.first <= index && index < range.first + range.count) return readFromBatch(join(directory, file), range, index);
    }
    return undefined;
  }

  /**
   * Chunks 0 to `count - 1`, in order: the directory listed once and each file opened once, where
   * `readChunk` would do both for every chunk. Ends early with undefined where no file holds the
   * next chunk (the artifact erased meanwhile).
   */
  async *readChunks(ref: BlobRef, count: number): AsyncGenerator<Buffer | undefined> {
    const directory = this.#directory(ref);
    const starting = new Map<number, ChunkRange & { readonly file: string }>();
    for (const file of (await unlessGone(readdir(directory))) ?? []) {
      const range = rangeOf(file);
      if (range && range.first < count) starting.set(range.first, { ...range, file });
    }
    for (let index = 0; index < count; ) {
      const range = starting.get(index);
      if (!range) {
        yield undefined;
        return;
      }
      const path = join(directory, range.file);
      if (range.count === 1) {
        const bytes = await unlessGone(readFile(path));
        yield bytes;
        if (!bytes) return;
        index++;
        continue;
      }
      const batch = await unlessGone(BatchReader.open(path, range));
      if (!batch) {
        yield undefined;
        return;
      }
      try {
        for (const end = Math.min(count, range.first + range.count); index < end; index++) yield await batch.chunk(index);
      } finally {
        await batch.close();
      }
    }
  }

  /** Removes every chunk of the artifact; nothing to remove is fine. */
  async remove(ref: BlobRef): Promise<void> {
    const discarded = join(this.#trash, randomBytes(8).toString('hex'));
    try {
      await rename(this.#directory(ref), discarded);
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return;
      throw error;
    }
    await syncDirectory(this.#artifacts);
    await rm(discarded, { recursive: true, force: true });
  }

  #directory(ref: BlobRef): string {
    return join(this.#artifacts, blobDirectoryName(ref));
  }
}

/** The directory of an artifact's content, relative to `<directory>/artifacts/`. */
export function blobDirectoryName(ref: BlobRef): string {
  return createHash('sha256').update(`${ref.tenant}/${ref.id}`, 'utf8').digest('hex');
}

/** What `promise` resolves with, or undefined where the file or directory is not there (ENOENT). */
async function unlessGone<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
