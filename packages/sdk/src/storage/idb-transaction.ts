import { SealcallError } from '../errors.js';
import { storageError } from './errors.js';

/** The part of an idb transaction `commit()` needs. */
export interface CommittableTransaction {
  readonly done: Promise<void>;
  readonly error: DOMException | null;
  abort(): void;
}

/**
 * Runs `body` in `tx` and waits for the commit. On any failure the transaction is aborted, so
 * nothing of it is stored, and the error becomes a SealcallError: a quota error becomes
 * STORAGE_QUOTA_EXCEEDED whether it fails a request or only surfaces when the transaction aborts.
 */
export async function commit<T>(tx: CommittableTransaction, body: () => Promise<T>): Promise<T> {
  const done = tx.done;
  done.catch(() => undefined);
  try {
    const result = await body();
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already committed or aborted: the error below says why.
    }
    throw toStorageError(error, tx.error);
  }
}

export function toStorageError(error: unknown, transactionError: DOMException | null = null): SealcallError {
  if (error instanceof SealcallError) return error;
  if (isQuotaError(error) || isQuotaError(transactionError)) {
    return storageError('STORAGE_QUOTA_EXCEEDED', 'The browser refused to store more: its storage quota for this site is used up. Nothing of this write was stored; earlier data is intact.', {
      cause: isQuotaError(error) ? error : transactionError,
    });
  }
  return storageError('STORAGE_FAILED', `IndexedDB failed (${errorName(error)}); the cause is attached.`, { cause: error });
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Issues requests in order and waits for all of them. If one throws at once (the transaction
 * went inactive), those issued before it are still observed: no unhandled rejection.
 */
export async function requests(...issue: Array<() => Promise<unknown>>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const request of issue) {
    const promise = request();
    promise.catch(() => undefined);
    pending.push(promise);
  }
  await Promise.all(pending);
}

/** The key range of one artifact's chunks, in a store keyed `[artifactId, index]`. */
export function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Infinity]);
}
