import type { ConsentQuery, ConsentRecord, ConsentStore } from './types.js';

/** Keeps consent records in memory: for tests and demos. */
export class MemoryConsentStore implements ConsentStore {
  readonly #records: ConsentRecord[] = [];

  async append(record: ConsentRecord): Promise<void> {
    this.#records.push(structuredClone(record));
  }

  async list(query: ConsentQuery): Promise<ConsentRecord[]> {
    return this.#records
      .filter((r) => (query.subjectId === undefined || r.subjectId === query.subjectId) && (query.callId === undefined || r.callId === query.callId))
      .map((r) => structuredClone(r));
  }
}
