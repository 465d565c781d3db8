import { SealcallError } from '../errors.js';
import { storageError } from './errors.js';
import type { ArtifactMetadata } from './types.js';
import type { BufferedArtifact, UploadBuffer } from './upload-buffer.js';

/**
 * What `HttpStorage.resumeBuffered()` did with one artifact of the buffer:
 * - `sent`: the server holds every chunk the device held (`sent` of them sent now); the device
 *   holds nothing of it any more. An artifact whose writer never finished stays `incomplete` on
 *   the server, readable up to its last chunk.
 * - `gone`: the server has no such artifact (erased, expired, or never begun): the device copy was
 *   dropped.
 * - `expired`: the server could not be asked and the artifact is past its expiry by this device's
 *   clock: the device copy was dropped unsent.
 * - `busy`: a writer in an open page is still writing it; left to that writer.
 * - `kept`: not (all) sent this time, for `error`; still held, to be resumed later.
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
  metadata(artifact: BufferedArtifact): Promise<ArtifactMetadata>;
  append(artifact: BufferedArtifact, index: number, bytes: Uint8Array): Promise<void>;
}

/** Sends what `buffer` holds to `target`, one artifact after the other. */
export async function resumeUploads(buffer: UploadBuffer, target: ResumeTarget, now: number): Promise<ResumedUpload[]> {
  const outcomes: ResumedUpload[] = [];
  for (const artifact of await buffer.artifacts()) {
    const outcome = await buffer.whileIdle(artifact.id, () => resume(buffer, target, artifact, now));
    outcomes.push(outcome === 'busy' ? { id: artifact.id, callId: artifact.callId, outcome, sent: 0 } : outcome);
  }
  return outcomes;
}

async function resume(buffer: UploadBuffer, target: ResumeTarget, artifact: BufferedArtifact, now: number): Promise<ResumedUpload> {
  const { id, callId } = artifact;
  let stored: ArtifactMetadata;
  try {
    stored = await target.metadata(artifact);
  } catch (cause) {
    const error = asStorageError(cause);
    if (error.code === 'STORAGE_NOT_FOUND') {
      await buffer.forget(id);
      return { id, callId, outcome: 'gone', sent: 0 };
    }
    if (artifact.expiresAt <= now) {
      await buffer.forget(id);
      return { id, callId, outcome: 'expired', sent: 0, error };
    }
    return { id, callId, outcome: 'kept', sent: 0, error };
  }
  let next = stored.chunkCount;
  let sent = 0;
  try {
    // A finished artifact holds what its writer saw acknowledged: anything held was never part of it.
    const held = stored.status === 'complete' ? [] : await buffer.held(id);
    for (const index of held) {
      if (index > next) {
        throw storageError('STORAGE_CONFLICT', `The server holds ${next} chunks of artifact "${id}"; this device holds chunk ${index} but not chunk ${next}.`);
      }
      if (index === next) {
        const bytes = await buffer.chunk(id, index);
        if (bytes === undefined) throw storageError('STORAGE_FAILED', `Chunk ${index} of artifact "${id}" went from the upload buffer while it was resumed.`);
        await target.append(artifact, index, bytes);
        next++;
        sent++;
      }
      await buffer.release(id, index);
    }
  } catch (cause) {
    return { id, callId, outcome: 'kept', sent, error: asStorageError(cause) };
  }
  await buffer.forget(id);
  return { id, callId, outcome: 'sent', sent };
}

function asStorageError(error: unknown): SealcallError {
  return error instanceof SealcallError ? error : storageError('STORAGE_FAILED', 'Resuming an upload failed; the cause is attached.', { cause: error });
}
