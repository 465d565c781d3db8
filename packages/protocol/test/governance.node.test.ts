import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GOVERNANCE_ROUTES,
  hasPermission,
  isStaffRole,
  governancePath,
  matchGovernanceRoute,
  parseAuditPage,
  parseCallFilter,
  parseEraseSubject,
  parseExportLine,
  parsePlaceHold,
  parseRequestExport,
  parseStaffIdentity,
  parseStartCall,
  parseStartedCall,
  permissionsOf,
  STAFF_PERMISSIONS,
  STAFF_ROLES,
} from '../src/index.js';

function reason(parsed: { ok: boolean; reason?: string }): string {
  assert.equal(parsed.ok, false);
  return parsed.reason ?? '';
}

describe('the staff permission table', () => {
  it('is what docs/governance.md documents: a change here is a change of who may do what', () => {
    assert.deepEqual(STAFF_ROLES, ['agent', 'supervisor', 'dpo', 'admin']);
    assert.deepEqual(STAFF_PERMISSIONS, {
      'call.start': ['agent'],
      'audit.read': ['dpo'],
      'legal-hold.manage': ['dpo'],
      'subject.export': ['dpo'],
      'subject.erase': ['dpo'],
      'settings.read': ['agent', 'supervisor', 'dpo', 'admin'],
      'settings.manage': ['admin'],
      'retention.event': ['agent', 'supervisor'],
      'records.read': ['agent', 'supervisor', 'dpo'],
      'records.download': ['agent', 'supervisor', 'dpo'],
    });
    assert.deepEqual(Object.values(GOVERNANCE_ROUTES).map((route) => `${route.method} ${route.path} ${route.permission}`), [
      'POST /v1/calls call.start',
      'POST /v1/calls/:id/security-code call.start',
      'GET /v1/audit audit.read',
      'POST /v1/holds legal-hold.manage',
      'GET /v1/holds legal-hold.manage',
      'DELETE /v1/holds/:id legal-hold.manage',
      'POST /v1/subjects/:id/exports subject.export',
      'GET /v1/exports subject.export',
      'GET /v1/exports/:id/bundle subject.export',
      'POST /v1/subjects/:id/erasure subject.erase',
      'GET /v1/settings settings.read',
      'PUT /v1/settings settings.manage',
      'POST /v1/retention-events retention.event',
      'GET /v1/calls records.read',
      'GET /v1/calls/:id/artifacts records.read',
      'GET /v1/records/:id/content records.read',
      'GET /v1/records/:id/download records.download',
      'GET /v1/me settings.read',
    ]);
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/calls/c-1/artifacts'), { route: GOVERNANCE_ROUTES.listCallArtifacts, id: 'c-1' });
    assert.deepEqual(matchGovernanceRoute('DELETE', '/v1/calls'), { allow: ['POST', 'GET'] });
  });

  it('matches a path to its route, fills :id in, and lists the methods a path takes', () => {
    assert.deepEqual(matchGovernanceRoute('DELETE', '/v1/holds/h%201'), { route: GOVERNANCE_ROUTES.releaseHold, id: 'h%201' });
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/holds'), { route: GOVERNANCE_ROUTES.listHolds });
    assert.deepEqual(matchGovernanceRoute('PUT', '/v1/holds'), { allow: ['POST', 'GET'] });
    assert.deepEqual(matchGovernanceRoute('DELETE', '/v1/holds/a/b'), { allow: [] });
    assert.deepEqual(matchGovernanceRoute('DELETE', '/v1/holds/'), { allow: [] });
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/callsx'), { allow: [] });
    assert.equal(governancePath(GOVERNANCE_ROUTES.releaseHold, 'h 1/2'), '/v1/holds/h%201%2F2');
    assert.deepEqual(matchGovernanceRoute('POST', '/v1/subjects/s%2F1/erasure'), { route: GOVERNANCE_ROUTES.eraseSubject, id: 's%2F1' });
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/subjects/s-1/erasure'), { allow: ['POST'] });
    assert.deepEqual(matchGovernanceRoute('POST', '/v1/subjects//erasure'), { allow: [] });
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/exports/e-1/bundle'), { route: GOVERNANCE_ROUTES.readExport, id: 'e-1' });
    assert.deepEqual(matchGovernanceRoute('GET', '/v1/exports/e-1'), { allow: [] });
    assert.equal(governancePath(GOVERNANCE_ROUTES.eraseSubject, 'a/b'), '/v1/subjects/a%2Fb/erasure');
  });

  it('grants a permission to any role that holds it, and none to no role', () => {
    assert.equal(hasPermission(['agent'], 'call.start'), true);
    assert.equal(hasPermission(['supervisor', 'dpo'], 'audit.read'), true);
    assert.equal(hasPermission(['admin', 'supervisor'], 'audit.read'), false);
    assert.equal(hasPermission([], 'call.start'), false);
    assert.equal(isStaffRole('dpo'), true);
    assert.equal(isStaffRole('customer'), false, 'customers are no staff');
  });

  it('lists every permission a set of roles holds, in the order of the table', () => {
    assert.deepEqual(permissionsOf(['agent']), ['call.start', 'settings.read', 'retention.event', 'records.read', 'records.download']);
    assert.deepEqual(permissionsOf(['admin']), ['settings.read', 'settings.manage']);
    assert.deepEqual(permissionsOf(['admin', 'supervisor']), ['settings.read', 'settings.manage', 'retention.event', 'records.read', 'records.download']);
    assert.deepEqual(permissionsOf([]), []);
  });
});

describe('governance requests and answers', () => {
  it('takes a start-call body with what it knows, and nothing else', () => {
    assert.deepEqual(parseStartCall({}), { ok: true, value: {} });
    assert.deepEqual(parseStartCall({ subjectId: 's-1', invitationTtlSeconds: 600 }), { ok: true, value: { subjectId: 's-1', invitationTtlSeconds: 600 } });
    assert.match(reason(parseStartCall({ customerName: 'Jane Doe' })), /"body" expected only the fields subjectId, invitationTtlSeconds, got "customerName"/);
    assert.match(reason(parseStartCall({ invitationTtlSeconds: 7 * 24 * 3600 + 1 })), /"invitationTtlSeconds" expected an integer of seconds in 60..604800/);
    assert.match(reason(parseStartCall({ subjectId: '' })), /"subjectId" expected a non-empty string/);
    assert.match(reason(parseStartCall(null)), /"body" expected a JSON object, got null/);
  });

  it('takes a legal hold on one subject or one call, for a reason that is a code', () => {
    assert.deepEqual(parsePlaceHold({ subjectId: 's', reason: 'litigation' }), { ok: true, value: { subjectId: 's', reason: 'litigation' } });
    assert.match(reason(parsePlaceHold({ reason: 'litigation' })), /exactly one of subjectId and callId/);
    assert.match(reason(parsePlaceHold({ subjectId: 's', callId: 'c', reason: 'other' })), /exactly one of subjectId and callId/);
    assert.match(reason(parsePlaceHold({ callId: 'c', reason: 'the customer sued us' })), /"reason" expected litigation, regulator-request, internal-investigation, other/);
    assert.match(reason(parsePlaceHold({ callId: 'c', reason: 'other', note: 'x' })), /only the fields/);
  });

  it('reads answers loosely: a field it does not know is dropped', () => {
    const started = { callId: 'c', subjectId: 's', agentToken: 'a.b.c', invitationToken: 'd.e.f', invitationExpiresAt: 5, later: true };
    assert.deepEqual(parseStartedCall(started), { ok: true, value: { callId: 'c', subjectId: 's', agentToken: 'a.b.c', invitationToken: 'd.e.f', invitationExpiresAt: 5 } });
    const entry = { seq: 1, at: 2, action: 'call.created', actor: null, subjectId: null, target: 'c', details: { n: 1, ok: true }, previousHash: 'p', hash: 'h', keyId: 'k', signature: 's' };
    assert.deepEqual(parseAuditPage({ entries: [entry], next: null }), { ok: true, value: { entries: [entry], next: null } });
    assert.match(reason(parseAuditPage({ entries: [{ ...entry, details: { nested: {} } }], next: null })), /"details" expected an object of strings, numbers and booleans/);
    assert.deepEqual(parseStartedCall({ ...started, storageToken: 'g.h.i' }), { ok: true, value: { callId: 'c', subjectId: 's', agentToken: 'a.b.c', invitationToken: 'd.e.f', invitationExpiresAt: 5, storageToken: 'g.h.i' } });
  });

  it('reads who a member is, with roles and permissions the protocol knows', () => {
    const identity = { subject: 'sub-1', tenant: 't', roles: ['agent'], teams: ['north'], permissions: ['call.start', 'settings.read'] };
    assert.deepEqual(parseStaffIdentity({ ...identity, later: 1 }), { ok: true, value: identity });
    assert.match(reason(parseStaffIdentity({ ...identity, roles: ['customer'] })), /"roles\[\]" expected agent, supervisor, dpo, admin, got "customer"/);
    assert.match(reason(parseStaffIdentity({ ...identity, permissions: ['everything'] })), /"permissions\[\]" expected call.start, /);
    assert.match(reason(parseStaffIdentity({ ...identity, tenant: '' })), /"tenant" expected a non-empty string/);
  });

  it('takes the filters of the calls, each optional, and a window from before to', () => {
    assert.deepEqual(parseCallFilter({}), { ok: true, value: {} });
    const filter = { subject: 's-1', from: 1000, to: 2000, kind: 'picture' };
    assert.deepEqual(parseCallFilter({ ...filter, after: 5, limit: 10 }), { ok: true, value: filter }, 'the page is not a filter');
    assert.match(reason(parseCallFilter({ kind: 'video' })), /"kind" expected picture, recording, document, location, transcript or consent, got "video"/);
    assert.match(reason(parseCallFilter({ from: 'yesterday' })), /"from" expected milliseconds since the epoch \(a non-negative integer\), got "yesterday"/);
    assert.match(reason(parseCallFilter({ to: -1 })), /"to" expected milliseconds since the epoch/);
    assert.match(reason(parseCallFilter({ subject: '' })), /"subject" expected a non-empty string/);
    assert.match(reason(parseCallFilter({ from: 2000, to: 2000 })), /"to" expected later than "from" \(2000\), got 2000/);
  });
});

describe('a data subject\'s export and erasure', () => {
  it('takes an erasure that keeps artifacts only on a coded lawful basis', () => {
    assert.deepEqual(parseEraseSubject({}), { ok: true, value: {} });
    const retain = [{ artifactId: 'rec-1', basis: 'legal-claims' }];
    assert.deepEqual(parseEraseSubject({ retain }), { ok: true, value: { retain } });
    assert.match(reason(parseEraseSubject({ retain: [{ artifactId: 'rec-1', basis: 'we like it' }] })), /"basis" expected legal-obligation, public-interest, archiving, legal-claims/);
    assert.match(reason(parseEraseSubject({ retain: [{ artifactId: 'rec 1', basis: 'archiving' }] })), /"id" expected 1 to 128 characters/);
    assert.match(reason(parseEraseSubject({ reason: 'asked by phone' })), /only the fields retain/);
    assert.match(reason(parseRequestExport({ format: 'pdf' })), /expected only the fields/);
  });

  it('reads every line of a bundle by its type, and refuses a line of a type it does not know', () => {
    const lines = [
      { type: 'bundle', version: 1, exportId: 'e', subjectId: 's', requestedAt: 1, dueAt: 2, generatedAt: 3 },
      { type: 'call', callId: 'c', createdAt: 1 },
      { type: 'chunk', artifactId: 'a', index: 0, data: 'AQID' },
      { type: 'end', calls: 1, artifacts: 1, chunks: 1, bytes: 3, auditEntries: 0 },
    ];
    for (const line of lines) assert.deepEqual(parseExportLine(line), { ok: true, value: line });
    assert.match(reason(parseExportLine({ type: 'note', text: 'hi' })), /"type" expected bundle, call, artifact, chunk, audit or end/);
    assert.match(reason(parseExportLine({ type: 'chunk', artifactId: 'a', index: 0, data: 'AQ+D' })), /"data" expected unpadded base64url/);
  });
});
