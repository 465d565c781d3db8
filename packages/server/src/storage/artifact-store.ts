import { WITHHELD, type RetainedReason, type RetentionBasis } from '@sealcall/protocol';
import type { Database, Queryable, SqlValue } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import type { AuditEvent, AuditLog } from '../governance/audit-log.js';
import { refuseIfErased } from '../governance/erased-subjects.js';
import { lockScope } from '../governance/scope-locks.js';
import { HELD, refuseIfHeld } from '../governance/legal-holds.js';
import { BlobStore } from './blob-store.js';
import type { ArtifactPatch, ArtifactRecord, NewArtifact } from './types.js';
import { DAY_MS } from '../time.js';

/** Who began an artifact: the storage token's role and `sub`. Only it may write to the artifact. */
export interface ArtifactOwner {
  readonly role: 'agent' | 'customer';
  readonly subject: string;
}

/** An artifact as stored: its wire metadata, and who owns it (never sent to clients). */
export interface StoredArtifact {
  readonly record: ArtifactRecord;
  readonly owner: ArtifactOwner;
  /** Set when an erasure of its subject kept it on another lawful basis. */
  readonly retainedFor: RetentionBasis | null;
}

export interface ArtifactStoreOptions {
  readonly database: Database;
  /** Every write is recorded here, in the write's own transaction. */
  readonly audit: AuditLog;
  /** Where the content goes: a directory for the blob store. */
  readonly directory: string;
  /** Stored bytes per artifact; a chunk past it is STORAGE_QUOTA_EXCEEDED. */
  readonly maxArtifactBytes: number;
}

/** Checks a stored artifact before an operation goes on with it, by throwing (the caller's access rules). */
export type ArtifactGuard = (artifact: StoredArtifact) => void;

/** Who asks (a storage token's role and `sub`, for the audit log), what must hold for them, and when. */
export interface Requester {
  readonly actor: { readonly role: string; readonly id: string };
  readonly guard: ArtifactGuard;
  readonly now: number;
}

/** `liveAt`: only artifacts not expired at that time. */
export type ArtifactListing = { readonly callId: string; readonly liveAt?: number } | { readonly subjectId: string } | { readonly expiredBefore: number };

/** Who purges: the server's retention sweeper. */
const RETENTION = { role: 'server', id: 'retention' } as const;
/** Artifacts erased per transaction when a subject is erased. */
const ERASURE_BATCH = 100;

/** A retention period that counts from an event (a claim closed) recorded for the artifact's subject or call. */
export interface EventRetention {
  readonly event: string;
  readonly days: number;
}

/** What erasing a subject's artifacts did. */
export interface SubjectArtifactsErased {
  readonly erased: number;
  readonly retained: ReadonlyArray<{ readonly artifactId: string; readonly reason: RetainedReason }>;
}

const COLUMNS = `id, call_id, subject_id, kind, mime_type, created_at, expires_at, consent_ref, algorithm, key_provider_id,
  wrapped_key, nonce_prefix, size::float8 AS size, status, chunk_count, end_reason, owner_role, owner_subject, retained_for, purpose`;

interface ArtifactRow {
  id: string;
  call_id: string;
  subject_id: string;
  kind: ArtifactRecord['kind'];
  mime_type: string;
  created_at: Date;
  expires_at: Date;
  consent_ref: string | null;
  algorithm: string;
  key_provider_id: string;
  wrapped_key: string | null;
  nonce_prefix: string;
  size: number;
  status: ArtifactRecord['status'];
  chunk_count: number;
  end_reason: NonNullable<ArtifactRecord['endReason']> | null;
  owner_role: ArtifactOwner['role'];
  owner_subject: string;
  retained_for: RetentionBasis | null;
  purpose: string | null;
}

/**
 * Artifacts: metadata in the database, content in the blob store. A chunk's file is in place
 * before the transaction that counts it commits, so the database never counts a chunk the blob
 * store lacks; each write to an artifact holds its row locked (`FOR UPDATE`), so writers in
 * several processes take turns. An erased id is remembered and never begun again.
 */
export class ArtifactStore {
  readonly #db: Database;
  readonly #audit: AuditLog;
  readonly #blobs: BlobStore;
  readonly #maxArtifactBytes: number;

  constructor(options: ArtifactStoreOptions) {
    this.#db = options.database;
    this.#audit = options.audit;
    this.#blobs = new BlobStore(options.directory);
    this.#maxArtifactBytes = options.maxArtifactBytes;
  }

  /** Prepares the blob store and finishes the erasures a crash interrupted. */
  async open(): Promise<void> {
    await this.#blobs.open();
    const pending = await this.#db.query<{ tenant_id: string; id: string }>(`SELECT tenant_id, id FROM erased_artifacts WHERE NOT content_removed`);
    for (const { tenant_id: tenant, id } of pending) await this.#removeContent(tenant, id);
  }

  /**
   * Stores a new artifact as the server stamped it (stamp.ts). `created: false` when the same
   * artifact, still empty and of the same owner, exists: a replayed request (its times were
   * stamped then, its expiry no later than this one's). STORAGE_CONFLICT for an erased id or an
   * erased data subject. With `awaits`, the artifact is kept no longer than `days` after `event`,
   * counted from when it is recorded for its subject or call, or was already.
   */
  begin(tenant: string, requested: NewArtifact, owner: ArtifactOwner, now: number, awaits?: EventRetention): Promise<{ artifact: StoredArtifact; created: boolean }> {
    return this.#db.transaction(async (tx) => {
      const erased = await tx.query(`SELECT 1 FROM erased_artifacts WHERE tenant_id = $1 AND id = $2`, [tenant, requested.id]);
      if (erased.length > 0) throw conflict(`the artifact "${requested.id}" was erased; an erased id is never used again`);
      await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenant, new Date(now)]);
      await lockScope(tx, tenant, { callId: requested.callId }, 'shared');
      if (requested.subjectId !== WITHHELD) {
        await lockScope(tx, tenant, { subjectId: requested.subjectId }, 'shared');
        await refuseIfErased(tx, tenant, requested.subjectId);
      }
      // Under the scope locks, so that an event recorded meanwhile is seen here or updates the row.
      const artifact = awaits === undefined ? requested : { ...requested, expiresAt: await expiryAfterEvent(tx, tenant, requested, awaits) };
      const { encryption: e } = artifact;
      const [inserted] = await tx.query<ArtifactRow>(
        `INSERT INTO artifacts (tenant_id, id, call_id, subject_id, kind, mime_type, created_at, expires_at, consent_ref,
           algorithm, key_provider_id, wrapped_key, nonce_prefix, status, owner_role, owner_subject, purpose, retention_event, retention_event_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'incomplete', $14, $15, $16, $17, $18)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [tenant, artifact.id, artifact.callId, artifact.subjectId, artifact.kind, artifact.mimeType, new Date(artifact.createdAt),
          new Date(artifact.expiresAt), artifact.consentRef, e.algorithm, e.keyProviderId, e.wrappedKey, e.noncePrefix, owner.role, owner.subject,
          artifact.purpose ?? null, awaits?.event ?? null, awaits?.days ?? null],
      );
      if (inserted) {
        const stored = fromRow(inserted);
        const action = artifact.kind === 'consent' ? 'consent.recorded' : 'artifact.created';
        await this.#record(tx, tenant, stored, { action, actor: { role: owner.role, id: owner.subject }, details: { kind: artifact.kind } }, now);
        return { artifact: stored, created: true };
      }
      const existing = await this.#find(tx, tenant, artifact.id);
      if (existing && isReplayOf(existing, artifact, owner)) return { artifact: existing, created: false };
      throw conflict(`an artifact with id "${artifact.id}" exists already`);
    });
  }

  /** The artifact, once the requester's guard let it through; STORAGE_NOT_FOUND if there is none. */
  async get(tenant: string, id: string, by: Requester): Promise<StoredArtifact> {
    const found = await this.#find(this.#db, tenant, id);
    if (!found) throw notFound(id);
    by.guard(found);
    return found;
  }

  /**
   * Appends `chunks` as chunks `from`, `from + 1`, …, all or none. A chunk held already with the
   * same bytes is a replay and changes nothing (`created: false` when all are); with other bytes
   * it is STORAGE_CONFLICT, as is a gap before the first new one.
   */
  append(tenant: string, id: string, from: number, chunks: readonly Uint8Array[], by: Requester): Promise<{ record: ArtifactRecord; created: boolean }> {
    return this.#db.transaction(async (tx) => {
      const { record } = await this.#locked(tx, tenant, id, by);
      const fresh: Uint8Array[] = [];
      for (const [offset, bytes] of chunks.entries()) {
        const index = from + offset;
        if (index < record.chunkCount) {
          const stored = await this.#blobs.readChunk({ tenant, id }, index);
          if (!stored?.equals(bytes)) throw conflict(`chunk ${index} of artifact "${id}" is stored already, with other bytes`);
        } else fresh.push(bytes);
      }
      if (fresh.length === 0) return { record, created: false };
      if (record.status === 'complete') throw conflict(`artifact "${id}" is complete; no chunk can be added`);
      const first = from + chunks.length - fresh.length;
      if (first !== record.chunkCount) throw conflict(`artifact "${id}" expects chunk ${record.chunkCount} next, got chunk ${first}`);
      const added = fresh.reduce((sum, bytes) => sum + bytes.length, 0);
      if (record.size + added > this.#maxArtifactBytes) {
        throw new SealcallServerError('STORAGE_QUOTA_EXCEEDED', `chunk ${first + fresh.length - 1} would take artifact "${id}" past the server's limit of ${this.#maxArtifactBytes} bytes`);
      }
      await this.#blobs.writeChunks({ tenant, id }, first, fresh);
      const [row] = await tx.query<ArtifactRow>(
        `UPDATE artifacts SET chunk_count = $3, size = size + $4 WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [tenant, id, first + fresh.length, added],
      );
      return { record: fromRow(row!).record, created: true };
    });
  }

  /**
   * Marks the artifact complete. With `chunkCount`, only if it holds exactly that many chunks, and
   * a complete artifact with that many is a replay that answers as the first finish did.
   */
  finish(tenant: string, id: string, chunkCount: number | undefined, by: Requester): Promise<ArtifactRecord> {
    return this.#db.transaction(async (tx) => {
      const found = await this.#locked(tx, tenant, id, by);
      const { record } = found;
      if (chunkCount !== undefined && chunkCount !== record.chunkCount) {
        throw conflict(`finishing artifact "${id}" with ${chunkCount} chunks, but it holds ${record.chunkCount}`);
      }
      if (record.status === 'complete') {
        if (chunkCount !== undefined) return record;
        throw conflict(`artifact "${id}" is complete already`);
      }
      await this.#record(tx, tenant, found, { action: 'artifact.completed', actor: by.actor, details: { chunks: record.chunkCount, bytes: record.size } }, by.now);
      return this.#set(tx, tenant, id, `status = 'complete'`, []);
    });
  }

  /**
   * Changes what may change after creation, and only one way: the expiry earlier, the data key
   * destroyed (never replaced), the end reason set once. Anything else is FORBIDDEN (a key
   * provider or nonce swapped, a later expiry) or STORAGE_CONFLICT (another end reason).
   */
  update(tenant: string, id: string, patch: ArtifactPatch, by: Requester): Promise<ArtifactRecord> {
    return this.#db.transaction(async (tx) => {
      const found = await this.#locked(tx, tenant, id, by);
      const { record } = found;
      checkPatch(record, patch);
      const sets: string[] = [];
      const values: SqlValue[] = [];
      const set = (column: string, value: SqlValue): void => {
        values.push(value);
        sets.push(`${column} = $${values.length + 2}`);
      };
      if (patch.expiresAt !== undefined) set('expires_at', new Date(patch.expiresAt));
      if (patch.endReason !== undefined) set('end_reason', patch.endReason);
      if (patch.encryption !== undefined) set('wrapped_key', patch.encryption.wrappedKey);
      if (sets.length === 0) return record;
      const details = {
        ...(patch.expiresAt === undefined ? {} : { expiresAt: patch.expiresAt }),
        ...(patch.endReason === undefined ? {} : { endReason: patch.endReason }),
        ...(patch.encryption?.wrappedKey === null && record.encryption.wrappedKey !== null ? { keyDestroyed: true } : {}),
      };
      await this.#record(tx, tenant, found, { action: 'artifact.updated', actor: by.actor, details }, by.now);
      return this.#set(tx, tenant, id, sets.join(', '), values);
    });
  }

  /**
   * Chunk `index`, one of the `chunkCount` the metadata counts; STORAGE_NOT_FOUND otherwise. With
   * `audited`, the read is in the audit log before a byte is returned.
   */
  async readChunk(tenant: string, id: string, index: number, by: Requester, audited: boolean): Promise<Buffer> {
    const found = await this.get(tenant, id, by);
    const { record } = found;
    if (index >= record.chunkCount) {
      throw new SealcallServerError('STORAGE_NOT_FOUND', `artifact "${id}" has ${record.chunkCount} chunks; there is no chunk ${index}`);
    }
    if (audited) await this.#db.transaction((tx) => this.#record(tx, tenant, found, { action: 'artifact.read', actor: by.actor, details: { chunk: index } }, by.now));
    const bytes = await this.#blobs.readChunk({ tenant, id }, index);
    // Counted, yet gone: erased between the two reads.
    if (bytes === undefined) throw notFound(id);
    return bytes;
  }

  /** Audits that staff `actor` opened `artifact`'s content: to view it or to download it. */
  recordAccess(tenant: string, artifact: StoredArtifact, action: 'artifact.read' | 'artifact.downloaded', actor: Requester['actor'], now: number): Promise<void> {
    return this.#db.transaction((tx) => this.#record(tx, tenant, artifact, { action, actor, details: { kind: artifact.record.kind } }, now));
  }

  /**
   * Erases metadata and content, once the requester's guard let it through, and remembers the
   * id; erasing an unknown id does nothing. Under a legal hold, STORAGE_CONFLICT and nothing erased.
   */
  async delete(tenant: string, id: string, by: Requester): Promise<void> {
    const erased = await this.#db.transaction(async (tx) => {
      const found = await this.#find(tx, tenant, id, ' FOR UPDATE');
      if (!found) return false;
      by.guard(found);
      await refuseIfHeld(tx, tenant, found.record);
      await this.#erase(tx, tenant, found, { action: 'artifact.erased', actor: by.actor, details: { kind: found.record.kind } }, by.now);
      return true;
    });
    if (erased) await this.#removeContent(tenant, id);
  }

  /**
   * Erases up to `limit` artifacts whose expiry has passed by `now`, of every tenant and under no
   * legal hold, as `delete` does, each with a `retention.purged` entry. Rows that another sweeper (another process) holds
   * are skipped, not waited for; tenants' chains are appended in one order, so two never deadlock.
   * Returns how many it erased.
   */
  async purgeExpired(now: number, limit: number): Promise<number> {
    const purged = await this.#db.transaction(async (tx) => {
      const rows = await tx.query<ArtifactRow & { tenant_id: string }>(
        `SELECT tenant_id, ${COLUMNS} FROM artifacts a WHERE expires_at < $1 AND NOT ${HELD} ORDER BY tenant_id, expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [new Date(now), limit],
      );
      for (const row of rows) {
        const details = { kind: row.kind, call: row.call_id, expiresAt: row.expires_at.getTime() };
        await this.#erase(tx, row.tenant_id, fromRow(row), { action: 'retention.purged', actor: RETENTION, details }, now);
      }
      return rows.map((row) => ({ tenant: row.tenant_id, id: row.id }));
    });
    for (const { tenant, id } of purged) await this.#removeContent(tenant, id);
    return purged.length;
  }

  /**
   * Erases every artifact of data subject `subjectId`, a batch at a time, but those a legal hold
   * covers and those kept on another lawful basis: named in `retain` now, or by an earlier
   * erasure. Its audit entries name no subject. The subject's tombstone must be written first, so
   * that nothing new is begun for them meanwhile.
   */
  async eraseSubject(tenant: string, subjectId: string, retain: ReadonlyMap<string, RetentionBasis>, actor: Requester['actor'], now: number): Promise<SubjectArtifactsErased> {
    let erased = 0;
    const retained: Array<{ artifactId: string; reason: RetainedReason }> = [];
    for (let after = ''; ;) {
      const { rows, gone } = await this.#db.transaction(async (tx) => {
        const rows = await tx.query<ArtifactRow & { held: boolean }>(
          `SELECT ${COLUMNS}, ${HELD} AS held FROM artifacts a WHERE tenant_id = $1 AND subject_id = $2 AND id > $3 ORDER BY id LIMIT $4 FOR UPDATE`,
          [tenant, subjectId, after, ERASURE_BATCH],
        );
        const gone: string[] = [];
        for (const row of rows) {
          const artifact = fromRow(row);
          const basis = row.retained_for ?? retain.get(row.id);
          if (row.held || basis !== undefined) {
            retained.push({ artifactId: row.id, reason: row.held ? 'legal-hold' : basis! });
            if (!row.held && row.retained_for === null) {
              await tx.query(`UPDATE artifacts SET retained_for = $3 WHERE tenant_id = $1 AND id = $2`, [tenant, row.id, basis!]);
              await this.#record(tx, tenant, artifact, { action: 'artifact.retained', actor, details: { kind: row.kind, basis: basis! } }, now, false);
            }
            continue;
          }
          await this.#erase(tx, tenant, artifact, { action: 'artifact.erased', actor, details: { kind: row.kind, cause: 'subject-erasure' } }, now, false);
          gone.push(row.id);
        }
        return { rows, gone };
      });
      for (const id of gone) await this.#removeContent(tenant, id);
      erased += gone.length;
      if (rows.length < ERASURE_BATCH) return { erased, retained };
      after = rows.at(-1)!.id;
    }
  }

  /** Up to `limit` of the subject's artifacts not expired at `liveAt`, by id after `after`. */
  async subjectPage(tenant: string, subjectId: string, after: string, limit: number, liveAt: number): Promise<StoredArtifact[]> {
    const rows = await this.#db.query<ArtifactRow>(
      `SELECT ${COLUMNS} FROM artifacts WHERE tenant_id = $1 AND subject_id = $2 AND id > $3 AND expires_at >= $4 ORDER BY id LIMIT $5`,
      [tenant, subjectId, after, new Date(liveAt), limit],
    );
    return rows.map(fromRow);
  }

  /** The chunks `record` counts, one at a time; STORAGE_NOT_FOUND if it is erased meanwhile. */
  async *content(tenant: string, record: ArtifactRecord): AsyncGenerator<Buffer> {
    for await (const bytes of this.#blobs.readChunks({ tenant, id: record.id }, record.chunkCount)) {
      if (bytes === undefined) throw notFound(record.id);
      yield bytes;
    }
  }

  async list(tenant: string, listing: ArtifactListing): Promise<ArtifactRecord[]> {
    const [where, values, order]: [string, SqlValue[], string] =
      'callId' in listing
        ? listing.liveAt === undefined
          ? ['call_id = $2', [listing.callId], '']
          : ['call_id = $2 AND expires_at >= $3', [listing.callId, new Date(listing.liveAt)], '']
        : 'subjectId' in listing
          ? ['subject_id = $2', [listing.subjectId], '']
          : ['expires_at < $2', [new Date(listing.expiredBefore)], ' ORDER BY expires_at'];
    const rows = await this.#db.query<ArtifactRow>(`SELECT ${COLUMNS} FROM artifacts WHERE tenant_id = $1 AND ${where}${order}`, [tenant, ...values]);
    return rows.map((row) => fromRow(row).record);
  }

  async #removeContent(tenant: string, id: string): Promise<void> {
    await this.#blobs.remove({ tenant, id });
    await this.#db.query(`UPDATE erased_artifacts SET content_removed = true WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
  }

  async #find(q: Queryable, tenant: string, id: string, lock = ''): Promise<StoredArtifact | undefined> {
    const [row] = await q.query<ArtifactRow>(`SELECT ${COLUMNS} FROM artifacts WHERE tenant_id = $1 AND id = $2${lock}`, [tenant, id]);
    return row && fromRow(row);
  }

  /** The artifact's row, locked for the rest of the transaction, once the requester's guard let it through. */
  async #locked(tx: Queryable, tenant: string, id: string, by: Requester): Promise<StoredArtifact> {
    const found = await this.#find(tx, tenant, id, ' FOR UPDATE');
    if (!found) throw notFound(id);
    by.guard(found);
    return found;
  }

  /** Deletes the artifact's row, remembers its id as erased, and records `event`; its content goes after the commit. */
  async #erase(tx: Queryable, tenant: string, artifact: StoredArtifact, event: Omit<AuditEvent, 'target' | 'subjectId'>, now: number, withSubject = true): Promise<void> {
    const { id } = artifact.record;
    await tx.query(`DELETE FROM artifacts WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
    await tx.query(`INSERT INTO erased_artifacts (tenant_id, id, erased_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [tenant, id, new Date(now)]);
    await this.#record(tx, tenant, artifact, event, now, withSubject);
  }

  /**
   * An audit entry about `artifact`: its id, its call (`details.call`, for a call's trail), and
   * its subject unless withheld from this server, or unless `withSubject` is false (the subject is
   * being erased).
   */
  #record(tx: Queryable, tenant: string, artifact: StoredArtifact, event: Omit<AuditEvent, 'target' | 'subjectId'>, now: number, withSubject = true): Promise<void> {
    const { id, subjectId, callId } = artifact.record;
    const details = { ...event.details, call: callId };
    return this.#audit.append(tx, tenant, { ...event, details, target: id, ...(subjectId === WITHHELD || !withSubject ? {} : { subjectId }) }, now);
  }

  async #set(tx: Queryable, tenant: string, id: string, sets: string, values: readonly SqlValue[]): Promise<ArtifactRecord> {
    const [row] = await tx.query<ArtifactRow>(`UPDATE artifacts SET ${sets} WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenant, id, ...values]);
    return fromRow(row!).record;
  }
}

function checkPatch(record: ArtifactRecord, patch: ArtifactPatch): void {
  if (patch.expiresAt !== undefined && patch.expiresAt > record.expiresAt) {
    throw forbidden(`retention can only be shortened: "expiresAt" may be at most ${record.expiresAt}, got ${patch.expiresAt}`);
  }
  if (patch.expiresAt !== undefined && patch.expiresAt < record.createdAt) {
    throw new SealcallServerError('INVALID_ARGUMENT', `"expiresAt" expected no earlier than createdAt (${record.createdAt}), got ${patch.expiresAt}; to be rid of it now, delete it`);
  }
  const e = patch.encryption;
  if (e !== undefined) {
    const current = record.encryption;
    if (e.algorithm !== current.algorithm || e.keyProviderId !== current.keyProviderId || e.noncePrefix !== current.noncePrefix) {
      throw forbidden('"encryption" may only destroy the data key ("wrappedKey": null); its algorithm, key provider and nonce prefix stay as begun');
    }
    if (e.wrappedKey !== null && e.wrappedKey !== current.wrappedKey) {
      throw forbidden('"encryption.wrappedKey" may only become null (crypto-shredding); a destroyed or stored key is never replaced');
    }
  }
  if (patch.endReason !== undefined && record.endReason !== undefined && patch.endReason !== record.endReason) {
    throw conflict(`the artifact ended already, for "${record.endReason}"`);
  }
}

/** `artifact`'s expiry, brought forward to `days` after `event` if that is recorded already for its subject or call. */
async function expiryAfterEvent(tx: Queryable, tenant: string, artifact: NewArtifact, awaits: EventRetention): Promise<number> {
  const [row] = await tx.query<{ first: Date | null }>(
    `SELECT min(occurred_at) AS first FROM retention_events WHERE tenant_id = $1 AND event = $2 AND (subject_id = $3 OR call_id = $4)`,
    [tenant, awaits.event, artifact.subjectId, artifact.callId],
  );
  return row?.first ? Math.min(artifact.expiresAt, row.first.getTime() + awaits.days * DAY_MS) : artifact.expiresAt;
}

function fromRow(row: ArtifactRow): StoredArtifact {
  const record: ArtifactRecord = {
    id: row.id,
    callId: row.call_id,
    subjectId: row.subject_id,
    kind: row.kind,
    mimeType: row.mime_type,
    createdAt: row.created_at.getTime(),
    expiresAt: row.expires_at.getTime(),
    consentRef: row.consent_ref,
    ...(row.purpose === null ? {} : { purpose: row.purpose }),
    encryption: { algorithm: row.algorithm, keyProviderId: row.key_provider_id, wrappedKey: row.wrapped_key, noncePrefix: row.nonce_prefix },
    size: row.size,
    status: row.status,
    chunkCount: row.chunk_count,
    ...(row.end_reason === null ? {} : { endReason: row.end_reason }),
  };
  return { record, owner: { role: row.owner_role, subject: row.owner_subject }, retainedFor: row.retained_for };
}

function isReplayOf(existing: StoredArtifact, artifact: NewArtifact, owner: ArtifactOwner): boolean {
  const { size, status, chunkCount, endReason, createdAt, expiresAt, ...rest } = existing.record;
  const { createdAt: _, expiresAt: asked, ...described } = artifact;
  const sameOwner = existing.owner.role === owner.role && existing.owner.subject === owner.subject;
  const empty = chunkCount === 0 && size === 0 && status === 'incomplete' && endReason === undefined;
  return sameOwner && empty && expiresAt <= asked && sameJson(rest, described);
}

function sameJson(a: object, b: object): boolean {
  const canonical = (value: unknown): unknown =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function notFound(id: string): SealcallServerError {
  return new SealcallServerError('STORAGE_NOT_FOUND', `no artifact with id "${id}"`);
}

function forbidden(message: string): SealcallServerError {
  return new SealcallServerError('FORBIDDEN', message);
}

function conflict(message: string): SealcallServerError {
  return new SealcallServerError('STORAGE_CONFLICT', message);
}
