/**
 * The governance routes (`GOVERNANCE_ROUTES` of @sealcall/protocol, docs/governance.md), for
 * signed-in staff. Each request is checked in this order and refused at the first failure:
 * origin (403), route (404, 405), sign-in (401), permission (403, audited), body or query (400);
 * only then does anything happen, in the tenant of the staff token.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AUDIT_PAGE_LIMIT,
  GOVERNANCE_ROUTES,
  hasPermission,
  matchGovernanceRoute,
  parsePlaceHold,
  parseStartCall,
  STAFF_PERMISSIONS,
  type GovernanceErrorCode,
  type GovernanceRoute,
  type Parsed,
  type StaffPermission,
} from '@sealcall/protocol';
import { bearerToken } from '../bearer.js';
import { readJson } from '../body.js';
import type { Database } from '../db/database.js';
import { SealcallServerError, type SealcallServerErrorCode } from '../errors.js';
import type { Log, LogLevel } from '../logger.js';
import { corsHeaders, PREFLIGHT, sendEmpty, sendJson } from '../reply.js';
import type { TokenKeys } from '../tokens/jwt.js';
import type { StaffMember, StaffVerifier } from '../tokens/staff-token.js';
import { readAuditPage } from './audit-pages.js';
import { auditRefusal } from './audit-refusal.js';
import type { AuditLog } from './audit-log.js';
import { startCall } from './calls.js';
import type { LegalHolds } from './legal-holds.js';

export interface GovernanceContext {
  readonly staff: StaffVerifier | null;
  readonly holds: LegalHolds;
  readonly tokens: TokenKeys;
  readonly database: Database;
  readonly audit: AuditLog;
  readonly allowedOrigins: ReadonlySet<string> | null;
  readonly now: () => number;
  readonly log: Log;
}

const JSON_LIMIT = 16 * 1024;

const WIRE: Partial<Record<SealcallServerErrorCode, { readonly status: number; readonly code: GovernanceErrorCode }>> = {
  TOKEN_INVALID: { status: 401, code: 'UNAUTHORIZED' },
  TOKEN_EXPIRED: { status: 401, code: 'UNAUTHORIZED' },
  FORBIDDEN: { status: 403, code: 'FORBIDDEN' },
  INVALID_ARGUMENT: { status: 400, code: 'INVALID_ARGUMENT' },
  PAYLOAD_TOO_LARGE: { status: 413, code: 'INVALID_ARGUMENT' },
  NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
  STAFF_KEYS_UNAVAILABLE: { status: 503, code: 'FAILED' },
};

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
    if (cors === null) throw new SealcallServerError('FORBIDDEN', 'requests from this origin are not allowed');
    if (req.method === 'OPTIONS') {
      sendEmpty(res, 204, { ...cors, ...PREFLIGHT });
      return;
    }
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
    const { status, json } = await perform(o, route, member, req, query, match.id);
    reply(o, res, status, json, cors, route, member);
  } catch (error) {
    const wire = error instanceof SealcallServerError ? WIRE[error.code] : undefined;
    const status = wire?.status ?? 500;
    const code = error instanceof SealcallServerError ? error.code : error instanceof Error ? error.name : typeof error;
    if (status === 403 && member !== undefined && route !== undefined) await auditDenial(o, member, route.permission, code);
    const message = wire === undefined ? 'the server could not complete the request' : (error as Error).message;
    const headers = { ...cors, ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}), ...(req.complete ? {} : { connection: 'close' }) };
    if (!res.headersSent && !res.destroyed) reply(o, res, status, { error: { code: wire?.code ?? 'FAILED', message } }, headers, route, member, code);
  }
}

async function perform(
  o: GovernanceContext,
  route: GovernanceRoute,
  member: StaffMember,
  req: IncomingMessage,
  query: string,
  id: string | undefined,
): Promise<{ status: number; json?: unknown }> {
  switch (route) {
    case GOVERNANCE_ROUTES.startCall: {
      const request = await body(req, parseStartCall);
      return { status: 201, json: await startCall(o, member, request, o.now()) };
    }
    case GOVERNANCE_ROUTES.readAudit: {
      const parameters = new URLSearchParams(query);
      const after = integerParameter(parameters, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = integerParameter(parameters, 'limit', AUDIT_PAGE_LIMIT.default, 1, AUDIT_PAGE_LIMIT.max);
      return { status: 200, json: await readAuditPage(o.database, member.tenant, after, limit) };
    }
    case GOVERNANCE_ROUTES.placeHold:
      return { status: 201, json: await o.holds.place(member, await body(req, parsePlaceHold), o.now()) };
    case GOVERNANCE_ROUTES.listHolds:
      return { status: 200, json: { holds: await o.holds.inForce(member.tenant) } };
    case GOVERNANCE_ROUTES.releaseHold:
      await o.holds.release(member, pathSegment(id!), o.now());
      return { status: 204 };
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

async function body<T>(req: IncomingMessage, parse: (value: unknown) => Parsed<T>): Promise<T> {
  const parsed = parse(await readJson(req, JSON_LIMIT));
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
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text) || value < min || value > max) {
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
  const level: LogLevel = status >= 500 ? 'error' : status === 401 || status === 403 ? 'warn' : 'info';
  o.log(level, 'governance', {
    status,
    ...(route ? { permission: route.permission } : {}),
    ...(member ? { tenant: member.tenant } : {}),
    ...(code === undefined ? {} : { code }),
  });
}
