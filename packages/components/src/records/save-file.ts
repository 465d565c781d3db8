/**
 * Saves a stream to a file on this computer without holding it in memory: straight into the
 * file the user picks where the browser has a save dialog (File System Access, Chromium), else
 * written to the origin private file system first and downloaded from there (Firefox), else,
 * where neither exists (Safari's main thread), gathered into a Blob.
 */

import { blobOf } from './records-format.js';

/**
 * Saves what `open()` streams as file `name` of media type `type`. `open` is called once the
 * file is chosen: a save dialog must open while the click that asked for it is fresh.
 */
export type SaveFile = (name: string, type: string, open: () => Promise<ReadableStream<Uint8Array>>) => Promise<void>;

interface SaveFilePicker {
  showSaveFilePicker(options: { suggestedName: string; types: Array<{ description: string; accept: Record<string, string[]> }> }): Promise<FileSystemFileHandle>;
}

const SCRATCH = 'sealcall-saved-files';
/** How long a file written to the private file system stays for its download to finish. */
const SCRATCH_LIFETIME_MS = 10 * 60_000;

export const saveFile: SaveFile = async (name, type, open) => {
  const extension = name.slice(name.lastIndexOf('.'));
  const picker = globalThis as unknown as Partial<SaveFilePicker>;
  if (typeof picker.showSaveFilePicker === 'function') {
    const handle = await picker.showSaveFilePicker({ suggestedName: name, types: [{ description: name, accept: { [type]: [extension] } }] });
    const content = await open();
    await content.pipeTo(await handle.createWritable());
    return;
  }
  const root = await navigator.storage?.getDirectory?.().catch(() => undefined);
  if (root) {
    const scratch = await root.getDirectoryHandle(SCRATCH, { create: true });
    const handle = await scratch.getFileHandle(`${Date.now()}-${name}`, { create: true });
    await (await open()).pipeTo(await handle.createWritable());
    download(URL.createObjectURL(await handle.getFile()), name);
    setTimeout(() => void scratch.removeEntry(handle.name).catch(() => undefined), SCRATCH_LIFETIME_MS);
    return;
  }
  download(URL.createObjectURL(await blobOf(await open(), type)), name);
};

function download(url: string, name: string): void {
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), SCRATCH_LIFETIME_MS);
}
