import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory, TEMP_PREFIX, writeFilesAtomically } from './atomic-file.js';

/** An artifact's content in the blob store: its tenant and id. */
export interface BlobRef {
  readonly tenant: string;
  readonly id: string;
}

/**
 * Artifact content on disk, one directory per artifact under `<directory>/artifacts/`:
 *
 *   <sha256-hex(tenant "/" id)>/<index>.chunk   chunk `index`, exactly the bytes received
 *
 * The directory name is a hash, so an id never becomes a path (no `..`, no `:` on Windows, no
 * case folding). Each chunk is written to a temporary name and renamed into place, so a chunk
 * file is always whole. Which chunks count is the database's to say: a file past the row's
 * `chunk_count` is a write that was never counted, and the next append of that index replaces it.
 * Removing renames the directory into `<directory>/trash/` first, so a reader sees all of an
 * artifact's content or none of it.
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

  /** Writes `chunks` as chunks `from`, `from + 1`, …: each whole on disk when this resolves. */
  async writeChunks(ref: BlobRef, from: number, chunks: readonly Uint8Array[]): Promise<void> {
    const directory = this.#directory(ref);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await writeFilesAtomically(
      directory,
      chunks.map((bytes, offset) => ({ name: chunkFile(from + offset), data: bytes })),
    );
  }

  /** Chunk `index`, or undefined if no file holds it. */
  async readChunk(ref: BlobRef, index: number): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.#directory(ref), chunkFile(index)));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return undefined;
      throw error;
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

export function chunkFile(index: number): string {
  return `${index}.chunk`;
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
