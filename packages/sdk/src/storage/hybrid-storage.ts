import { SealcallError } from '../errors.js';
import { equalBytes } from '../internal/bytes.js';
import { ChunkWriter } from './artifact-writer.js';
import { invalidArgument, storageError } from './errors.js';
import { receipt, receiptsTotal, withheld } from './hybrid-records.js';
import type {
  ArtifactMetadata,
  ArtifactMetadataPatch,
  ArtifactWriter,
  NewArtifact,
  StorageAdapter,
  StorageLocation,
  StorageRegion,
} from './types.js';
import { checkId, checkNewArtifact, checkPatch } from './validate.js';

export interface HybridStorageOptions {
  /** Keeps the full metadata (subject, consent, wrapped key) and counts the chunks, e.g. IndexedDBStorage. */
  metadata: StorageAdapter;
  /** Keeps the content under the same id and call, with the personal metadata withheld, e.g. HttpStorage. */
  content: StorageAdapter;
}

/** One writer's two halves, and a chunk the content holds that the metadata does not yet count. */
interface Halves {
  readonly metadata: ArtifactWriter;
  readonly content: ArtifactWriter;
  counted: number;
  uncounted: Uint8Array | undefined;
  contentFinished: ArtifactMetadata | undefined;
  queue: Promise<unknown>;
}

/**
 * Metadata in one adapter, content in another: typically metadata on the device (IndexedDB) and
 * the ciphertext on the integrator's servers (HttpStorage), so that the blob server holds neither
 * personal data nor the wrapped key. The content adapter gets the same id and callId, and the
 * subject, consent reference and key material withheld (`withheld()`); crypto-shredding
 * (`wrappedKey: null`) therefore happens in the metadata alone.
 *
 * Every step goes to the content first and is then counted in the metadata, which is the truth:
 * a chunk is stored in the content, then its receipt (its length) in the metadata. A crash
 * between the two leaves one chunk in the content that the metadata does not count: readers see
 * the artifact up to the counted chunks (`incomplete`, size and reading exact), the writer may
 * retry that index with the same bytes, and delete removes both. Likewise a crash while
 * beginning leaves metadata with no content (read as empty), a crash between the two finishes an
 * artifact that reads as incomplete, and one between the two deletes an orphan content with no
 * personal data, which the content side's retention (`listExpiredBefore`) finds.
 *
 * `region` and `location` are the content's, where the bulk of the bytes are; `parts` lists both
 * adapters, and `assertStorageAllowed` requires the policy to allow each.
 */
export class HybridStorage implements StorageAdapter {
  readonly region: StorageRegion;
  readonly location: StorageLocation;
  readonly parts: readonly [metadata: StorageAdapter, content: StorageAdapter];
  readonly #metadata: StorageAdapter;
  readonly #content: StorageAdapter;

  constructor(options: HybridStorageOptions) {
    const { metadata, content } = options ?? {};
    for (const [name, adapter] of [['metadata', metadata], ['content', content]] as const) {
      if (typeof adapter?.beginArtifact !== 'function') throw invalidArgument(`"${name}" expected a StorageAdapter, got ${typeof adapter}`);
    }
    if (metadata === content) throw invalidArgument('"metadata" and "content" expected two different adapters, got the same one twice');
    this.#metadata = metadata;
    this.#content = content;
    this.region = content.region;
    this.location = content.location;
    this.parts = [metadata, content];
  }

  async beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter> {
    checkNewArtifact(artifact);
    const metadata = await this.#metadata.beginArtifact(artifact);
    let content: ArtifactWriter;
    try {
      content = await this.#content.beginArtifact(withheld(artifact));
    } catch (error) {
      await this.#metadata.delete(artifact.id).catch(() => undefined);
      throw error;
    }
    const halves: Halves = { metadata, content, counted: 0, uncounted: undefined, contentFinished: undefined, queue: Promise.resolve() };
    const inOrder = <T>(task: () => Promise<T>): Promise<T> => {
      const run = halves.queue.then(task);
      halves.queue = run.catch(() => undefined);
      return run;
    };
    return new ChunkWriter(artifact.id, {
      append: (id, index, bytes) => inOrder(() => this.#append(id, halves, index, bytes)),
      finish: () => inOrder(() => this.#finish(halves)),
      delete: (id) => this.delete(id),
    });
  }

  async getMetadata(id: string): Promise<ArtifactMetadata> {
    return this.#sized(await this.#metadata.getMetadata(id));
  }

  async getContent(id: string): Promise<ReadableStream<Uint8Array>> {
    const { chunkCount } = await this.#metadata.getMetadata(id);
    if (chunkCount === 0) return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    const source = (await this.#content.getContent(id)).getReader();
    let index = 0;
    return new ReadableStream<Uint8Array>(
      {
        // Only the chunks the metadata counts: one more may be in the content, never counted.
        pull: async (controller) => {
          if (index === chunkCount) {
            await source.cancel().catch(() => undefined);
            return controller.close();
          }
          const { done, value } = await source.read();
          if (done) throw storageError('STORAGE_FAILED', `The content storage holds ${index} chunks of artifact "${id}"; its metadata counts ${chunkCount}.`);
          index++;
          controller.enqueue(value);
        },
        cancel: (reason) => source.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }

  async updateMetadata(id: string, patch: ArtifactMetadataPatch): Promise<ArtifactMetadata> {
    checkId(id);
    checkPatch(patch);
    const updated = await this.#metadata.updateMetadata(id, patch);
    // The content keeps the expiry, for its own retention; nothing else of a patch concerns it.
    if (patch.expiresAt !== undefined) await ignoreNotFound(this.#content.updateMetadata(id, { expiresAt: patch.expiresAt }));
    return this.#sized(updated);
  }

  async listByCall(callId: string): Promise<ArtifactMetadata[]> {
    return this.#allSized(await this.#metadata.listByCall(callId));
  }

  async listBySubject(subjectId: string): Promise<ArtifactMetadata[]> {
    return this.#allSized(await this.#metadata.listBySubject(subjectId));
  }

  async listExpiredBefore(time: Date): Promise<ArtifactMetadata[]> {
    return this.#allSized(await this.#metadata.listExpiredBefore(time));
  }

  /** The metadata first: from then on the artifact is gone for readers, whatever the content does. */
  async delete(id: string): Promise<void> {
    checkId(id);
    await this.#metadata.delete(id);
    await this.#content.delete(id);
  }

  async #append(id: string, halves: Halves, index: number, bytes: Uint8Array): Promise<void> {
    if (index !== halves.counted) throw storageError('STORAGE_CONFLICT', `Artifact "${id}" expects chunk ${halves.counted} next, got chunk ${index}.`);
    const counted = receipt(bytes.length);
    if (halves.uncounted === undefined) {
      await halves.content.writeChunk(index, bytes);
      halves.uncounted = bytes;
    } else if (!equalBytes(halves.uncounted, bytes)) {
      throw storageError('STORAGE_CONFLICT', `Chunk ${index} of artifact "${id}" is in the content storage already, with other bytes; retry it with the same bytes, or abort.`);
    }
    await halves.metadata.writeChunk(index, counted);
    halves.uncounted = undefined;
    halves.counted++;
  }

  async #finish(halves: Halves): Promise<ArtifactMetadata> {
    halves.contentFinished ??= await halves.content.finish();
    const finished = await halves.metadata.finish();
    return this.#sized(finished, halves.contentFinished);
  }

  #allSized(list: ArtifactMetadata[]): Promise<ArtifactMetadata[]> {
    return Promise.all(list.map((metadata) => this.#sized(metadata)));
  }

  /**
   * The metadata with its real `size` (its own counts receipts): the content's size when the
   * content counts the same chunks, the sum of the receipts otherwise (or if it cannot tell).
   */
  async #sized(metadata: ArtifactMetadata, content?: ArtifactMetadata): Promise<ArtifactMetadata> {
    const { id, chunkCount } = metadata;
    if (chunkCount === 0) return { ...metadata, size: 0 };
    const held = content ?? (await this.#content.getMetadata(id).catch(() => undefined));
    const size = held?.chunkCount === chunkCount ? held.size : await receiptsTotal(this.#metadata, id, chunkCount);
    return { ...metadata, size };
  }
}

async function ignoreNotFound(step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (!(error instanceof SealcallError && error.code === 'STORAGE_NOT_FOUND')) throw error;
  }
}
