import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import {
  GOVERNANCE_ROUTES,
  hasPermission,
  parseAuditPage,
  parseStaffIdentity,
  parseStartedCall,
  STAFF_PERMISSIONS,
  STAFF_ROLES,
  type AuditEntryRecord,
  type GovernanceRoute,
  type SettingsDocument,
  type StaffPermission,
  type StaffRole,
  type StartedCall,
} from '@sealcall/protocol';
import { createRoomToken, createStorageToken } from '../src/index.js';
import { testDatabase } from './database.js';
import { SECRET, startServer } from './helpers.js';
import { call, newArtifact, type Answer } from './storage-helpers.js';
import { identityProvider } from './staff-helpers.js';
import { auditOf, startCall, startGovernance, storage, upload, type GovernanceHarness } from './governance-helpers.js';

type RouteName = keyof typeof GOVERNANCE_ROUTES;

const SUCCESS: Record<RouteName, number> = {
  startCall: 201,
  readAudit: 200,
  placeHold: 201,
  listHolds: 200,
  releaseHold: 204,
  requestExport: 201,
  listExports: 200,
  readExport: 200,
  eraseSubject: 200,
  readSettings: 200,
  changeSettings: 200,
  recordRetentionEvent: 201,
  listCalls: 200,
  listCallArtifacts: 200,
  viewArtifact: 200,
  downloadArtifact: 200,
  whoAmI: 200,
  recordSecurityCode: 204,
};

/** The claims of a JWT, unverified. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A call started by the matrix's agent (`staff-agent` of `team-a`), with one complete recording. */
async function callWithRecording(h: GovernanceHarness): Promise<{ callId: string; artifactId: string }> {
  const started = await h.request(GOVERNANCE_ROUTES.startCall, await h.staffToken(['agent']), { json: {} });
  const { callId, subjectId } = started.json as StartedCall;
  const recording = await upload(h, { callId, subjectId });
  return { callId, artifactId: recording.id };
}

/** A request each route takes from a member allowed it: its body, or the id of something to act on. */
async function validRequest(h: GovernanceHarness, name: RouteName): Promise<{ json?: unknown; id?: string }> {
  switch (name) {
    case 'placeHold':
      return { json: { subjectId: 'subject-matrix', reason: 'litigation' } };
    case 'releaseHold': {
      const placed = await h.request(GOVERNANCE_ROUTES.placeHold, await h.staffToken(['dpo'], 'dpo-setup'), { json: { callId: 'call-matrix', reason: 'other' } });
      return { id: (placed.json as { id: string }).id };
    }
    case 'requestExport':
    case 'eraseSubject':
      return { id: 'subject-matrix' };
    case 'changeSettings': {
      // Each allowed change is made against the version it read.
      const read = await h.request(GOVERNANCE_ROUTES.readSettings, await h.staffToken(['admin'], 'admin-setup'));
      const { version, settings } = read.json as SettingsDocument;
      return { json: { version, settings: { ...settings, agentRecordsDays: settings.agentRecordsDays + 1 } } };
    }
    case 'recordRetentionEvent':
      return { json: { event: 'claim-closed', callId: 'call-matrix' } };
    case 'listCallArtifacts':
      return { id: (await callWithRecording(h)).callId };
    case 'recordSecurityCode':
      return { id: (await callWithRecording(h)).callId, json: { matches: true } };
    case 'viewArtifact':
      return { id: (await callWithRecording(h)).artifactId };
    case 'downloadArtifact': {
      const read = await h.request(GOVERNANCE_ROUTES.readSettings, await h.staffToken(['admin'], 'admin-setup'));
      const { version, settings } = read.json as SettingsDocument;
      if (!settings.downloads) await h.request(GOVERNANCE_ROUTES.changeSettings, await h.staffToken(['admin'], 'admin-setup'), { json: { version, settings: { ...settings, downloads: true } } });
      return { id: (await callWithRecording(h)).artifactId };
    }
    case 'readExport': {
      const requested = await h.request(GOVERNANCE_ROUTES.requestExport, await h.staffToken(['dpo'], 'dpo-setup'), { id: 'subject-matrix' });
      return { id: (requested.json as { id: string }).id };
    }
    default:
      return {};
  }
}

describe('governance routes: every route for every role', () => {
  it('allows exactly what the permission table says, refuses the rest with 403 FORBIDDEN, and audits each refusal', async (t) => {
    const h = await startGovernance(t);
    const roleSets: StaffRole[][] = [...STAFF_ROLES.map((role) => [role]), [], ['supervisor', 'admin']];
    let refusals = 0;
    for (const [name, route] of Object.entries(GOVERNANCE_ROUTES) as Array<[RouteName, GovernanceRoute]>) {
      for (const roles of roleSets) {
        const answer = await h.request(route, await h.staffToken(roles), await validRequest(h, name));
        const allowed = hasPermission(roles, route.permission);
        const label = `${route.method} ${route.path} as [${roles.join(', ')}]`;
        if (allowed) {
          assert.equal(answer.status, SUCCESS[name], `${label}: ${JSON.stringify(answer.json)}`);
        } else {
          refusals++;
          assert.equal(answer.status, 403, label);
          const { error } = answer.json as { error: { code: string; message: string } };
          assert.equal(error.code, 'FORBIDDEN', label);
          assert.match(error.message, new RegExp(`"${route.permission}" is for`), label);
        }
      }
    }
    assert.ok(refusals >= 20, 'most roles hold few permissions');
    const denials = (await auditOf(h)).filter((entry) => entry.action === 'access.denied');
    assert.equal(denials.length, refusals, 'one audit entry per refusal');
    for (const denial of denials) {
      assert.ok(Object.values(GOVERNANCE_ROUTES).some((route) => route.permission === denial.details.op), String(denial.details.op));
      assert.equal(denial.details.code, 'FORBIDDEN');
      assert.match(denial.actor!.id, /^staff-/);
    }
  });

  it('answers 401 UNAUTHORIZED to no token, and to every token that is not a staff access token of the provider', async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h);
    const stranger = await identityProvider();
    const notStaff: Record<string, string | undefined> = {
      'no token': undefined,
      'the customer\'s invitation': started.invitationToken,
      'the agent\'s room token': started.agentToken,
      'a room token of the back end': createRoomToken({ secret: SECRET, room: 'r1', role: 'agent', subject: 'a' }),
      'an office storage token': createStorageToken({ secret: SECRET, room: '*', role: 'office', subject: 'office' }),
      'another provider\'s token': await stranger.sign({ sub: 'x', roles: ['dpo', 'agent'], tid: h.tenant }),
      'an expired sign-in': await h.idp.sign({ sub: 'x', roles: ['dpo', 'agent'], tid: h.tenant }, { issuedAt: Math.floor(Date.now() / 1000) - 7200 }),
      'a token for another application': await h.idp.sign({ sub: 'x', roles: ['dpo', 'agent'], tid: h.tenant, aud: 'crm' }),
    };
    for (const route of Object.values(GOVERNANCE_ROUTES)) {
      for (const [what, token] of Object.entries(notStaff)) {
        const answer = await h.request(route, token, { id: 'some-hold' });
        assert.equal(answer.status, 401, `${route.path} with ${what}`);
        assert.equal((answer.json as { error: { code: string } }).error.code, 'UNAUTHORIZED');
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
      }
    }
    assert.deepEqual((await auditOf(h)).map((entry) => entry.action), ['call.created'], 'nothing about unverified requests is written');
  });

  it('keeps tenants apart: a DPO reads only the log of their own tenant', async (t) => {
    const h = await startGovernance(t);
    await startCall(h);
    const otherTenant = await h.idp.sign({ sub: 'dpo-b', roles: ['dpo'], tid: `${h.tenant}-b` });
    assert.deepEqual(await auditOf(h, otherTenant), []);
    assert.deepEqual((await auditOf(h)).map((entry) => entry.action), ['call.created']);
  });

  it('says what is wrong with a request: no staff sign-in set up 404, a method 405, a body or query 400', async (t) => {
    const h = await startGovernance(t);
    const agent = await h.staffToken(['agent']);
    const dpo = await h.staffToken(['dpo']);
    const bad = async (answer: Promise<Answer>, status: number, message: RegExp) => {
      const { status: got, json } = await answer;
      assert.equal(got, status, JSON.stringify(json));
      assert.match((json as { error: { message: string } }).error.message, message);
    };
    await bad(h.request(GOVERNANCE_ROUTES.startCall, agent, { json: { subjectId: 'a', name: 'Jane Doe' } }), 400, /only the fields subjectId, invitationTtlSeconds/);
    await bad(h.request(GOVERNANCE_ROUTES.startCall, agent, { json: { invitationTtlSeconds: 10 } }), 400, /invitationTtlSeconds/);
    await bad(h.request(GOVERNANCE_ROUTES.startCall, agent, { json: { invitationTtlSeconds: 2 * 24 * 3600 } }), 400, /at most 86400/);
    await bad(h.request(GOVERNANCE_ROUTES.startCall, agent, { json: [] }), 400, /JSON object/);
    await bad(h.request(GOVERNANCE_ROUTES.readAudit, dpo, { query: 'limit=501' }), 400, /"limit" expected an integer in 1..500/);
    await bad(h.request(GOVERNANCE_ROUTES.readAudit, dpo, { query: 'after=-1' }), 400, /"after"/);
    await bad(call(`http://127.0.0.1:${h.port}/v1/calls`, 'DELETE', { token: agent }), 405, /takes POST/);
    const preflight = await call(`http://127.0.0.1:${h.port}/v1/calls`, 'OPTIONS', { headers: { origin: 'https://portal.insurer.test' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const plain = await startServer(t);
    await bad(call(`http://127.0.0.1:${plain.port}/v1/calls`, 'POST', { token: agent, json: {} }), 404, /staff sign-in is not set up/);
    assert.equal((await auditOf(h)).length, 0, 'bad requests change nothing');
  });
});

describe('POST /v1/calls/:id/security-code: the agent puts the comparison on record', () => {
  it("writes whether the codes matched to the call's audit trail; only for the agent who started it, in its tenant", async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h);
    const agent = await h.staffToken(['agent'], 'agent-7');
    const record = (token: string, id: string, json: unknown) => h.request(GOVERNANCE_ROUTES.recordSecurityCode, token, { id, json });

    assert.equal((await record(agent, started.callId, { matches: true })).status, 204);
    assert.equal((await record(agent, started.callId, { matches: false })).status, 204);
    const trail = (await auditOf(h)).filter((entry) => entry.target === started.callId);
    assert.deepEqual(trail.map((entry) => entry.action), ['call.created', 'call.code-matched', 'call.code-differed']);
    assert.deepEqual([trail[1]!.actor, trail[1]!.subjectId], [{ role: 'agent', id: 'agent-7' }, started.subjectId]);

    const refused = async (answer: Promise<Answer>, status: number, code: string) => {
      const { status: got, json } = await answer;
      assert.deepEqual([got, (json as { error: { code: string } }).error.code], [status, code]);
    };
    await refused(record(await h.staffToken(['agent'], 'agent-8'), started.callId, { matches: true }), 403, 'FORBIDDEN');
    await refused(record(agent, 'no-such-call', { matches: true }), 404, 'NOT_FOUND');
    await refused(record(await h.idp.sign({ sub: 'agent-7', roles: ['agent'], tid: `${h.tenant}-b` }), started.callId, { matches: true }), 404, 'NOT_FOUND');
    await refused(record(agent, started.callId, { matches: 'yes' }), 400, 'INVALID_ARGUMENT');
    await refused(record(agent, started.callId, { matches: true, code: '123456' }), 400, 'INVALID_ARGUMENT');
    const after = (await auditOf(h)).filter((entry) => entry.target === started.callId);
    assert.equal(after.length, 3, 'a refused request writes nothing to the call');
  });
});

describe('POST /v1/calls: an agent starts a call', () => {
  it('returns tokens that join this one call: the agent\'s, and the customer\'s invitation once', async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h, { subjectId: 'subject-Q7', invitationTtlSeconds: 3600 });
    assert.equal(started.subjectId, 'subject-Q7');
    assert.ok(Math.abs(started.invitationExpiresAt - (Date.now() + 3600_000)) < 5000);
    const agent = await h.connect(started.callId);
    assert.equal((await agent.join(started.agentToken)).role, 'agent');
    const customer = await h.connect(started.callId);
    customer.send({ type: 'join', token: started.invitationToken });
    const { participantId } = await customer.next('joined');
    await agent.next('knock');
    agent.send({ type: 'admit', participantId });
    await customer.next('admitted');
    const again = await h.connect(started.callId);
    assert.equal((await again.refused(started.invitationToken)).code, 'TOKEN_REUSED', 'the invitation works once');
    const elsewhere = await h.connect('another-room');
    assert.equal((await elsewhere.refused(started.invitationToken)).code, 'TOKEN_WRONG_ROOM');
    const storage = await call(`http://127.0.0.1:${h.port}/v1/artifacts?callId=${started.callId}`, 'GET', { token: started.invitationToken });
    assert.equal(storage.status, 401, 'an invitation is no storage token');

    const [created, ...rest] = await auditOf(h);
    assert.deepEqual(
      { action: created!.action, actor: created!.actor, subjectId: created!.subjectId, target: created!.target, details: created!.details },
      { action: 'call.created', actor: { role: 'agent', id: 'agent-7' }, subjectId: 'subject-Q7', target: started.callId, details: { invitationTtlSeconds: 3600, storage: true } },
    );
    assert.deepEqual(rest.map((entry) => entry.action), ['call.joined', 'call.joined', 'call.admitted']);
  });

  it('gives the agent a storage token that stores in this call, for its subject, and in no other call', async (t) => {
    const h = await startGovernance(t);
    const started = await startCall(h, { subjectId: 'subject-S1', invitationTtlSeconds: 600 });
    assert.ok(started.storageToken !== undefined, 'a server with storage issues one');
    const claims = claimsOf(started.storageToken);
    const agent = claimsOf(started.agentToken);
    assert.deepEqual(
      { aud: claims.aud, room: claims.room, role: claims.role, sub: claims.sub, tid: claims.tid, dsub: claims.dsub, iss: claims.iss },
      { aud: 'sealcall-storage', room: started.callId, role: 'agent', sub: 'agent-7', tid: h.tenant, dsub: 'subject-S1', iss: 'sealcall' },
    );
    assert.equal(claims.exp, agent.exp, 'as long-lived as the agent\'s room token');
    assert.equal(Number(claims.exp) - Number(claims.iat), 600);
    assert.notEqual(claims.jti, agent.jti);

    const recording = await upload(h, { callId: started.callId, subjectId: 'subject-S1', token: started.storageToken });
    assert.deepEqual([recording.callId, recording.subjectId, recording.status, recording.chunkCount], [started.callId, 'subject-S1', 'complete', 1]);
    const listed = await storage(h, 'GET', `/v1/artifacts?callId=${started.callId}`, { token: started.storageToken });
    assert.deepEqual((listed.json as { artifacts: Array<{ id: string }> }).artifacts.map((a) => a.id), [recording.id]);

    const other = await startCall(h);
    const elsewhere = await storage(h, 'POST', '/v1/artifacts', { token: started.storageToken, json: newArtifact({ callId: other.callId, subjectId: 'subject-S1' }) });
    assert.equal(elsewhere.status, 403, JSON.stringify(elsewhere.json));
    assert.match((elsewhere.json as { error: { message: string } }).error.message, /another call/);
    assert.equal((await storage(h, 'GET', `/v1/artifacts?callId=${other.callId}`, { token: started.storageToken })).status, 403);
    const anotherSubject = await storage(h, 'POST', '/v1/artifacts', { token: started.storageToken, json: newArtifact({ callId: started.callId, subjectId: other.subjectId }) });
    assert.equal(anotherSubject.status, 403, 'stored under the call\'s subject only');
    const join = await h.connect(started.callId);
    assert.equal((await join.refused(started.storageToken)).code, 'TOKEN_INVALID', 'a storage token joins no call');

    const created = (await auditOf(h)).filter((entry) => entry.action === 'call.created');
    assert.deepEqual(created.map((entry) => entry.details), [{ invitationTtlSeconds: 600, storage: true }, { invitationTtlSeconds: 86400, storage: true }]);

    const without = await startGovernance(t, { storage: undefined });
    const plain = await startCall(without);
    assert.equal('storageToken' in plain, false, 'a server without storage issues none');
    assert.deepEqual((await auditOf(without)).map((entry) => entry.details), [{ invitationTtlSeconds: 86400, storage: false }]);
  });

  it('gives every call a fresh subject id unless the agent names one', async (t) => {
    const h = await startGovernance(t);
    const [a, b] = [await startCall(h), await startCall(h)];
    assert.notEqual(a.callId, b.callId);
    assert.notEqual(a.subjectId, b.subjectId);
    assert.match(a.subjectId, /^[A-Za-z0-9_-]{22}$/);
  });

  it('with the back end\'s key pairs, its own tokens still join, across a restart; an HS256 token it did not issue does not', async (t) => {
    const database = await testDatabase();
    const { publicKey } = await generateKeyPair('EdDSA');
    const publicKeys = { keys: [{ ...(await exportJWK(publicKey)), kid: 'backend' }] };
    const idp = await identityProvider();
    const first = await startGovernance(t, { database, publicKeys, staff: { ...idp.staff, tenantClaim: 'tid' } });
    const tenant = first.tenant;
    const agentToken = await idp.sign({ sub: 'agent-1', roles: ['agent'], tid: tenant });
    const answer = await first.request(GOVERNANCE_ROUTES.startCall, agentToken);
    const started = parseStartedCall(answer.json);
    assert.ok(started.ok);
    await first.server.close();

    const second = await startServer(t, { database, publicKeys, storage: { directory: first.dir } });
    const customer = await second.connect(started.value.callId);
    assert.equal((await customer.join(started.value.invitationToken)).role, 'customer');
    const { callId, subjectId, storageToken } = started.value;
    const begun = await call(`http://127.0.0.1:${second.port}/v1/artifacts`, 'POST', { token: storageToken, json: newArtifact({ callId, subjectId }) });
    assert.equal(begun.status, 201, `the storage token it issued stores: ${JSON.stringify(begun.json)}`);
    const forgedStorage = createStorageToken({ secret: SECRET, room: callId, role: 'agent', subject: 'agent-1', dataSubject: subjectId, tenant });
    const refusedStorage = await call(`http://127.0.0.1:${second.port}/v1/artifacts`, 'POST', { token: forgedStorage, json: newArtifact({ callId, subjectId }) });
    assert.equal(refusedStorage.status, 401);
    assert.match((refusedStorage.json as { error: { message: string } }).error.message, /HS256 storage tokens only from its own POST \/v1\/calls/);
    const forged = createRoomToken({ secret: SECRET, room: started.value.callId, role: 'agent', subject: 'agent-1', tenant });
    const intruder = await second.connect(started.value.callId);
    const refusal = await intruder.refused(forged);
    assert.equal(refusal.code, 'TOKEN_INVALID');
    const signedElsewhere = await new SignJWT({ room: 'x', role: 'agent', jti: randomBytes(16).toString('base64url') })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer('sealcall').setAudience('sealcall-room').setSubject('a').setIssuedAt().setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-000000'));
    assert.equal((await (await second.connect('x')).refused(signedElsewhere)).code, 'TOKEN_INVALID');
  });
});

describe('GET /v1/me: who the signed-in member is', () => {
  it('answers each role\'s permissions exactly as STAFF_PERMISSIONS says, with the token\'s subject, tenant and teams, unaudited', async (t) => {
    const h = await startGovernance(t);
    const roleSets: StaffRole[][] = [...STAFF_ROLES.map((role) => [role]), ['supervisor', 'admin'], ['agent', 'dpo']];
    for (const roles of roleSets) {
      const answer = await h.request(GOVERNANCE_ROUTES.whoAmI, await h.staffToken(roles, 'member-1', 'north'));
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      const identity = parseStaffIdentity(answer.json);
      assert.ok(identity.ok, identity.ok ? '' : identity.reason);
      const permissions = (Object.keys(STAFF_PERMISSIONS) as StaffPermission[]).filter((permission) => STAFF_PERMISSIONS[permission].some((holder) => roles.includes(holder)));
      assert.deepEqual(identity.value, { subject: 'member-1', tenant: h.tenant, roles, teams: ['north'], permissions }, roles.join(', '));
    }
    const unauthenticated = await h.request(GOVERNANCE_ROUTES.whoAmI, undefined);
    assert.equal(unauthenticated.status, 401);
    assert.equal((unauthenticated.json as { error: { code: string } }).error.code, 'UNAUTHORIZED');
    assert.equal((await h.request(GOVERNANCE_ROUTES.whoAmI, 'not-a-token')).status, 401);
    assert.deepEqual(await auditOf(h), [], 'asking is not audited');
  });
});

describe('GET /v1/audit: the DPO pages through the log', () => {
  it('returns entries oldest first, a page at a time, each chained to the one before', async (t) => {
    const h = await startGovernance(t);
    for (let i = 0; i < 5; i++) await startCall(h);
    const dpo = await h.staffToken(['dpo']);
    const seen: AuditEntryRecord[] = [];
    let after = 0;
    for (let pages = 0; pages < 10; pages++) {
      const answer = await h.request(GOVERNANCE_ROUTES.readAudit, dpo, { query: `after=${after}&limit=2` });
      const page = parseAuditPage(answer.json);
      assert.ok(page.ok);
      seen.push(...page.value.entries);
      if (page.value.next === null) break;
      after = page.value.next;
    }
    assert.deepEqual(seen.map((entry) => entry.seq), [1, 2, 3, 4, 5]);
    for (const [i, entry] of seen.entries()) {
      if (i > 0) assert.equal(entry.previousHash, seen[i - 1]!.hash);
      assert.match(entry.signature, /^[A-Za-z0-9_-]{86}$/);
    }
    const keys = await call(`http://127.0.0.1:${h.port}/v1/audit/keys`, 'GET');
    assert.equal((keys.json as { keys: Array<{ kid: string }> }).keys[0]!.kid, seen[0]!.keyId, 'signed by the published key');
  });
});
