import { sharesWindow } from './recording-playback.js';

/**
 * Where on this device (this origin's IndexedDB databases and origin private file system) any
 * 16-byte run of one of `needles` is stored: as an attacker with the device's disk would look.
 */
export async function devicePlacesHolding(needles: readonly Uint8Array[]): Promise<string[]> {
  const places: string[] = [];
  for await (const [place, bytes] of storedBytes()) {
    if (needles.some((needle) => sharesWindow(needle, [bytes]))) places.push(place);
  }
  return [...new Set(places)];
}

async function* storedBytes(): AsyncGenerator<[string, Uint8Array]> {
  for (const { name } of await indexedDB.databases()) {
    if (name === undefined) continue;
    const db = await request(indexedDB.open(name));
    try {
      for (const store of db.objectStoreNames) {
        const values = await request(db.transaction(store).objectStore(store).getAll());
        for (const value of values) for (const bytes of await binaryIn(value)) yield [`indexeddb:${name}/${store}`, bytes];
      }
    } finally {
      db.close();
    }
  }
  if (navigator.storage?.getDirectory) yield* filesIn(await navigator.storage.getDirectory(), 'opfs:');
}

async function* filesIn(directory: FileSystemDirectoryHandle, path: string): AsyncGenerator<[string, Uint8Array]> {
  for await (const handle of (directory as FileSystemDirectoryHandle & { values(): AsyncIterable<FileSystemHandle> }).values()) {
    if (handle instanceof FileSystemFileHandle) yield [`${path}${handle.name}`, new Uint8Array(await (await handle.getFile()).arrayBuffer())];
    else yield* filesIn(handle as FileSystemDirectoryHandle, `${path}${handle.name}/`);
  }
}

/** Every binary value inside `value`, however deep. */
async function binaryIn(value: unknown): Promise<Uint8Array[]> {
  if (value instanceof Uint8Array) return [value];
  if (ArrayBuffer.isView(value)) return [new Uint8Array(value.buffer, value.byteOffset, value.byteLength)];
  if (value instanceof ArrayBuffer) return [new Uint8Array(value)];
  if (value instanceof Blob) return [new Uint8Array(await value.arrayBuffer())];
  if (typeof value !== 'object' || value === null) return [];
  const inner = await Promise.all(Object.values(value).map(binaryIn));
  return inner.flat();
}

function request<T>(pending: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    pending.onsuccess = () => resolve(pending.result);
    pending.onerror = () => reject(pending.error);
  });
}
