import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SealcallServerError } from '../errors.js';
import { syncDirectory, TEMP_PREFIX, writeFileAtomically } from './atomic-file.js';
import { KeyedLock } from '../keyed-lock.js';
import type { ArtifactPatch, ArtifactRecord, NewArtifact } from './types.js';

export interface DiskStoreLimits {
  /** Stored bytes per artifact; a chunk past it is STORAGE_QUOTA_EXCEEDED. */
  readonly maxArtifactBytes: number;
}

const METADATA = 'metadata.json';
const ARTIFACT_DIRECTORY = /^[0-9a-f]{64}$/;

/**
 * Artifacts on disk, one directory each under `<directory>/artifacts/`:
 *
 *   <sha256-hex(id)>/metadata.json   the ArtifactRecord as JSON
 *   <sha256-hex(id)>/<index>.chunk   chunk `index`, exactly the bytes received
 *
 * The directory name is a hash, so an id never becomes a path (no `..`, no `:` on Windows, no
 * case folding). Every file is written to a temporary name and renamed into place, and a chunk
 * is renamed into place before the metadata that counts it: after a crash, the metadata counts
 * only chunks whose files are whole. A chunk file past `chunkCount` is a write that was not
 * counted; the next append of that index replaces it. Deleting renames the directory into
 * `<directory>/trash/` first, so a reader sees all of an artifact or none of it.
 *
 * Writes to one artifact are serialized in this process; run one process per directory.
 */
export class DiskStore {
  readonly #artifacts: string;
  readonly #trash: string;
  readonly #limits: DiskStoreLimits;
  readonly #lock = new KeyedLock();

  constructor(directory: string, limits: DiskStoreLimits) {
    this.#artifacts = join(directory, 'artifacts');
    this.#trash = join(directory, 'trash');
    this.#limits = limits;
  }

  /** Creates the directories, and clears what interrupted deletes and writes left behind. */
  async open(): Promise<void> {
    await mkdir(this.#artifacts, { recursive: true, mode: 0o700 });
    await rm(this.#trash, { recursive: true, force: true });
    await mkdir(this.#trash, { mode: 0o700 });
    for (const name of await readdir(this.#artifacts)) {
      if (!ARTIFACT_DIRECTORY.test(name)) continue;
      const directory = join(this.#artifacts, name);
      for (const file of await readdir(directory).catch(() => [])) {
        if (file.startsWith(TEMP_PREFIX)) await rm(join(directory, file), { force: true });
      }
    }
  }

  /** `created: false` when an artifact identical to this one, still empty, exists: a replayed request. */
  begin(artifact: NewArtifact): Promise<{ record: ArtifactRecord; created: boolean }> {
    return this.#lock.run(artifact.id, async () => {
      const directory = this.#directory(artifact.id);
      try {
        await mkdir(directory, { mode: 0o700 });
      } catch (error) {
        if (!hasCode(error, 'EEXIST')) throw error;
        const existing = await this.#find(artifact.id);
        if (existing && isReplayOf(existing, artifact)) return { record: existing, created: false };
        if (existing) throw conflict(`an artifact with id "${artifact.id}" exists already`);
      }
      const record: ArtifactRecord = { ...artifact, size: 0, status: 'incomplete', chunkCount: 0 };
      await writeFileAtomically(directory, METADATA, JSON.stringify(record));
      await syncDirectory(this.#artifacts);
      return { record, created: true };
    });
  }

  async get(id: string): Promise<ArtifactRecord> {
    const record = await this.#find(id);
    if (!record) throw notFound(id);
    return record;
  }

  /**
   * Appends chunk `index`. The same index again with the same bytes is a replay and changes
   * nothing (`created: false`); with other bytes it is STORAGE_CONFLICT.
   */
  append(id: string, index: number, bytes: Uint8Array): Promise<{ record: ArtifactRecord; created: boolean }> {
    return this.#lock.run(id, async () => {
      const record = await this.get(id);
      const directory = this.#directory(id);
      if (index < record.chunkCount) {
        const stored = await readFile(join(directory, chunkFile(index)));
        if (stored.equals(bytes)) return { record, created: false };
        throw conflict(`chunk ${index} of artifact "${id}" is stored already, with other bytes`);
      }
      if (record.status === 'complete') throw conflict(`artifact "${id}" is complete; no chunk can be added`);
      if (index !== record.chunkCount) throw conflict(`artifact "${id}" expects chunk ${record.chunkCount} next, got chunk ${index}`);
      if (record.size + bytes.length > this.#limits.maxArtifactBytes) {
        throw new SealcallServerError('STORAGE_QUOTA_EXCEEDED', `chunk ${index} would take artifact "${id}" past the server's limit of ${this.#limits.maxArtifactBytes} bytes`);
      }
      await writeFileAtomically(directory, chunkFile(index), bytes);
      const next: ArtifactRecord = { ...record, chunkCount: index + 1, size: record.size + bytes.length };
      await writeFileAtomically(directory, METADATA, JSON.stringify(next));
      return { record: next, created: true };
    });
  }

  /**
   * Marks the artifact complete. With `chunkCount`, only if it holds exactly that many chunks, and
   * a complete artifact with that many is a replay that answers as the first finish did.
   */
  finish(id: string, chunkCount?: number): Promise<ArtifactRecord> {
    return this.#lock.run(id, async () => {
      const record = await this.get(id);
      if (chunkCount !== undefined && chunkCount !== record.chunkCount) {
        throw conflict(`finishing artifact "${id}" with ${chunkCount} chunks, but it holds ${record.chunkCount}`);
      }
      if (record.status === 'complete') {
        if (chunkCount !== undefined) return record;
        throw conflict(`artifact "${id}" is complete already`);
      }
      const next: ArtifactRecord = { ...record, status: 'complete' };
      await writeFileAtomically(this.#directory(id), METADATA, JSON.stringify(next));
      return next;
    });
  }

  update(id: string, patch: ArtifactPatch): Promise<ArtifactRecord> {
    return this.#lock.run(id, async () => {
      const record = await this.get(id);
      const endReason = patch.endReason ?? record.endReason;
      const next: ArtifactRecord = {
        ...record,
        expiresAt: patch.expiresAt ?? record.expiresAt,
        encryption: patch.encryption ?? record.encryption,
        ...(endReason ? { endReason } : {}),
      };
      await writeFileAtomically(this.#directory(id), METADATA, JSON.stringify(next));
      return next;
    });
  }

  /** Chunk `index`, one of the `chunkCount` the metadata counts; STORAGE_NOT_FOUND otherwise. */
  async readChunk(id: string, index: number): Promise<Buffer> {
    const record = await this.get(id);
    if (index >= record.chunkCount) {
      throw new SealcallServerError('STORAGE_NOT_FOUND', `artifact "${id}" has ${record.chunkCount} chunks; there is no chunk ${index}`);
    }
    try {
      return await readFile(join(this.#directory(id), chunkFile(index)));
    } catch (error) {
      if (hasCode(error, 'ENOENT')) throw notFound(id);
      throw error;
    }
  }

  /** Removes metadata and content together; deleting an unknown id does nothing. */
  delete(id: string): Promise<void> {
    return this.#lock.run(id, async () => {
      const discarded = join(this.#trash, `${randomBytes(8).toString('hex')}`);
      try {
        await rename(this.#directory(id), discarded);
      } catch (error) {
        if (hasCode(error, 'ENOENT')) return;
        throw error;
      }
      await syncDirectory(this.#artifacts);
      await rm(discarded, { recursive: true, force: true });
    });
  }

  /** Every artifact `match` accepts. Reads all metadata: fine for a reference server. */
  async list(match: (record: ArtifactRecord) => boolean): Promise<ArtifactRecord[]> {
    const found: ArtifactRecord[] = [];
    for (const name of await readdir(this.#artifacts)) {
      if (!ARTIFACT_DIRECTORY.test(name)) continue;
      const record = await readRecord(join(this.#artifacts, name));
      if (record && match(record)) found.push(record);
    }
    return found;
  }

  #find(id: string): Promise<ArtifactRecord | undefined> {
    return readRecord(this.#directory(id));
  }

  #directory(id: string): string {
    return join(this.#artifacts, artifactDirectoryName(id));
  }
}

/** The directory of an artifact, relative to `<directory>/artifacts/`. */
export function artifactDirectoryName(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

export function chunkFile(index: number): string {
  return `${index}.chunk`;
}

async function readRecord(directory: string): Promise<ArtifactRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(directory, METADATA), 'utf8');
  } catch (error) {
    // No directory (unknown or deleted), or one whose begin was interrupted before its metadata.
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as ArtifactRecord;
  } catch (cause) {
    throw new SealcallServerError('STORAGE_FAILED', 'an artifact metadata file is not valid JSON', { cause });
  }
}

function isReplayOf(existing: ArtifactRecord, artifact: NewArtifact): boolean {
  const { size, status, chunkCount, endReason, ...rest } = existing;
  return chunkCount === 0 && size === 0 && status === 'incomplete' && endReason === undefined && sameJson(rest, artifact);
}

function sameJson(a: object, b: object): boolean {
  const canonical = (value: unknown): unknown =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function notFound(id: string): SealcallServerError {
  return new SealcallServerError('STORAGE_NOT_FOUND', `no artifact with id "${id}"`);
}

function conflict(message: string): SealcallServerError {
  return new SealcallServerError('STORAGE_CONFLICT', message);
}
