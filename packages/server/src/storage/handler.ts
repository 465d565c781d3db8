/**
 * The HTTP side of artifact storage (`/v1/artifacts`, docs/protocol.md). Each request is checked
 * in this order, and refused at the first failure: origin, route and parameters (400, 404, 405),
 * token (401), role (403), body (400, 413), call (403; for an existing artifact this reads its
 * metadata, nothing else); only then is anything written or content read.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SealcallServerError, type SealcallServerErrorCode } from '../errors.js';
import type { Log, LogFields, LogLevel } from '../logger.js';
import type { TokenKeys } from '../tokens/jwt.js';
import { authenticate, authorizeArtifact, authorizeCall, authorizeOperation, refuseExpired } from './access.js';
import { ArtifactStore, type Requester, type StoredArtifact } from './artifact-store.js';
import { RecentKeys } from './recent-keys.js';
import type { AuditLog } from '../governance/audit-log.js';
import { auditRefusal } from '../governance/audit-refusal.js';
import { readBody, readJson } from '../body.js';
import type { ResolvedStorageOptions } from './options.js';
import { answeredPreflight, corsHeaders, errorHeaders, refuseForeignOrigin, sendBytes, sendEmpty, sendJson } from '../reply.js';
import { matchRoute, type StorageRoute } from './routes.js';
import { ANY_CALL, MAX_CHUNK_BATCH_BYTES, type StorageReach, type TenantSettings } from '@sealcall/protocol';
import { policyFor, refuseOrigin, type TenantSettingsStore } from '../governance/tenant-settings.js';
import type { StorageTokenClaims } from './storage-token.js';
import type { Database } from '../db/database.js';
import type { ArtifactRecord } from './types.js';
import { stampNewArtifact } from './stamp.js';
import { parseFinish, parseNewArtifact, parsePatch } from './validate.js';

export interface StorageEndpoint {
  /** Open it (`open()`) before the first request. */
  readonly store: ArtifactStore;
  readonly handle: (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void;
}

export interface StorageContext {
  readonly tokens: TokenKeys;
  readonly database: Database;
  readonly audit: AuditLog;
  readonly settings: TenantSettingsStore;
  readonly allowedOrigins: ReadonlySet<string> | null;
  readonly now: () => number;
  readonly log: Log;
}

interface StorageHandlerOptions extends StorageContext {
  readonly store: ArtifactStore;
  /** Which token read which artifact already (audited once per token). */
  readonly reads: RecentKeys;
  readonly maxChunkBytes: number;
  readonly retentionMs: ResolvedStorageOptions['retentionMs'];
  readonly region: string | null;
}

/** The codes a client of the storage endpoint sees: the SDK's names. */
export type StorageWireCode =
  | 'INVALID_ARGUMENT'
  | 'STORAGE_NOT_FOUND'
  | 'STORAGE_CONFLICT'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_REGION_REFUSED'
  | 'STORAGE_UNAUTHORIZED'
  | 'STORAGE_FAILED';

type Answer =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: 200; readonly bytes: Uint8Array }
  | { readonly status: 204 };

const JSON_LIMIT = 64 * 1024;
const READERS_REMEMBERED = 10_000;

const WIRE: Partial<Record<SealcallServerErrorCode, { readonly status: number; readonly code: StorageWireCode }>> = {
  TOKEN_INVALID: { status: 401, code: 'STORAGE_UNAUTHORIZED' },
  TOKEN_EXPIRED: { status: 401, code: 'STORAGE_UNAUTHORIZED' },
  FORBIDDEN: { status: 403, code: 'STORAGE_UNAUTHORIZED' },
  INVALID_ARGUMENT: { status: 400, code: 'INVALID_ARGUMENT' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 'INVALID_ARGUMENT' },
  STORAGE_NOT_FOUND: { status: 404, code: 'STORAGE_NOT_FOUND' },
  STORAGE_CONFLICT: { status: 409, code: 'STORAGE_CONFLICT' },
  STORAGE_QUOTA_EXCEEDED: { status: 507, code: 'STORAGE_QUOTA_EXCEEDED' },
  STORAGE_REGION_REFUSED: { status: 403, code: 'STORAGE_REGION_REFUSED' },
  STORAGE_FAILED: { status: 500, code: 'STORAGE_FAILED' },
};

export function createStorageEndpoint(options: ResolvedStorageOptions, context: StorageContext): StorageEndpoint {
  const store = new ArtifactStore({ database: context.database, audit: context.audit, directory: options.directory, maxArtifactBytes: options.maxArtifactBytes });
  const o: StorageHandlerOptions = {
    ...context,
    store,
    reads: new RecentKeys(READERS_REMEMBERED),
    maxChunkBytes: options.maxChunkBytes,
    retentionMs: options.retentionMs,
    region: options.region,
  };
  return { store, handle: (req, res, path, query) => void handle(o, req, res, path, query) };
}

async function handle(o: StorageHandlerOptions, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const fields: { -readonly [K in keyof LogFields]: LogFields[K] } = {};
  const cors = corsHeaders(req, o.allowedOrigins);
  let claim: StorageTokenClaims | undefined;
  try {
    refuseForeignOrigin(cors);
    if (answeredPreflight(req, res, cors)) return;
    const match = matchRoute(req.method ?? '', path, query);
    if ('status' in match) {
      sendJson(res, match.status, { error: { code: 'INVALID_ARGUMENT', message: match.message } }, { ...cors, ...(match.allow ? { allow: match.allow } : {}) });
      finished(o.log, fields, match.status, 'INVALID_ARGUMENT');
      return;
    }
    const { route } = match;
    fields.op = route.op;
    if ('id' in route) fields.artifactId = route.id;
    claim = await authenticate(req, o, o.now());
    fields.role = claim.role;
    if (claim.room !== ANY_CALL) fields.room = claim.room;
    const reach = authorizeOperation(claim, route.op);
    const settings = await o.settings.current(claim.tid, o.now());
    refuseOrigin(settings, req.headers.origin);
    const answer = await perform(o, route, claim, reach, settings, req, fields);
    if ('json' in answer) sendJson(res, answer.status, answer.json, cors);
    else if ('bytes' in answer) sendBytes(res, answer.bytes, cors);
    else sendEmpty(res, answer.status, cors);
    finished(o.log, fields, answer.status);
  } catch (error) {
    const { status, code, message, logCode } = toWire(error);
    if (status === 403 && claim !== undefined) await auditDenial(o, claim, fields, logCode);
    if (!res.headersSent && !res.destroyed) sendJson(res, status, { error: { code, message } }, { ...cors, ...errorHeaders(req, status) });
    finished(o.log, fields, status, logCode);
  }
}

async function perform(
  o: StorageHandlerOptions,
  route: StorageRoute,
  claim: StorageTokenClaims,
  reach: StorageReach,
  settings: TenantSettings,
  req: IncomingMessage,
  fields: { artifactId?: string },
): Promise<Answer> {
  const { store } = o;
  const tenant = claim.tid;
  const now = o.now();
  // Checked on the very read the operation goes on with: one query, and for writes under the row's lock.
  const guard = (artifact: StoredArtifact): void => {
    authorizeArtifact(claim, reach, artifact);
    refuseExpired(claim, route.op, artifact, now);
  };
  const by: Requester = { actor: { role: claim.role, id: claim.sub }, guard, now };
  switch (route.op) {
    case 'begin': {
      const request = parseNewArtifact(await readJson(req, JSON_LIMIT));
      fields.artifactId = request.id;
      authorizeCall(claim, reach, request.callId);
      refuseRegion(settings, o.region);
      const { artifact, awaits } = stampNewArtifact(request, claim, now, o.retentionMs, policyFor(settings, request.kind, request.purpose));
      // Office tokens never begin (STORAGE_ACCESS), so the owner is an agent or a customer.
      const owner = { role: claim.role as 'agent' | 'customer', subject: claim.sub };
      const { artifact: stored, created } = await store.begin(tenant, artifact, owner, now, awaits);
      return { status: created ? 201 : 200, json: stored.record };
    }
    case 'metadata':
      return { status: 200, json: (await store.get(tenant, route.id, by)).record };
    case 'content': {
      const reader = `${tenant}/${claim.jti}/${route.id}`;
      const bytes = await store.readChunk(tenant, route.id, route.index, by, !o.reads.has(reader));
      o.reads.add(reader);
      return { status: 200, bytes };
    }
    case 'append': {
      const chunks = await readChunks(req, route.sizes, o.maxChunkBytes);
      const { record, created } = await store.append(tenant, route.id, route.index, chunks, by);
      return { status: created ? 201 : 200, json: { chunkCount: record.chunkCount, size: record.size } };
    }
    case 'finish': {
      const chunkCount = parseFinish(await readJson(req, JSON_LIMIT));
      return { status: 200, json: await store.finish(tenant, route.id, chunkCount, by) };
    }
    case 'update': {
      const patch = parsePatch(await readJson(req, JSON_LIMIT));
      return { status: 200, json: await store.update(tenant, route.id, patch, by) };
    }
    case 'delete':
      await store.delete(tenant, route.id, by);
      return { status: 204 };
    case 'list-by-call':
      authorizeCall(claim, reach, route.callId);
      return list(await store.list(tenant, { callId: route.callId, ...(claim.role === 'office' ? {} : { liveAt: now }) }));
    case 'list-by-subject':
      return list(await store.list(tenant, { subjectId: route.subjectId }));
    case 'list-expired':
      return list(await store.list(tenant, { expiredBefore: route.before }));
  }
}

/** Throws STORAGE_REGION_REFUSED (HTTP 403) if the tenant's settings name storage regions and this server's is not one of them. */
function refuseRegion(settings: TenantSettings, region: string | null): void {
  if (settings.storageRegions === null || (region !== null && settings.storageRegions.includes(region))) return;
  const here = region === null ? 'declares no region (storage.region)' : `keeps artifacts in region "${region}"`;
  throw new SealcallServerError('STORAGE_REGION_REFUSED', `this server ${here}, and your tenant's settings allow only ${settings.storageRegions.join(', ') || 'no region'}; store elsewhere, or ask an admin`);
}

function list(artifacts: ArtifactRecord[]): Answer {
  return { status: 200, json: { artifacts } };
}

function toWire(error: unknown): { status: number; code: StorageWireCode; message: string; logCode: string } {
  if (error instanceof SealcallServerError) {
    const wire = WIRE[error.code] ?? { status: 500, code: 'STORAGE_FAILED' };
    return { ...wire, message: error.message, logCode: error.code };
  }
  const osCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (osCode === 'ENOSPC' || osCode === 'EDQUOT') {
    return { status: 507, code: 'STORAGE_QUOTA_EXCEEDED', message: 'the server is out of storage space', logCode: osCode };
  }
  // File system messages name paths: the client gets a generic message, the log the error code.
  const logCode = typeof osCode === 'string' ? osCode : error instanceof Error ? error.name : typeof error;
  return { status: 500, code: 'STORAGE_FAILED', message: 'the server could not complete the request', logCode };
}

/** A refusal of a token the server verified: who asked for what, in the audit log. */
async function auditDenial(o: StorageHandlerOptions, claim: StorageTokenClaims, fields: LogFields, code: string): Promise<void> {
  const target = fields.artifactId ?? (claim.room === ANY_CALL ? undefined : claim.room);
  const event = { action: 'access.denied', actor: { role: claim.role, id: claim.sub }, ...(target ? { target } : {}), details: { op: fields.op ?? 'unknown', code } } as const;
  await auditRefusal(o, claim.tid, event, o.now(), fields);
}

function finished(log: Log, fields: LogFields, status: number, code?: string): void {
  const level: LogLevel = status >= 500 ? 'error' : status === 401 || status === 403 ? 'warn' : 'info';
  log(level, 'storage', { ...fields, status, ...(code === undefined ? {} : { code }) });
}

/** The chunk of a `PUT`, or the chunks of a batch cut from its body by `sizes`. 413 past `maxChunkBytes` a chunk. */
async function readChunks(req: IncomingMessage, sizes: readonly number[] | undefined, maxChunkBytes: number): Promise<Uint8Array[]> {
  if (sizes === undefined) return [await readBody(req, maxChunkBytes)];
  const largest = Math.max(...sizes);
  if (largest > maxChunkBytes) throw new SealcallServerError('PAYLOAD_TOO_LARGE', `a chunk of ${largest} bytes is larger than this server's limit of ${maxChunkBytes} bytes a chunk; send smaller chunks`);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const limit = Math.max(MAX_CHUNK_BATCH_BYTES, maxChunkBytes);
  if (total > limit) throw new SealcallServerError('PAYLOAD_TOO_LARGE', `a batch of ${total} bytes is larger than this server's limit of ${limit} bytes a request; send fewer chunks at once`);
  const body = await readBody(req, total);
  if (body.length !== total) throw new SealcallServerError('INVALID_ARGUMENT', `the batch's sizes add up to ${total} bytes, but its body has ${body.length}`);
  let offset = 0;
  return sizes.map((size) => body.subarray(offset, (offset += size)));
}
