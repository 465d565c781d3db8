import type { IndexedDBStorage } from './indexeddb-storage.js';
import { invalidArgument } from './errors.js';

export interface DeviceSweepOptions {
  /**
   * The time to judge expiry by, in milliseconds since the epoch: the server's (`serverTime()`)
   * where it can be reached, so that a device clock set back keeps nothing past its expiry.
   * Default: this device's clock.
   */
  readonly now?: number;
  /**
   * A recording that a page which has gone (closed, crashed) left unfinished: `keep` (default)
   * marks it `endReason: 'failed'` and keeps it, `incomplete` and readable up to its last chunk,
   * until it expires; `delete` deletes it. Any other kind left unfinished is deleted: a picture or
   * a document half stored was never kept.
   */
  readonly unfinishedRecordings?: 'keep' | 'delete';
}

export interface DeviceSweep {
  /** Deleted: past their expiry. */
  readonly expired: readonly string[];
  /** Unfinished recordings marked `endReason: 'failed'` and kept. */
  readonly markedFailed: readonly string[];
  /** Unfinished artifacts deleted. */
  readonly unfinishedDeleted: readonly string[];
}

/**
 * Housekeeping for artifacts kept on the device by choice, to run when the page starts: deletes
 * what has expired, and settles what a closed page left unfinished (`unfinishedRecordings`).
 * Artifacts a writer in an open page (this one or another) is still writing are left alone.
 */
export async function sweepDeviceStorage(storage: IndexedDBStorage, options: DeviceSweepOptions = {}): Promise<DeviceSweep> {
  const now = options.now ?? Date.now();
  const unfinished = options.unfinishedRecordings ?? 'keep';
  if (!Number.isSafeInteger(now) || now < 0) throw invalidArgument(`"now" expected milliseconds since the epoch, got ${String(now)}`);
  if (unfinished !== 'keep' && unfinished !== 'delete') throw invalidArgument(`"unfinishedRecordings" expected keep or delete, got ${String(unfinished)}`);
  const sweep = { expired: [] as string[], markedFailed: [] as string[], unfinishedDeleted: [] as string[] };
  for (const artifact of await storage.listAll()) {
    const { id, expiresAt, status, kind, endReason } = artifact;
    if (expiresAt <= now) {
      await storage.delete(id);
      sweep.expired.push(id);
    } else if (status === 'incomplete') {
      const keep = kind === 'recording' && unfinished === 'keep';
      if (keep && endReason !== undefined) continue;
      const settled = await storage.whileIdle(id, async () => {
        if (keep) await storage.updateMetadata(id, { endReason: 'failed' });
        else await storage.delete(id);
      });
      if (settled !== 'busy') (keep ? sweep.markedFailed : sweep.unfinishedDeleted).push(id);
    }
  }
  return sweep;
}

/**
 * Deletes every artifact of `subjectId` the storage holds (their pictures, recordings, documents
 * and consent records): a subject's erasure, on the device. Resolves with the ids deleted.
 */
export async function eraseSubjectOnDevice(storage: IndexedDBStorage, subjectId: string): Promise<string[]> {
  if (typeof subjectId !== 'string' || subjectId.length === 0) throw invalidArgument(`"subjectId" expected a non-empty string, got ${String(subjectId)}`);
  const erased: string[] = [];
  for (const { id } of await storage.listBySubject(subjectId)) {
    await storage.delete(id);
    erased.push(id);
  }
  return erased;
}
