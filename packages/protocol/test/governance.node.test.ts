import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GOVERNANCE_ROUTES,
  hasPermission,
  isStaffRole,
  parseAuditPage,
  parseStartCall,
  parseStartedCall,
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
    assert.deepEqual(STAFF_PERMISSIONS, { 'call.start': ['agent'], 'audit.read': ['dpo'] });
    assert.deepEqual(Object.values(GOVERNANCE_ROUTES).map((route) => `${route.method} ${route.path} ${route.permission}`), [
      'POST /v1/calls call.start',
      'GET /v1/audit audit.read',
    ]);
  });

  it('grants a permission to any role that holds it, and none to no role', () => {
    assert.equal(hasPermission(['agent'], 'call.start'), true);
    assert.equal(hasPermission(['supervisor', 'dpo'], 'audit.read'), true);
    assert.equal(hasPermission(['admin', 'supervisor'], 'audit.read'), false);
    assert.equal(hasPermission([], 'call.start'), false);
    assert.equal(isStaffRole('dpo'), true);
    assert.equal(isStaffRole('customer'), false, 'customers are no staff');
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

  it('reads answers loosely: a field it does not know is dropped', () => {
    const started = { callId: 'c', subjectId: 's', agentToken: 'a.b.c', invitationToken: 'd.e.f', invitationExpiresAt: 5, later: true };
    assert.deepEqual(parseStartedCall(started), { ok: true, value: { callId: 'c', subjectId: 's', agentToken: 'a.b.c', invitationToken: 'd.e.f', invitationExpiresAt: 5 } });
    const entry = { seq: 1, at: 2, action: 'call.created', actor: null, subjectId: null, target: 'c', details: { n: 1, ok: true }, previousHash: 'p', hash: 'h', keyId: 'k', signature: 's' };
    assert.deepEqual(parseAuditPage({ entries: [entry], next: null }), { ok: true, value: { entries: [entry], next: null } });
    assert.match(reason(parseAuditPage({ entries: [{ ...entry, details: { nested: {} } }], next: null })), /"details" expected an object of strings, numbers and booleans/);
  });
});
