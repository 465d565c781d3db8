import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import { artifactError } from '../at-rest/errors.js';
import { utf8 } from '../internal/bytes.js';
import type { ArtifactMetadata } from '../storage/types.js';
import { inChainOrder } from './record-hash.js';
import { isConsentRecord } from './record-shape.js';
import type { ConsentQuery, ConsentRecord, ConsentStore } from './types.js';

export interface VaultConsentStoreOptions {
  /** Encrypts the records and keeps them in its storage adapter, with the pictures and recordings. */
  readonly vault: ArtifactVault;
  /**
   * How long a record is kept, from when it is written: as long as you may have to prove the
   * consent. Default six years.
   */
  readonly retainForMs?: number;
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

const SIX_YEARS_MS = 6 * 365 * 24 * 60 * 60 * 1000;
/** The artifact call id of a record given outside any call (artifacts need one). */
const NO_CALL = 'no-call';

/**
 * Consent records stored through the storage adapter, each as a small encrypted artifact of
 * kind `consent`: they live where the evidence lives, under the same key providers, retention
 * and erasure. Append-only: nothing here changes or deletes a record. Unfinished writes (a
 * closed tab) are not records; a stored record that does not parse is reported, never skipped.
 */
export class VaultConsentStore implements ConsentStore {
  readonly #vault: ArtifactVault;
  readonly #retainForMs: number;
  readonly #now: () => number;

  constructor(options: VaultConsentStoreOptions) {
    this.#vault = options.vault;
    this.#retainForMs = options.retainForMs ?? SIX_YEARS_MS;
    this.#now = options.now ?? Date.now;
  }

  async append(record: ConsentRecord): Promise<void> {
    const writer = await this.#vault.write({
      meta: {
        id: `consent-${record.id}`,
        callId: record.callId ?? NO_CALL,
        subjectId: record.subjectId,
        kind: 'consent',
        mimeType: 'application/json',
        expiresAt: this.#now() + this.#retainForMs,
        consentRef: record.id,
      },
    });
    try {
      await writer.write(utf8(JSON.stringify(record)));
      await writer.close();
    } catch (error) {
      await writer.abort().catch(() => undefined);
      throw error;
    }
  }

  async list(query: ConsentQuery): Promise<ConsentRecord[]> {
    const { storage } = this.#vault;
    if (query.subjectId !== undefined) {
      const records = inChainOrder(await this.#readAll(await storage.listBySubject(query.subjectId)));
      return query.callId === undefined ? records : records.filter((r) => r.callId === query.callId);
    }
    if (query.callId === undefined) return [];
    const subjects = new Set((await storage.listByCall(query.callId)).filter(isConsent).map((m) => m.subjectId));
    const all: ConsentRecord[] = [];
    for (const subjectId of subjects) all.push(...(await this.list({ subjectId, callId: query.callId })));
    return all.sort((a, b) => a.at.localeCompare(b.at));
  }

  async #readAll(metadata: readonly ArtifactMetadata[]): Promise<ConsentRecord[]> {
    const records: ConsentRecord[] = [];
    for (const m of metadata) if (isConsent(m) && m.status === 'complete') records.push(await this.#read(m.id));
    return records;
  }

  async #read(id: string): Promise<ConsentRecord> {
    const { stream } = await this.#vault.read(id);
    const text = await new Response(stream).text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw artifactError('ARTIFACT_CORRUPT', `Consent record "${id}" is not JSON: the store holds something that is not a consent record.`, { cause });
    }
    if (!isConsentRecord(parsed)) throw artifactError('ARTIFACT_CORRUPT', `Consent record "${id}" does not have the shape of a consent record.`);
    return parsed;
  }
}

function isConsent(metadata: ArtifactMetadata): boolean {
  return metadata.kind === 'consent';
}

