/**
 * Staff's reach into the records (docs/governance.md, "Records"): the calls a member sees (an
 * agent the calls they started, for the tenant's `agentRecordsDays`; a supervisor their teams';
 * a DPO the tenant's; an admin none), narrowed by the filters of `CallFilterSchema` and never
 * widened by them, those calls' artifacts, and an artifact's content. Every
 * opening of content is audited before its first byte; a download only where the tenant's
 * settings allow downloads.
 */

import {
  type ArtifactRecord,
  type CallFilter,
  type CallPage,
  type RecordLine,
  type TenantSettings,
} from '@sealcall/protocol';
import type { ServerResponse } from 'node:http';
import type { Database, SqlValue } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import { NdjsonResponse } from '../ndjson-response.js';
import type { Headers } from '../reply.js';
import type { ArtifactStore, StoredArtifact } from '../storage/artifact-store.js';
import { isExpired } from '../storage/stamp.js';
import type { StaffMember } from '../tokens/staff-token.js';
import { DAY_MS } from '../time.js';

const RECORD_MEDIA_TYPE = 'application/x-ndjson';

export interface RecordsReader {
  readonly database: Database;
  /** The artifact storage, if the server has one. */
  readonly store: ArtifactStore | undefined;
}

interface CallRow {
  seq: number;
  id: string;
  subject_id: string | null;
  started_by: string | null;
  started_teams: string[];
  created_at: Date;
}

/** The SQL condition on `rooms r` for the calls `member` sees, its parameters numbered from `first`. */
function reach(member: StaffMember, settings: TenantSettings, now: number, first: number): { where: string; values: SqlValue[] } {
  if (member.roles.includes('dpo')) return { where: 'TRUE', values: [] };
  const ors: string[] = [];
  const values: SqlValue[] = [];
  if (member.roles.includes('agent')) {
    ors.push(`(r.started_by = $${first} AND r.created_at >= $${first + 1})`);
    values.push(member.subject, new Date(now - settings.agentRecordsDays * DAY_MS));
  }
  if (member.roles.includes('supervisor') && member.teams.length > 0) {
    ors.push(`r.started_teams && $${first + values.length}::text[]`);
    values.push(member.teams);
  }
  return { where: ors.length === 0 ? 'FALSE' : `(${ors.join(' OR ')})`, values };
}

/**
 * The SQL conditions on `rooms r` for `filter`, its parameters numbered from `first`: each is
 * ANDed to the member's reach, so a filter only ever narrows it.
 */
function filtered(filter: CallFilter, now: number, first: number): { where: string; values: SqlValue[] } {
  const ands: string[] = [];
  const values: SqlValue[] = [];
  const param = (value: SqlValue): string => `$${first + values.push(value) - 1}`;
  if (filter.subject !== undefined) ands.push(`r.subject_id = ${param(filter.subject)}`);
  if (filter.from !== undefined) ands.push(`r.created_at >= ${param(new Date(filter.from))}`);
  if (filter.to !== undefined) ands.push(`r.created_at < ${param(new Date(filter.to))}`);
  if (filter.kind !== undefined) {
    // Live as `callArtifacts` lists them: not past their retention (`isExpired`).
    ands.push(`EXISTS (SELECT 1 FROM artifacts a WHERE a.tenant_id = r.tenant_id AND a.call_id = r.id AND a.kind = ${param(filter.kind)} AND a.expires_at >= ${param(new Date(now))})`);
  }
  return { where: ands.length === 0 ? 'TRUE' : ands.join(' AND '), values };
}

/** The calls `member` sees that match `filter`, after position `page.after` (a seq) in `filter.order`, oldest first by default. */
export async function listCalls(
  o: RecordsReader,
  member: StaffMember,
  settings: TenantSettings,
  page: { readonly after: number; readonly limit: number },
  filter: CallFilter,
  now: number,
): Promise<CallPage> {
  const { after, limit } = page;
  const seen = reach(member, settings, now, 4);
  const narrowed = filtered(filter, now, 4 + seen.values.length);
  // `after` is a position in the order asked for; 0 is the start of either.
  const newest = filter.order === 'newest';
  const position = newest ? '($2 = 0 OR r.seq < $2)' : 'r.seq > $2';
  const rows = await o.database.query<CallRow>(
    `SELECT r.seq, r.id, r.subject_id, r.started_by, r.started_teams, r.created_at FROM rooms r
     WHERE r.tenant_id = $1 AND ${position} AND ${seen.where} AND ${narrowed.where} ORDER BY r.seq ${newest ? 'DESC' : 'ASC'} LIMIT $3`,
    [member.tenant, after, limit + 1, ...seen.values, ...narrowed.values],
  );
  const calls = rows.slice(0, limit);
  return {
    calls: calls.map((row) => ({ callId: row.id, subjectId: row.subject_id, startedBy: row.started_by, teams: row.started_teams, startedAt: row.created_at.getTime() })),
    next: rows.length > limit ? calls.at(-1)!.seq : null,
  };
}

/** The artifacts of call `callId` not past their retention: NOT_FOUND if there is no such call, FORBIDDEN if `member` does not see it. */
export async function callArtifacts(o: RecordsReader, member: StaffMember, settings: TenantSettings, callId: string, now: number): Promise<{ artifacts: ArtifactRecord[] }> {
  await refuseUnlessSeen(o, member, settings, callId, now);
  return { artifacts: o.store === undefined ? [] : await o.store.list(member.tenant, { callId, liveAt: now }) };
}

/**
 * Streams artifact `id`'s content as RecordLineSchema says, the ciphertext as stored: to view
 * it (`artifact.read`) or, if the tenant's settings allow, to download it (`artifact.downloaded`).
 */
export async function streamArtifact(
  o: RecordsReader,
  member: StaffMember,
  settings: TenantSettings,
  id: string,
  purpose: 'view' | 'download',
  res: ServerResponse,
  headers: Headers,
  now: number,
): Promise<void> {
  if (purpose === 'download' && !settings.downloads) {
    throw new SealcallServerError('FORBIDDEN', 'your organisation\'s settings do not allow downloads; view the artifact instead, or ask an admin to allow downloads');
  }
  const store = o.store;
  if (store === undefined) throw new SealcallServerError('NOT_FOUND', 'this server keeps no artifacts (no "storage" option)');
  const artifact = await store.get(member.tenant, id, { actor: actorOf(member), guard: () => undefined, now });
  const { record } = artifact;
  await refuseUnlessSeen(o, member, settings, record.callId, now);
  if (isExpired(record.expiresAt, now)) throw new SealcallServerError('NOT_FOUND', `artifact "${id}" is past its retention; it is no longer served`);
  if (record.status !== 'complete') throw new SealcallServerError('STORAGE_CONFLICT', `artifact "${id}" is still being uploaded; open it once it is complete`);
  await store.recordAccess(member.tenant, artifact, purpose === 'view' ? 'artifact.read' : 'artifact.downloaded', actorOf(member), now);
  await writeContent(store, member.tenant, artifact, new NdjsonResponse(res, RECORD_MEDIA_TYPE, headers));
}

async function writeContent(store: ArtifactStore, tenant: string, { record }: StoredArtifact, out: NdjsonResponse): Promise<void> {
  const line = (value: RecordLine): Promise<void> => out.line(value);
  await line({ type: 'artifact', artifact: record });
  let chunks = 0;
  let bytes = 0;
  for await (const chunk of store.content(tenant, record)) {
    await out.lineWithBytes({ type: 'chunk', artifactId: record.id, index: chunks++ } satisfies Omit<Extract<RecordLine, { type: 'chunk' }>, 'data'>, 'data', chunk);
    bytes += chunk.length;
  }
  await line({ type: 'end', chunks, bytes });
  await out.end();
}

async function refuseUnlessSeen(o: RecordsReader, member: StaffMember, settings: TenantSettings, callId: string, now: number): Promise<void> {
  const { where, values } = reach(member, settings, now, 3);
  const [row] = await o.database.query<{ seen: boolean }>(`SELECT ${where} AS seen FROM rooms r WHERE r.tenant_id = $1 AND r.id = $2`, [member.tenant, callId, ...values]);
  if (row === undefined && !member.roles.includes('dpo')) throw new SealcallServerError('NOT_FOUND', `no call "${callId}" in your organisation`);
  if (row !== undefined && !row.seen) {
    throw new SealcallServerError('FORBIDDEN', `call "${callId}" is not one of yours: agents see the calls they started for ${settings.agentRecordsDays} days, supervisors their teams', DPOs every call`);
  }
}

function actorOf(member: StaffMember): { role: string; id: string } {
  return { role: member.roles.join(' '), id: member.subject };
}

