import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { COUNTERSIGN_PATH, countersignedMessage, GOVERNANCE_ROUTES, parseCountersignature, type Countersignature } from '@sealcall/protocol';
import { createStorageToken } from '../src/index.js';
import { auditOf, startGovernance, type GovernanceHarness } from './governance-helpers.js';
import { SECRET } from './helpers.js';
import { call, type Answer } from './storage-helpers.js';

const RECORD_HASH = createHash('sha256').update('a consent record').digest('hex');

function token(h: GovernanceHarness, role: 'agent' | 'customer' | 'office', dataSubject: string | undefined = 'subject-c'): string {
  return createStorageToken({ secret: SECRET, room: role === 'office' ? '*' : 'call-c', role, subject: `${role}-1`, tenant: h.tenant, ...(dataSubject ? { dataSubject } : {}) });
}

function countersign(h: GovernanceHarness, bearer: string | undefined, json: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(`http://127.0.0.1:${h.port}${COUNTERSIGN_PATH}`, 'POST', { ...(bearer ? { token: bearer } : {}), json, headers });
}

async function verifies(h: GovernanceHarness, signed: Countersignature): Promise<boolean> {
  const { keys } = (await call(`http://127.0.0.1:${h.port}/v1/audit/keys`, 'GET')).json as { keys: Array<{ kid: string; x: string }> };
  const key = keys.find((k) => k.kid === signed.keyId);
  if (key === undefined) return false;
  const digest = createHash('sha256').update(countersignedMessage(signed.recordHash, signed.countersignedAt)).digest();
  return verify(null, digest, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' }), Buffer.from(signed.signature, 'base64url'));
}

describe('POST /v1/consent/countersignatures', () => {
  it('signs a record\'s hash with the audit key at the server\'s time, and logs it for the token\'s call and subject', async (t) => {
    const h = await startGovernance(t);
    const answer = await countersign(h, token(h, 'customer'), { recordHash: RECORD_HASH, kind: 'grant', purposes: ['call', 'recording'] });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const parsed = parseCountersignature(answer.json);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
    const signed = parsed.value;
    assert.equal(signed.recordHash, RECORD_HASH);
    assert.ok(Math.abs(signed.countersignedAt - Date.now()) < 5000);
    assert.equal(await verifies(h, signed), true);
    assert.equal(await verifies(h, { ...signed, recordHash: RECORD_HASH.replace(/^./, (c) => (c === '0' ? '1' : '0')) }), false, 'another record does not verify');
    assert.equal(await verifies(h, { ...signed, countersignedAt: signed.countersignedAt - 1000 }), false, 'nor another time');

    const withdrawn = await countersign(h, token(h, 'agent'), { recordHash: RECORD_HASH, kind: 'withdrawal', purposes: ['recording'] });
    assert.equal(withdrawn.status, 201);
    const entries = (await auditOf(h)).filter((entry) => entry.action.startsWith('consent.'));
    assert.deepEqual(entries.map((entry) => ({ action: entry.action, actor: entry.actor, subjectId: entry.subjectId, target: entry.target, details: entry.details })), [
      { action: 'consent.recorded', actor: { role: 'customer', id: 'customer-1' }, subjectId: 'subject-c', target: 'call-c', details: { record: RECORD_HASH, kind: 'grant', purposes: 'call,recording' } },
      { action: 'consent.withdrawn', actor: { role: 'agent', id: 'agent-1' }, subjectId: 'subject-c', target: 'call-c', details: { record: RECORD_HASH, kind: 'withdrawal', purposes: 'recording' } },
    ]);
  });

  it('refuses what is not a participant\'s token of a subject (audited), a body off the protocol, another method, another origin', async (t) => {
    const h = await startGovernance(t);
    const body = { recordHash: RECORD_HASH, kind: 'grant', purposes: ['call'] };
    assert.equal((await countersign(h, undefined, body)).status, 401);
    assert.equal((await countersign(h, 'not-a-token', body)).status, 401);
    const office = await countersign(h, token(h, 'office', undefined), body);
    assert.equal(office.status, 403);
    assert.match((office.json as { error: { message: string } }).error.message, /agent or customer/);
    assert.equal((await countersign(h, token(h, 'customer', ''), body)).status, 403, 'a token without a subject');
    for (const [wrong, message] of [
      [{ ...body, recordHash: 'ABC' }, /"recordHash" expected a SHA-256 in lower-case hex/],
      [{ ...body, purposes: ['Show me my claim'] }, /"purposes\[\]" expected a code/],
      [{ ...body, purposes: [] }, /at least one purpose/],
      [{ ...body, kind: 'maybe' }, /"kind" expected grant, withdrawal, refusal/],
      [{ ...body, text: 'I agree' }, /expected only the fields recordHash, kind, purposes/],
    ] as const) {
      const answer = await countersign(h, token(h, 'customer'), wrong);
      assert.equal(answer.status, 400, JSON.stringify(wrong));
      assert.match((answer.json as { error: { message: string } }).error.message, message);
    }
    assert.equal((await call(`http://127.0.0.1:${h.port}${COUNTERSIGN_PATH}`, 'GET', { token: token(h, 'customer') })).status, 405);

    const admin = await h.staffToken(['admin'], 'admin-1');
    const read = (await h.request(GOVERNANCE_ROUTES.readSettings, admin)).json as { version: number; settings: object };
    await h.request(GOVERNANCE_ROUTES.changeSettings, admin, { json: { version: read.version, settings: { ...read.settings, allowedOrigins: ['https://portal.test'] } } });
    assert.equal((await countersign(h, token(h, 'customer'), body, { origin: 'https://elsewhere.test' })).status, 403);
    assert.equal((await countersign(h, token(h, 'customer'), body, { origin: 'https://portal.test' })).status, 201);

    const denials = (await auditOf(h)).filter((entry) => entry.action === 'access.denied');
    assert.deepEqual(denials.map((entry) => [entry.actor?.role, entry.details.op]), [['office', 'countersign'], ['customer', 'countersign'], ['customer', 'countersign']]);
    assert.equal((await auditOf(h)).filter((entry) => entry.action === 'consent.recorded').length, 1, 'only the accepted one');
  });
});
