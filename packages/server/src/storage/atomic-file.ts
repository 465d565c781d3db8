import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Files by this prefix are writes that never finished; nothing reads them. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Writes `name` in `directory` so that a reader, or the next process after a crash, sees either
 * the old file or the whole new one: the bytes go to a temporary file, are flushed to the disk,
 * and the file is renamed over the target.
 */
export async function writeFileAtomically(directory: string, name: string, data: Uint8Array | string): Promise<void> {
  const temp = join(directory, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(directory, name));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
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
