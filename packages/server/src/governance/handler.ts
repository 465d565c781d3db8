/**
 * The governance routes (`GOVERNANCE_ROUTES` of @sealcall/protocol, docs/governance.md), for
 * signed-in staff. Each request is checked in this order and refused at the first failure:
 * origin (403), route (404, 405), sign-in (401), permission and the tenant's allowed origins
 * (403, audited), body or query (400);
 * only then does anything happen, in the tenant of the staff token.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AUDIT_PAGE_LIMIT,
  CALL_PAGE_LIMIT,
  EXPORT_PAGE_LIMIT,
  GOVERNANCE_ROUTES,
  hasPermission,
  matchGovernanceRoute,
  parseAuditFilter,
  parseCallFilter,
  parseEraseSubject,
  parsePlaceHold,
  parsePutSettings,
  parseRecordRetentionEvent,
  parseRequestExport,
  parseRecordSecurityCode,
  parseStartCall,
  STAFF_PERMISSIONS,
  type GovernanceRoute,
  type Parsed,
  type StaffPermission,
  type TenantSettings,
} from '@sealcall/protocol';
import { bearerToken } from '../bearer.js';
import { readJson } from '../body.js';
import type { Database } from '../db/database.js';
import { SealcallServerError } from '../errors.js';
import type { Log, LogLevel } from '../logger.js';
import { answeredPreflight, corsHeaders, errorHeaders, refuseForeignOrigin, type Headers, sendEmpty, sendJson } from '../reply.js';
import type { ArtifactStore } from '../storage/artifact-store.js';
import type { TokenKeys } from '../tokens/jwt.js';
import type { StaffMember, StaffVerifier } from '../tokens/staff-token.js';
import { readAuditPage } from './audit-pages.js';
import { auditRefusal } from './audit-refusal.js';
import type { AuditLog } from './audit-log.js';
import { recordSecurityCode, startCall } from './calls.js';
import type { LegalHolds } from './legal-holds.js';
import { callArtifacts, listCalls, streamArtifact } from './records.js';
import { recordRetentionEvent } from './retention-events.js';
import { GOVERNANCE_WIRE } from './wire.js';
import { eraseSubject } from './subject-erasure.js';
import { staffIdentity } from './staff-identity.js';
import { refuseOrigin, type TenantSettingsStore } from './tenant-settings.js';
import { listExports, requestExport, streamExport } from './subject-export.js';

export interface GovernanceContext {
  readonly staff: StaffVerifier | null;
  readonly holds: LegalHolds;
  readonly settings: TenantSettingsStore;
  readonly tokens: TokenKeys;
  readonly database: Database;
  readonly audit: AuditLog;
  /** The artifact storage, if the server has one: what exports read and erasures erase. */
  readonly store: ArtifactStore | undefined;
  readonly allowedOrigins: ReadonlySet<string> | null;
  readonly now: () => number;
  readonly log: Log;
}

const JSON_LIMIT = 64 * 1024;
/** A non-negative integer in a query parameter, written plainly. */
const INTEGER = /^(0|[1-9][0-9]{0,15})$/;
const CALL_FILTERS = ['subject', 'from', 'to', 'kind', 'order'] as const;
/** Settings carry the tenant's invitation templates. */
const SETTINGS_LIMIT = 1024 * 1024;

/** What a route answers: JSON, nothing (204), or a stream it writes itself. */
type Answer =
  | { readonly status: number; readonly json?: unknown }
  | { readonly stream: (res: ServerResponse, headers: Headers) => Promise<void> };


export function isGovernancePath(path: string): boolean {
  const match = matchGovernanceRoute('', path);
  return 'route' in match || match.allow.length > 0;
}

/** Answers a request whose path `isGovernancePath`. */
export function createGovernanceHandler(o: GovernanceContext): (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void {
  return (req, res, path, query) => void handle(o, req, res, path, query);
}

async function handle(o: GovernanceContext, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  const cors = corsHeaders(req, o.allowedOrigins);
  let member: StaffMember | undefined;
  let route: GovernanceRoute | undefined;
  try {
    refuseForeignOrigin(cors);
    if (answeredPreflight(req, res, cors)) return;
    const match = matchGovernanceRoute(req.method ?? '', path);
    if (!('route' in match)) {
      const allow = match.allow.join(', ');
      reply(o, res, 405, { error: { code: 'INVALID_ARGUMENT', message: `${path} takes ${allow}` } }, { ...cors, allow });
      return;
    }
    route = match.route;
    if (o.staff === null) {
      reply(o, res, 404, { error: { code: 'NOT_FOUND', message: 'staff sign-in is not set up on this server (the "staff" option), so it has no governance routes' } }, cors, route);
      return;
    }
    member = await o.staff.verify(bearerToken(req, 'access token of your identity provider'), o.now());
    authorize(member, route.permission);
    const settings = await o.settings.current(member.tenant, o.now());
    refuseOrigin(settings, req.headers.origin);
    const answer = await perform(o, route, member, settings, req, query, match.id);
    if ('stream' in answer) {
      await answer.stream(res, cors);
      log(o, 200, route, member);
    } else {
      reply(o, res, answer.status, answer.json, cors, route, member);
    }
  } catch (error) {
    const wire = error instanceof SealcallServerError ? GOVERNANCE_WIRE[error.code] : undefined;
    const status = wire?.status ?? 500;
    const code = error instanceof SealcallServerError ? error.code : error instanceof Error ? error.name : typeof error;
    if (res.headersSent) {
      // A stream cut off: the client sees it end without its last line.
      res.destroy();
      log(o, 500, route, member, code);
      return;
    }
    if (status === 403 && member !== undefined && route !== undefined) await auditDenial(o, member, route.permission, code);
    const message = wire === undefined ? 'the server could not complete the request' : (error as Error).message;
    if (!res.destroyed) reply(o, res, status, { error: { code: wire?.code ?? 'FAILED', message } }, { ...cors, ...errorHeaders(req, status) }, route, member, code);
  }
}

async function perform(
  o: GovernanceContext,
  route: GovernanceRoute,
  member: StaffMember,
  settings: TenantSettings,
  req: IncomingMessage,
  query: string,
  id: string | undefined,
): Promise<Answer> {
  switch (route) {
    case GOVERNANCE_ROUTES.startCall: {
      const request = await body(req, parseStartCall);
      return { status: 201, json: await startCall(o, member, request, o.now()) };
    }
    case GOVERNANCE_ROUTES.recordSecurityCode:
      await recordSecurityCode(o, member, pathSegment(id!), await body(req, parseRecordSecurityCode), o.now());
      return { status: 204 };
    case GOVERNANCE_ROUTES.readAudit: {
      const { after, limit } = pageParameters(query, AUDIT_PAGE_LIMIT);
      return { status: 200, json: await readAuditPage(o.database, member.tenant, after, limit, filterParameters(query, ['call'], parseAuditFilter)) };
    }
    case GOVERNANCE_ROUTES.placeHold:
      return { status: 201, json: await o.holds.place(member, await body(req, parsePlaceHold), o.now()) };
    case GOVERNANCE_ROUTES.listHolds:
      return { status: 200, json: { holds: await o.holds.inForce(member.tenant) } };
    case GOVERNANCE_ROUTES.releaseHold:
      await o.holds.release(member, pathSegment(id!), o.now());
      return { status: 204 };
    case GOVERNANCE_ROUTES.requestExport: {
      await body(req, parseRequestExport);
      return { status: 201, json: await requestExport(o, member, subjectSegment(id!), o.now()) };
    }
    case GOVERNANCE_ROUTES.listExports: {
      const { after, limit } = pageParameters(query, EXPORT_PAGE_LIMIT);
      return { status: 200, json: await listExports(o.database, member.tenant, after, limit) };
    }
    case GOVERNANCE_ROUTES.readExport: {
      const exportId = pathSegment(id!);
      return { stream: (res, headers) => streamExport(o, member, exportId, res, headers, o.now) };
    }
    case GOVERNANCE_ROUTES.readSettings:
      return { status: 200, json: await o.settings.read(member.tenant) };
    case GOVERNANCE_ROUTES.changeSettings:
      return { status: 200, json: await o.settings.change(member, await body(req, parsePutSettings, SETTINGS_LIMIT), o.now()) };
    case GOVERNANCE_ROUTES.recordRetentionEvent:
      return { status: 201, json: await recordRetentionEvent(o, member, await body(req, parseRecordRetentionEvent), o.now()) };
    case GOVERNANCE_ROUTES.listCalls: {
      const page = pageParameters(query, CALL_PAGE_LIMIT);
      return { status: 200, json: await listCalls(o, member, settings, page, filterParameters(query, CALL_FILTERS, parseCallFilter), o.now()) };
    }
    case GOVERNANCE_ROUTES.listCallArtifacts:
      return { status: 200, json: await callArtifacts(o, member, settings, pathSegment(id!), o.now()) };
    case GOVERNANCE_ROUTES.viewArtifact:
    case GOVERNANCE_ROUTES.downloadArtifact: {
      const artifactId = pathSegment(id!);
      const purpose = route === GOVERNANCE_ROUTES.viewArtifact ? 'view' : 'download';
      return { stream: (res, headers) => streamArtifact(o, member, settings, artifactId, purpose, res, headers, o.now()) };
    }
    case GOVERNANCE_ROUTES.eraseSubject: {
      const request = await body(req, parseEraseSubject);
      return { status: 200, json: await eraseSubject(o, member, subjectSegment(id!), request, o.now()) };
    }
    case GOVERNANCE_ROUTES.whoAmI:
      return { status: 200, json: staffIdentity(member) };
  }
  throw new Error(`no handler for ${route.method} ${route.path}`);
}

function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new SealcallServerError('INVALID_ARGUMENT', `"id" expected a percent-encoded path segment, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
}

/** A subject id from the path: 1..256 characters once decoded. */
function subjectSegment(raw: string): string {
  const subjectId = pathSegment(raw);
  if (subjectId.length > 256) throw new SealcallServerError('INVALID_ARGUMENT', `the subject id expected 1..256 characters, got length=${subjectId.length}`);
  return subjectId;
}

function pageParameters(query: string, limits: { readonly default: number; readonly max: number }): { after: number; limit: number } {
  const parameters = new URLSearchParams(query);
  return {
    after: integerParameter(parameters, 'after', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: integerParameter(parameters, 'limit', limits.default, 1, limits.max),
  };
}

/**
 * A listing's filters, each given at most once, parsed by its schema (`CallFilterSchema`,
 * `AuditFilterSchema`). `from` and `to` become numbers where they are written as
 * `integerParameter` takes them; anything else reaches the schema as the text it is, and is
 * refused naming it.
 */
function filterParameters<T>(query: string, names: readonly string[], parse: (value: unknown) => Parsed<T>): T {
  const parameters = new URLSearchParams(query);
  const filter: Record<string, string | number> = {};
  for (const name of names) {
    const values = parameters.getAll(name);
    if (values.length > 1) throw new SealcallServerError('INVALID_ARGUMENT', `"${name}" expected once, got it ${values.length} times`);
    const [text] = values;
    if (text === undefined) continue;
    filter[name] = (name === 'from' || name === 'to') && INTEGER.test(text) ? Number(text) : text;
  }
  const parsed = parse(filter);
  if (!parsed.ok) throw new SealcallServerError('INVALID_ARGUMENT', parsed.reason);
  return parsed.value;
}

async function body<T>(req: IncomingMessage, parse: (value: unknown) => Parsed<T>, limit = JSON_LIMIT): Promise<T> {
  const parsed = parse(await readJson(req, limit));
  if (!parsed.ok) throw new SealcallServerError('INVALID_ARGUMENT', parsed.reason);
  return parsed.value;
}

/** Throws FORBIDDEN (HTTP 403) naming the roles that may. */
function authorize(member: StaffMember, permission: StaffPermission): void {
  if (hasPermission(member.roles, permission)) return;
  const holders = STAFF_PERMISSIONS[permission].join(' or ');
  const held = member.roles.length === 0 ? 'no Sealcall role' : `the roles ${member.roles.join(', ')}`;
  throw new SealcallServerError('FORBIDDEN', `"${permission}" is for ${holders}; your sign-in has ${held}. Ask your administrator for the role`);
}

function integerParameter(parameters: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = parameters.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!INTEGER.test(text) || value < min || value > max) {
    throw new SealcallServerError('INVALID_ARGUMENT', `"${name}" expected an integer in ${min}..${max}, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}

/** A refusal of a verified sign-in: who asked for what, in the audit log of their tenant. */
async function auditDenial(o: GovernanceContext, member: StaffMember, permission: StaffPermission, code: string): Promise<void> {
  const event = { action: 'access.denied', actor: { role: member.roles.join(' ') || 'staff', id: member.subject }, details: { op: permission, code } } as const;
  await auditRefusal(o, member.tenant, event, o.now(), { tenant: member.tenant, permission });
}

function reply(
  o: GovernanceContext,
  res: ServerResponse,
  status: number,
  json: unknown,
  headers: Readonly<Record<string, string>>,
  route?: GovernanceRoute,
  member?: StaffMember,
  code?: string,
): void {
  if (json === undefined) sendEmpty(res, status, headers);
  else sendJson(res, status, json, headers);
  log(o, status, route, member, code);
}

function log(o: GovernanceContext, status: number, route?: GovernanceRoute, member?: StaffMember, code?: string): void {
  const level: LogLevel = status >= 500 ? 'error' : status === 401 || status === 403 ? 'warn' : 'info';
  o.log(level, 'governance', {
    status,
    ...(route ? { permission: route.permission } : {}),
    ...(member ? { tenant: member.tenant } : {}),
    ...(code === undefined ? {} : { code }),
  });
}
