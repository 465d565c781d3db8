import { ChunkWriter, type ChunkWriterOps } from './artifact-writer.js';
import { notFound, storageError } from './errors.js';
import { applyPatch } from './metadata.js';
import type {
  ArtifactMetadata,
  ArtifactMetadataPatch,
  ArtifactWriter,
  NewArtifact,
  StorageAdapter,
  StorageLocation,
  StorageRegion,
} from './types.js';
import { checkId, checkNewArtifact, checkPatch, checkTimeArgument } from './validate.js';

export interface MemoryStorageOptions {
  /** Default `device`. Declare what the fake stands in for when testing a storage policy. */
  region?: StorageRegion;
  /** Default `device`. */
  location?: StorageLocation;
  /** Refuse chunks past this many stored bytes with STORAGE_QUOTA_EXCEEDED. Default: no limit. */
  quotaBytes?: number;
}

interface Entry {
  metadata: ArtifactMetadata;
  readonly chunks: Uint8Array[];
}

/** Keeps everything in this page's memory: for tests, demos, and code that must store nothing. */
export class MemoryStorage implements StorageAdapter {
  readonly region: StorageRegion;
  readonly location: StorageLocation;
  readonly #quotaBytes: number;
  readonly #entries = new Map<string, Entry>();
  readonly #ops: ChunkWriterOps = {
    append: async (id, index, bytes) => this.#append(id, index, bytes),
    finish: async (id) => this.#finish(id),
    delete: (id) => this.delete(id),
  };

  constructor(options: MemoryStorageOptions = {}) {
    this.region = options.region ?? 'device';
    this.location = options.location ?? 'device';
    this.#quotaBytes = options.quotaBytes ?? Infinity;
  }

  /** Stored bytes, all artifacts together. */
  get usedBytes(): number {
    let total = 0;
    for (const entry of this.#entries.values()) total += entry.metadata.size;
    return total;
  }

  async beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter> {
    checkNewArtifact(artifact);
    if (this.#entries.has(artifact.id)) throw storageError('STORAGE_CONFLICT', `An artifact with id "${artifact.id}" exists already.`);
    const metadata: ArtifactMetadata = { ...structuredClone(artifact), size: 0, status: 'incomplete', chunkCount: 0 };
    this.#entries.set(artifact.id, { metadata, chunks: [] });
    return new ChunkWriter(artifact.id, this.#ops);
  }

  async getMetadata(id: string): Promise<ArtifactMetadata> {
    return structuredClone(this.#entry(id).metadata);
  }

  async getContent(id: string): Promise<ReadableStream<Uint8Array>> {
    const entry = this.#entry(id);
    const count = entry.metadata.chunkCount;
    let index = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          if (this.#entries.get(id) !== entry) throw notFound(id);
          if (index === count) return controller.close();
          controller.enqueue((entry.chunks[index++] as Uint8Array).slice());
        },
      },
      { highWaterMark: 0 },
    );
  }

  async updateMetadata(id: string, patch: ArtifactMetadataPatch): Promise<ArtifactMetadata> {
    checkPatch(patch);
    const entry = this.#entry(id);
    entry.metadata = applyPatch(entry.metadata, patch);
    return structuredClone(entry.metadata);
  }

  async listByCall(callId: string): Promise<ArtifactMetadata[]> {
    return this.#list((m) => m.callId === callId);
  }

  async listBySubject(subjectId: string): Promise<ArtifactMetadata[]> {
    return this.#list((m) => m.subjectId === subjectId);
  }

  async listExpiredBefore(time: Date): Promise<ArtifactMetadata[]> {
    const limit = checkTimeArgument(time);
    return this.#list((m) => m.expiresAt < limit).sort((a, b) => a.expiresAt - b.expiresAt);
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    this.#entries.delete(id);
  }

  #entry(id: string): Entry {
    checkId(id);
    const entry = this.#entries.get(id);
    if (!entry) throw notFound(id);
    return entry;
  }

  #list(match: (metadata: ArtifactMetadata) => boolean): ArtifactMetadata[] {
    return [...this.#entries.values()].filter((e) => match(e.metadata)).map((e) => structuredClone(e.metadata));
  }

  #append(id: string, index: number, bytes: Uint8Array): void {
    const entry = this.#entry(id);
    const { metadata } = entry;
    if (metadata.status === 'complete') throw storageError('STORAGE_CONFLICT', `Artifact "${id}" is complete; no chunk can be added.`);
    if (index !== metadata.chunkCount) {
      throw storageError('STORAGE_CONFLICT', `Artifact "${id}" expects chunk ${metadata.chunkCount} next, got chunk ${index}.`);
    }
    if (this.usedBytes + bytes.length > this.#quotaBytes) {
      throw storageError('STORAGE_QUOTA_EXCEEDED', `Storing chunk ${index} of artifact "${id}" would exceed the quota of ${this.#quotaBytes} bytes.`);
    }
    entry.chunks.push(bytes);
    entry.metadata = { ...metadata, chunkCount: index + 1, size: metadata.size + bytes.length };
  }

  #finish(id: string): ArtifactMetadata {
    const entry = this.#entry(id);
    if (entry.metadata.status === 'complete') throw storageError('STORAGE_CONFLICT', `Artifact "${id}" is complete already.`);
    entry.metadata = { ...entry.metadata, status: 'complete' };
    return structuredClone(entry.metadata);
  }
}
