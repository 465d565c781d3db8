/**
 * A data subject's access export (GDPR Art. 15): a DPO requests it (`POST
 * /v1/subjects/:id/exports`), the server tracks it against its deadline (`GET /v1/exports`), and
 * its bundle (`GET /v1/exports/:id/bundle`) streams everything the server holds about the
 * subject, as ExportLineSchema says: calls, artifacts with their wrapped keys and ciphertext,
 * audit entries. The server never decrypts: that happens where the key lives.
 */

import {
  EXPORT_BUNDLE_MEDIA_TYPE,
  EXPORT_BUNDLE_VERSION,
  EXPORT_DEADLINE_DAYS,
  type ExportLine,
  type SubjectExport,
  type SubjectExportPage,
} from '@sealcall/protocol';
import type { ServerResponse } from 'node:http';
import type { Database, Queryable } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import { NdjsonResponse } from '../ndjson-response.js';
import type { Headers } from '../reply.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import { randomId } from '../tokens/jwt.js';
import type { StaffMember } from '../tokens/staff-token.js';
import { auditEntriesAbout } from './audit-pages.js';
import type { AuditLog } from './audit-log.js';
import { DAY_MS } from '../time.js';

/** Rows read per query while streaming: the bundle never holds more than a page of metadata. */
const PAGE = 100;

export interface SubjectExporter {
  readonly database: Database;
  readonly audit: AuditLog;
  /** The artifact storage, if the server has one. */
  readonly store: ArtifactStore | undefined;
}

interface ExportRow {
  seq: number;
  id: string;
  subject_id: string | null;
  requested_by: string;
  requested_at: Date;
  due_at: Date;
  completed_at: Date | null;
}

const COLUMNS = 'seq, id, subject_id, requested_by, requested_at, due_at, completed_at';

/** Records the request, due EXPORT_DEADLINE_DAYS from now by the server's clock. */
export function requestExport(o: SubjectExporter, dpo: StaffMember, subjectId: string, now: number): Promise<SubjectExport> {
  return o.database.transaction(async (tx) => {
    await tx.query(`INSERT INTO tenants (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [dpo.tenant, new Date(now)]);
    const [row] = await tx.query<ExportRow>(
      `INSERT INTO subject_exports (tenant_id, id, subject_id, requested_by, requested_at, due_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [dpo.tenant, randomId(), subjectId, dpo.subject, new Date(now), new Date(now + EXPORT_DEADLINE_DAYS * DAY_MS)],
    );
    await o.audit.append(tx, dpo.tenant, { action: 'export.requested', actor: { role: 'dpo', id: dpo.subject }, subjectId, target: row!.id, details: { dueAt: row!.due_at.getTime() } }, now);
    return exportOf(row!);
  });
}

/** The tenant's export requests after `after` (a seq), oldest first. */
export async function listExports(db: Queryable, tenant: string, after: number, limit: number): Promise<SubjectExportPage> {
  const rows = await db.query<ExportRow>(`SELECT ${COLUMNS} FROM subject_exports WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [tenant, after, limit + 1]);
  const page = rows.slice(0, limit);
  return { exports: page.map(exportOf), next: rows.length > limit ? page.at(-1)!.seq : null };
}

/**
 * Streams export `id`'s bundle to `res` at the client's pace. Audited before the first byte
 * (`export.started`); read to the end, the export is complete (`export.completed`, and its
 * `completedAt` the first time). An error after the first byte cuts the answer off: a bundle
 * without its `end` line is incomplete.
 */
export async function streamExport(o: SubjectExporter, dpo: StaffMember, id: string, res: ServerResponse, headers: Headers, clock: () => number): Promise<void> {
  const { tenant } = dpo;
  const now = clock();
  const actor = { role: 'dpo', id: dpo.subject };
  const [row] = await o.database.query<ExportRow>(`SELECT ${COLUMNS} FROM subject_exports WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
  if (!row) throw new SealcallServerError('NOT_FOUND', `no export "${id}" in your tenant`);
  if (row.subject_id === null) throw new SealcallServerError('NOT_FOUND', `the subject of export "${id}" has been erased; there is nothing left to export`);
  const subjectId = row.subject_id;
  await o.database.transaction((tx) => o.audit.append(tx, tenant, { action: 'export.started', actor, subjectId, target: id }, now));

  const out = new NdjsonResponse(res, EXPORT_BUNDLE_MEDIA_TYPE, headers);
  const line = (value: ExportLine): Promise<void> => out.line(value);
  const counts = { calls: 0, artifacts: 0, chunks: 0, bytes: 0, auditEntries: 0 };
  await line({ type: 'bundle', version: EXPORT_BUNDLE_VERSION, exportId: id, subjectId, requestedAt: row.requested_at.getTime(), dueAt: row.due_at.getTime(), generatedAt: now });

  for (let after = ''; ;) {
    const calls = await o.database.query<{ id: string; created_at: Date }>(
      `SELECT id, created_at FROM rooms WHERE tenant_id = $1 AND subject_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
      [tenant, subjectId, after, PAGE],
    );
    for (const call of calls) await line({ type: 'call', callId: call.id, createdAt: call.created_at.getTime() });
    counts.calls += calls.length;
    if (calls.length < PAGE) break;
    after = calls.at(-1)!.id;
  }

  for (let after = ''; o.store !== undefined;) {
    const artifacts = await o.store.subjectPage(tenant, subjectId, after, PAGE, now);
    for (const { record, retainedFor } of artifacts) {
      await line({ type: 'artifact', artifact: record, alsoShows: record.kind === 'recording' ? ['agent'] : [], retainedFor });
      let index = 0;
      for await (const bytes of o.store.content(tenant, record)) {
        await out.lineWithBytes({ type: 'chunk', artifactId: record.id, index: index++ } satisfies Omit<Extract<ExportLine, { type: 'chunk' }>, 'data'>, 'data', bytes);
        counts.bytes += bytes.length;
      }
      counts.chunks += index;
    }
    counts.artifacts += artifacts.length;
    if (artifacts.length < PAGE) break;
    after = artifacts.at(-1)!.record.id;
  }

  for (let after = 0; ;) {
    const entries = await auditEntriesAbout(o.database, tenant, subjectId, after, PAGE);
    for (const entry of entries) await line({ type: 'audit', entry });
    counts.auditEntries += entries.length;
    if (entries.length < PAGE) break;
    after = entries.at(-1)!.seq;
  }

  await line({ type: 'end', ...counts });
  await out.end();
  const completed = clock();
  await o.database.transaction(async (tx) => {
    await tx.query(`UPDATE subject_exports SET completed_at = $3 WHERE tenant_id = $1 AND id = $2 AND completed_at IS NULL`, [tenant, id, new Date(completed)]);
    await o.audit.append(tx, tenant, { action: 'export.completed', actor, subjectId, target: id, details: counts }, completed);
  });
}

function exportOf(row: ExportRow): SubjectExport {
  return {
    id: row.id,
    subjectId: row.subject_id,
    requestedAt: row.requested_at.getTime(),
    requestedBy: row.requested_by,
    dueAt: row.due_at.getTime(),
    completedAt: row.completed_at?.getTime() ?? null,
  };
}
