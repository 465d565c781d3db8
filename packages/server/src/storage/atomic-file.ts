import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Files by this prefix are writes that never finished; nothing reads them. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Writes each file in `directory` so that a reader, or the next process after a crash, sees
 * either the old file or the whole new one: the bytes go to temporary files, are flushed to the
 * disk (all at once, so that the disk can take them in one go), and each is renamed over its
 * target; one sync of the directory then makes the renames durable.
 */
export async function writeFilesAtomically(directory: string, files: readonly { readonly name: string; readonly data: Uint8Array | string }[]): Promise<void> {
  const temps = files.map(() => join(directory, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`));
  try {
    // Settled, not raced: nothing is removed below while a write may still create its file.
    const written = await Promise.allSettled(files.map((file, i) => writeDurably(temps[i]!, file.data)));
    const failed = written.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, file] of files.entries()) await rename(temps[i]!, join(directory, file.name));
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    throw error;
  }
  await syncDirectory(directory);
}

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new entry in `directory` durable. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the rename is then as durable as they make it.
  } finally {
    await handle?.close();
  }
}
