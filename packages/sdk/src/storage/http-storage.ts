import { SealcallError } from '../errors.js';
import { equalBytes } from '../internal/bytes.js';
import { ChunkWriter } from './artifact-writer.js';
import { ChunkBatches, type PendingChunk } from './chunk-batches.js';
import { storageError } from './errors.js';
import { StorageHttpClient } from './http-client.js';
import { checkPlacement, resolveHttpOptions, type HttpStorageOptions, type StorageTokenRequest } from './http-options.js';
import { artifactPath, checkAddressableId, chunkBatchPath, chunkPath, newArtifactBody, parseAppended, parseMetadata, parseMetadataList, patchBody } from './http-wire.js';
import type {
  ArtifactMetadata,
  ArtifactMetadataPatch,
  ArtifactWriter,
  NewArtifact,
  StorageAdapter,
  StorageLocation,
  StorageRegion,
} from './types.js';
import type { OutboxArtifact, DeviceOutbox } from './device-outbox.js';
import { flushDeletes, flushUploads, type OutboxFlush } from './outbox-flush.js';
import { checkNewArtifact, checkTimeArgument } from './validate.js';

/** What a request is about, for the token function: the call and the data subject, where known. */
type Scope = Pick<StorageTokenRequest, 'callId' | 'subjectId'>;

/** One writer's uploads, sent one after the other in call order. */
interface Upload {
  /** What the outbox keeps of the artifact, its call and subject among it. */
  readonly entry: OutboxArtifact;
  /** Chunks the server has acknowledged through this writer: what `finish()` claims. */
  acknowledged: number;
  queue: Promise<unknown>;
}

/**
 * Stores artifacts on a storage server that speaks `/v1/artifacts` (the reference server with
 * `--storage-dir`, or your own: docs/protocol.md), the integrator's own by default. It sends
 * chunks as they are written (those written while a request is under way together, in one batch)
 * and fetches each as the reader pulls, so no artifact is ever whole in memory; the server only
 * ever receives ciphertext and wrapped keys (ArtifactVault encrypts first).
 *
 * Failures: network errors, timeouts and 408/429/5xx answers are retried (HttpRetryOptions),
 * then reported as STORAGE_FAILED with the last cause; 401 and 403 are STORAGE_UNAUTHORIZED at
 * once. A chunk counts as stored only when the server acknowledges it, or, after a conflict,
 * when the server is seen to hold exactly its bytes at its index.
 *
 * With an `outbox` (DeviceOutbox), each chunk is kept on the device, encrypted as it was sent,
 * until the server acknowledges it, and a delete the server did not confirm is kept until it does;
 * `flushOutbox()` sends what a closed page or a lost network left behind.
 */
export class HttpStorage implements StorageAdapter {
  readonly region: StorageRegion;
  readonly location: StorageLocation;
  readonly #http: StorageHttpClient;
  readonly #outbox: DeviceOutbox | undefined;

  constructor(options: HttpStorageOptions) {
    const resolved = resolveHttpOptions(options);
    this.#outbox = options.outbox;
    this.region = options.region;
    this.location = options.location ?? 'own-servers';
    checkPlacement(this.region, this.location);
    this.#http = new StorageHttpClient(resolved);
  }

  async beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter> {
    checkNewArtifact(artifact);
    const { id, callId, subjectId } = artifact;
    checkAddressableId(id);
    const entry: OutboxArtifact = { id, callId, subjectId, expiresAt: artifact.expiresAt };
    await this.#outbox?.open(entry);
    try {
      const answer = await this.#http.send({ operation: 'begin', method: 'POST', path: '', id, ...scopeOf(entry), json: newArtifactBody(artifact), expect: 'json' });
      // 200 instead of 201: the same artifact existed already. Ours, if an earlier attempt may have landed.
      if (answer.status !== 201 && !answer.retried) throw storageError('STORAGE_CONFLICT', `An artifact with id "${id}" exists already.`);
    } catch (error) {
      // If this fails too, flushOutbox() drops the entry: the server has no artifact, or not ours.
      await this.#outbox?.forget(id).catch(() => undefined);
      throw error;
    }
    const upload: Upload = { entry, acknowledged: 0, queue: Promise.resolve() };
    const inOrder = <T>(task: () => Promise<T>): Promise<T> => {
      const run = upload.queue.then(task);
      upload.queue = run.catch(() => undefined);
      return run;
    };
    // Chunks written without awaiting each other leave together: one request, one durable write on the server.
    const batches = new ChunkBatches(
      (task) => void inOrder(task),
      (batch) => this.#append(id, upload, batch),
    );
    return new ChunkWriter(id, {
      append: (_, index, bytes) => batches.add(index, bytes),
      finish: () => inOrder(() => this.#finish(id, upload)),
      delete: () => this.delete(id),
    });
  }

  async getMetadata(id: string): Promise<ArtifactMetadata> {
    checkAddressableId(id);
    return this.#metadata(id);
  }

  async getContent(id: string): Promise<ReadableStream<Uint8Array>> {
    checkAddressableId(id);
    const { chunkCount } = await this.#metadata(id);
    let index = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          if (index === chunkCount) return controller.close();
          controller.enqueue(await this.#chunk(id, index));
          index++;
        },
      },
      { highWaterMark: 0 },
    );
  }

  async updateMetadata(id: string, patch: ArtifactMetadataPatch): Promise<ArtifactMetadata> {
    checkAddressableId(id);
    const answer = await this.#http.send({ operation: 'update', method: 'PATCH', path: artifactPath(id), id, json: patchBody(patch), expect: 'json' });
    return parseMetadata(answer.json);
  }

  async listByCall(callId: string): Promise<ArtifactMetadata[]> {
    return this.#list('list-by-call', `?callId=${encodeURIComponent(text(callId, 'callId'))}`, { callId });
  }

  async listBySubject(subjectId: string): Promise<ArtifactMetadata[]> {
    return this.#list('list-by-subject', `?subjectId=${encodeURIComponent(text(subjectId, 'subjectId'))}`, { subjectId });
  }

  async listExpiredBefore(time: Date): Promise<ArtifactMetadata[]> {
    const limit = checkTimeArgument(time);
    // Expiry times are never negative: nothing can have expired before the epoch.
    if (limit <= 0) return [];
    return this.#list('list-expired', `?expiredBefore=${limit}`);
  }

  /**
   * Deletes the artifact on the server, then anything of it in the outbox. With an outbox, a
   * delete the server cannot be reached for (STORAGE_FAILED) is kept there and retried by
   * `flushOutbox()` until the server confirms it; it still rejects, to say it is not done yet.
   */
  async delete(id: string): Promise<void> {
    checkAddressableId(id);
    try {
      await this.#deleteOnServer(id);
    } catch (error) {
      if (!(this.#outbox && error instanceof SealcallError && error.code === 'STORAGE_FAILED')) throw error;
      await this.#outbox.forget(id, { id, since: Date.now() });
      throw storageError('STORAGE_FAILED', `Artifact "${id}" could not be deleted on the storage server now; this device keeps the delete, and flushOutbox() retries it until the server confirms.`, { cause: error });
    }
    await this.#outbox?.forget(id);
  }

  /**
   * Sends what the outbox holds: first the deletes the server has not confirmed, then the chunks
   * the server never acknowledged (a closed tab, a crash, a network that failed a writer), except
   * those of an artifact whose writer is sending right now, dropping each from the device once
   * the server has it. Call it when your page starts and when it comes back online, with a
   * `token` that can still reach those calls. Artifacts the server no longer has, and those it
   * cannot be asked about that are past their expiry, are dropped unsent. Never rejects for one
   * artifact or delete: each outcome says what happened.
   */
  async flushOutbox(): Promise<OutboxFlush> {
    const outbox = this.#outbox;
    if (outbox === undefined) return { uploads: [], deletes: [] };
    const deletes = await flushDeletes(outbox, (id) => this.#deleteOnServer(id));
    const uploads = await flushUploads(
      outbox,
      {
        metadata: (artifact) => this.#metadata(artifact.id, scopeOf(artifact)),
        append: (artifact, index, bytes) => this.#send(artifact.id, scopeOf(artifact), index, bytes),
      },
      Date.now(),
    );
    return { uploads, deletes };
  }

  /** Resolves once the server has no artifact `id`. */
  async #deleteOnServer(id: string): Promise<void> {
    try {
      await this.#http.send({ operation: 'delete', method: 'DELETE', path: artifactPath(id), id, expect: 'none' });
    } catch (error) {
      if (!(error instanceof SealcallError && error.code === 'STORAGE_NOT_FOUND')) throw error;
    }
  }

  /** Sends a batch of consecutive chunks, each kept in the outbox until the server has it; settles each chunk. */
  async #append(id: string, upload: Upload, batch: readonly PendingChunk[]): Promise<PromiseSettledResult<void>[]> {
    // A chunk this writer had acknowledged is a repeat, whatever its bytes: a conflict, without asking the server.
    const repeats = batch.filter((chunk) => chunk.index < upload.acknowledged);
    const results: PromiseSettledResult<void>[] = repeats.map((chunk) => ({
      status: 'rejected',
      reason: storageError('STORAGE_CONFLICT', `Artifact "${id}" holds chunk ${chunk.index} already (${upload.acknowledged} stored through this writer).`),
    }));
    const fresh = batch.slice(repeats.length);
    if (fresh.length === 0) return results;
    await this.#sending(id, async () => {
      for (const chunk of fresh) await this.#outbox?.hold(upload.entry, chunk.index, chunk.bytes);
      const sent = await this.#sendChunks(id, scopeOf(upload.entry), fresh);
      for (const [i, outcome] of sent.entries()) {
        const { index } = fresh[i] as PendingChunk;
        results.push(outcome);
        if (outcome.status === 'rejected') continue;
        upload.acknowledged = Math.max(upload.acknowledged, index + 1);
        // Left held if this fails: the finish forgets the artifact, or a flush sees the server has it.
        await this.#outbox?.release(id, index).catch(() => undefined);
      }
    });
    return results;
  }

  /**
   * Several chunks in one request; after a conflict, one by one, so that each is settled on its
   * own (a replay the server does not take, or the conflict it is).
   */
  async #sendChunks(id: string, scope: Scope, chunks: readonly PendingChunk[]): Promise<PromiseSettledResult<void>[]> {
    if (chunks.length > 1) {
      try {
        await this.#sendBatch(id, scope, chunks);
        return chunks.map(() => ({ status: 'fulfilled', value: undefined }));
      } catch (error) {
        if (!(error instanceof SealcallError && error.code === 'STORAGE_CONFLICT')) return chunks.map(() => ({ status: 'rejected', reason: error }));
      }
    }
    const results: PromiseSettledResult<void>[] = [];
    for (const { index, bytes } of chunks) {
      results.push(
        await this.#send(id, scope, index, bytes).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ),
      );
    }
    return results;
  }

  /** Resolves once the server holds every chunk of the batch. */
  async #sendBatch(id: string, scope: Scope, chunks: readonly PendingChunk[]): Promise<void> {
    const first = (chunks[0] as PendingChunk).index;
    const last = first + chunks.length - 1;
    const bytes = chunks.map((chunk) => chunk.bytes);
    const answer = await this.#http.send({ operation: 'append', method: 'POST', path: chunkBatchPath(id, first, bytes), id, ...scope, bytes, expect: 'json' });
    const held = parseAppended(answer.json).chunkCount;
    if (held <= last) {
      throw storageError('STORAGE_FAILED', `The storage server acknowledged chunks ${first} to ${last} of artifact "${id}" but counts only ${held} chunks.`);
    }
  }

  /** With an outbox, `step` runs holding the artifact's lock: no flush sends its chunks meanwhile. */
  #sending<T>(id: string, step: () => Promise<T>): Promise<T> {
    return this.#outbox ? this.#outbox.whileSending(id, step) : step();
  }

  /** Sends chunk `index`; resolves once the server holds it. */
  async #send(id: string, scope: Scope, index: number, bytes: Uint8Array): Promise<void> {
    let held: number;
    try {
      const answer = await this.#http.send({ operation: 'append', method: 'PUT', path: chunkPath(id, index), id, ...scope, bytes, expect: 'json' });
      held = parseAppended(answer.json).chunkCount;
    } catch (error) {
      if (!(error instanceof SealcallError && error.code === 'STORAGE_CONFLICT')) throw error;
      await this.#settleConflict(id, scope, index, bytes, error);
      held = index + 1;
    }
    if (held <= index) {
      throw storageError('STORAGE_FAILED', `The storage server acknowledged chunk ${index} of artifact "${id}" but counts only ${held} chunks.`);
    }
  }

  /**
   * The server refused chunk `index` as a conflict. That is a success only if the chunk is there,
   * byte for byte (a write of ours that landed while its answer was lost, on a server that does
   * not take replays); anything else is the conflict. Rejects with it if the token cannot read.
   */
  async #settleConflict(id: string, scope: Scope, index: number, bytes: Uint8Array, conflict: SealcallError): Promise<void> {
    let stored: ArtifactMetadata;
    try {
      stored = await this.#metadata(id, scope);
      if (stored.chunkCount > index && equalBytes(await this.#chunk(id, index, scope), bytes)) return;
    } catch (error) {
      if (error instanceof SealcallError && error.code === 'STORAGE_UNAUTHORIZED') throw conflict;
      throw error;
    }
    throw storageError(
      'STORAGE_CONFLICT',
      stored.chunkCount > index
        ? `Chunk ${index} of artifact "${id}" is stored already, with other bytes.`
        : `Artifact "${id}" (${stored.status}) expects chunk ${stored.chunkCount} next, got chunk ${index}.`,
      { cause: conflict },
    );
  }

  async #finish(id: string, upload: Upload): Promise<ArtifactMetadata> {
    const answer = await this.#http.send({
      operation: 'finish',
      method: 'POST',
      path: artifactPath(id, '/finish'),
      id,
      ...scopeOf(upload.entry),
      json: { chunkCount: upload.acknowledged },
      expect: 'json',
    });
    const finished = parseMetadata(answer.json);
    // A finish is confirmed only by an answer that holds what was acknowledged, whole.
    if (finished.status !== 'complete' || finished.chunkCount !== upload.acknowledged) {
      throw storageError(
        'STORAGE_FAILED',
        `The storage server answered the finish of artifact "${id}" with ${finished.chunkCount} chunks (${finished.status}), but acknowledged ${upload.acknowledged}: it does not hold what was sent.`,
      );
    }
    // Left in the outbox if this fails: a flush sees the artifact finished and drops it.
    await this.#outbox?.forget(id).catch(() => undefined);
    return finished;
  }

  async #metadata(id: string, scope: Scope = {}): Promise<ArtifactMetadata> {
    const answer = await this.#http.send({ operation: 'metadata', method: 'GET', path: artifactPath(id), id, ...scope, expect: 'json' });
    return parseMetadata(answer.json);
  }

  async #chunk(id: string, index: number, scope: Scope = {}): Promise<Uint8Array> {
    const answer = await this.#http.send({ operation: 'content', method: 'GET', path: chunkPath(id, index), id, ...scope, expect: 'bytes' });
    return answer.bytes;
  }

  async #list(operation: 'list-by-call' | 'list-by-subject' | 'list-expired', query: string, scope: Scope = {}): Promise<ArtifactMetadata[]> {
    const answer = await this.#http.send({ operation, method: 'GET', path: query, ...scope, expect: 'json' });
    return parseMetadataList(answer.json);
  }
}

function scopeOf({ callId, subjectId }: OutboxArtifact): Scope {
  return { callId, subjectId };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SealcallError('INVALID_ARGUMENT', `"${name}" expected a non-empty string, got ${typeof value === 'string' ? '""' : typeof value}`);
  }
  return value;
}
