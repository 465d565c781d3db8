import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import {
  governancePath,
  parseAuditPage,
  parseStartedCall,
  GOVERNANCE_ROUTES,
  type ArtifactKind,
  type ArtifactRecord,
  type AuditEntryRecord,
  type GovernanceRoute,
  type StaffRole,
  type StartedCall,
} from '@sealcall/protocol';
import { createStorageToken, type ServerOptions } from '../src/index.js';
import { SECRET, startServer, type Harness } from './helpers.js';
import { bytes, call, DAY, newArtifact, path, tempDir, type Answer } from './storage-helpers.js';
import { identityProvider, type TestIdentityProvider } from './staff-helpers.js';

export interface GovernanceHarness extends Harness {
  readonly idp: TestIdentityProvider;
  /** A staff access token of `tenant` (its own per test: the database is shared by the file), issued at the server's time. */
  staffToken(roles: readonly StaffRole[], subject?: string, team?: string): Promise<string>;
  request(route: GovernanceRoute, token: string | undefined, init?: { json?: unknown; query?: string; id?: string }): Promise<Answer>;
  readonly tenant: string;
  /** The storage directory. */
  readonly dir: string;
}

/** A server with staff sign-in (its provider's `tid` claim names the tenant) and storage in a fresh directory. */
export async function startGovernance(t: TestContext, options: Partial<ServerOptions> = {}): Promise<GovernanceHarness> {
  const idp = await identityProvider();
  const dir = await tempDir(t);
  const h = await startServer(t, { staff: { ...idp.staff, tenantClaim: 'tid', teamClaim: 'team' }, storage: { directory: dir }, ...options });
  const tenant = `gov-${randomBytes(5).toString('hex')}`;
  return {
    ...h,
    idp,
    tenant,
    dir,
    // Signed on the server's clock, which a test may have moved.
    staffToken: (roles, subject = `staff-${roles.join('-') || 'none'}`, team = 'team-a') =>
      idp.sign({ sub: subject, roles, tid: tenant, team }, { issuedAt: Math.floor((options.now ?? Date.now)() / 1000) }),
    request: (route, token, init = {}) =>
      call(`http://127.0.0.1:${h.port}${governancePath(route, init.id)}${init.query ? `?${init.query}` : ''}`, route.method, {
        ...(token === undefined ? {} : { token }),
        ...(route.method === 'POST' || route.method === 'PUT' ? { json: init.json ?? {} } : {}),
      }),
  };
}

export async function startCall(h: GovernanceHarness, json: unknown = {}): Promise<StartedCall> {
  const answer = await h.request(GOVERNANCE_ROUTES.startCall, await h.staffToken(['agent'], 'agent-7'), { json });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  const parsed = parseStartedCall(answer.json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.value;
}

export async function auditOf(h: GovernanceHarness, tenantToken?: string): Promise<AuditEntryRecord[]> {
  const answer = await h.request(GOVERNANCE_ROUTES.readAudit, tenantToken ?? (await h.staffToken(['dpo'], 'dpo-1')), { query: 'limit=500' });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const page = parseAuditPage(answer.json);
  assert.ok(page.ok, page.ok ? '' : page.reason);
  return page.value.entries;
}

export interface Upload {
  readonly callId: string;
  readonly subjectId: string;
  readonly kind?: ArtifactKind;
  readonly chunks?: readonly Uint8Array[];
  readonly expiresAt?: number;
  readonly finish?: boolean;
  /** The storage token to upload with. Default: one of the back end's, for the call's agent `agent-7`. */
  readonly token?: string;
}

export function agentToken(h: GovernanceHarness, callId: string, subjectId: string, tenant = h.tenant): string {
  return createStorageToken({ secret: SECRET, room: callId, role: 'agent', subject: 'agent-7', dataSubject: subjectId, tenant, now: Date.now });
}

export function storage(h: GovernanceHarness, method: string, rest: string, init: { token: string; json?: unknown; body?: Uint8Array }): Promise<Answer> {
  return call(`http://127.0.0.1:${h.port}${rest}`, method, init);
}

/** Begins an artifact through the storage endpoint as the call's agent, sends its chunks and finishes it. */
export async function upload(h: GovernanceHarness, u: Upload): Promise<ArtifactRecord> {
  const token = u.token ?? agentToken(h, u.callId, u.subjectId);
  const kind = u.kind ?? 'recording';
  const artifact = newArtifact({ callId: u.callId, subjectId: u.subjectId, kind, mimeType: kind === 'picture' ? 'image/jpeg' : 'video/webm', consentRef: kind === 'consent' ? null : 'consent-7', expiresAt: u.expiresAt ?? Date.now() + 30 * DAY });
  const begun = await storage(h, 'POST', '/v1/artifacts', { token, json: artifact });
  assert.equal(begun.status, 201, JSON.stringify(begun.json));
  for (const [index, chunk] of (u.chunks ?? [bytes(64)]).entries()) {
    assert.equal((await storage(h, 'PUT', path(artifact.id, `/chunks/${index}`), { token, body: chunk })).status, 201);
  }
  if (u.finish === false) return begun.json as ArtifactRecord;
  const finished = await storage(h, 'POST', path(artifact.id, '/finish'), { token, json: {} });
  assert.equal(finished.status, 200, JSON.stringify(finished.json));
  return finished.json as ArtifactRecord;
}
