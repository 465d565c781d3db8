import { SealcallError } from '../errors.js';
import { storageError } from './errors.js';
import type { ArtifactMetadata } from './types.js';
import type { DeviceOutbox, OutboxArtifact } from './device-outbox.js';

/** What `HttpStorage.flushOutbox()` did: with each artifact in flight, and with each pending delete. */
export interface OutboxFlush {
  readonly uploads: readonly ResumedUpload[];
  readonly deletes: readonly RetriedDelete[];
}

/** `deleted`: the server confirmed it now; `kept`: it failed again (`error`), still pending. */
export interface RetriedDelete {
  readonly id: string;
  readonly outcome: 'deleted' | 'kept';
  readonly error?: SealcallError;
}

/**
 * What `HttpStorage.flushOutbox()` did with one artifact in flight:
 * - `sent`: the server holds every chunk the device held (`sent` of them sent now); the device
 *   holds nothing of it any more. An artifact whose writer never finished stays `incomplete` on
 *   the server, readable up to its last chunk.
 * - `gone`: the server has no such artifact (erased, expired, or never begun): the device copy was
 *   dropped.
 * - `expired`: the server could not be asked and the artifact is past its expiry by this device's
 *   clock: the device copy was dropped unsent.
 * - `busy`: a writer, in this page or another, is sending one of its chunks right now; left to it.
 * - `kept`: not (all) sent this time, for `error`; still held, sent by a later flush.
 */
export interface ResumedUpload {
  readonly id: string;
  readonly callId: string;
  readonly outcome: 'sent' | 'gone' | 'expired' | 'busy' | 'kept';
  readonly sent: number;
  readonly error?: SealcallError;
}

/** What resuming needs of the storage server, with the artifact's call and subject for the token. */
export interface ResumeTarget {
  metadata(artifact: OutboxArtifact): Promise<ArtifactMetadata>;
  append(artifact: OutboxArtifact, index: number, bytes: Uint8Array): Promise<void>;
}

/** Asks the server again for each delete it has not confirmed; `remove` resolves once it has. */
export async function flushDeletes(outbox: DeviceOutbox, remove: (id: string) => Promise<void>): Promise<RetriedDelete[]> {
  const retried: RetriedDelete[] = [];
  for (const { id } of await outbox.deletes()) {
    try {
      await remove(id);
    } catch (cause) {
      retried.push({ id, outcome: 'kept', error: asStorageError(cause) });
      continue;
    }
    await outbox.forget(id);
    retried.push({ id, outcome: 'deleted' });
  }
  return retried;
}

/** Sends the chunks `outbox` holds to `target`, one artifact after the other. */
export async function flushUploads(outbox: DeviceOutbox, target: ResumeTarget, now: number): Promise<ResumedUpload[]> {
  const outcomes: ResumedUpload[] = [];
  for (const artifact of await outbox.artifacts()) {
    const outcome = await outbox.whileIdle(artifact.id, () => resume(outbox, target, artifact, now));
    outcomes.push(outcome === 'busy' ? { id: artifact.id, callId: artifact.callId, outcome, sent: 0 } : outcome);
  }
  return outcomes;
}

async function resume(outbox: DeviceOutbox, target: ResumeTarget, artifact: OutboxArtifact, now: number): Promise<ResumedUpload> {
  const { id, callId } = artifact;
  let stored: ArtifactMetadata;
  try {
    stored = await target.metadata(artifact);
  } catch (cause) {
    const error = asStorageError(cause);
    if (error.code === 'STORAGE_NOT_FOUND') {
      await outbox.forget(id);
      return { id, callId, outcome: 'gone', sent: 0 };
    }
    if (artifact.expiresAt <= now) {
      await outbox.forget(id);
      return { id, callId, outcome: 'expired', sent: 0, error };
    }
    return { id, callId, outcome: 'kept', sent: 0, error };
  }
  let next = stored.chunkCount;
  let sent = 0;
  try {
    // A finished artifact holds what its writer saw acknowledged: anything held was never part of it.
    const held = stored.status === 'complete' ? [] : await outbox.held(id);
    for (const index of held) {
      if (index > next) {
        throw storageError('STORAGE_CONFLICT', `The server holds ${next} chunks of artifact "${id}"; this device holds chunk ${index} but not chunk ${next}.`);
      }
      if (index === next) {
        const bytes = await outbox.chunk(id, index);
        if (bytes === undefined) throw storageError('STORAGE_FAILED', `Chunk ${index} of artifact "${id}" went from the outbox while it was sent.`);
        await target.append(artifact, index, bytes);
        next++;
        sent++;
      }
      await outbox.release(id, index);
    }
  } catch (cause) {
    return { id, callId, outcome: 'kept', sent, error: asStorageError(cause) };
  }
  await outbox.forget(id);
  return { id, callId, outcome: 'sent', sent };
}

function asStorageError(error: unknown): SealcallError {
  return error instanceof SealcallError ? error : storageError('STORAGE_FAILED', 'Flushing the outbox failed; the cause is attached.', { cause: error });
}
