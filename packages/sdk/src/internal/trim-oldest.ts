/** Forgets the oldest entries (in insertion order) of `collection` past `limit`: a memory of the latest. */
export function trimOldest(collection: Set<unknown> | Map<unknown, unknown>, limit: number): void {
  for (const key of collection.keys()) {
    if (collection.size <= limit) return;
    collection.delete(key);
  }
}
