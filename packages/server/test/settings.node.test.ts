import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  DEFAULT_SETTINGS,
  GOVERNANCE_ROUTES,
  parseRetentionEvent,
  parseSettingsDocument,
  type ArtifactRecord,
  type SettingsDocument,
  type TenantSettings,
} from '@sealcall/protocol';
import { createStorageToken, type ServerOptions } from '../src/index.js';
import { auditKeyFromSeed, trustedAuditKeys } from '../src/governance/audit-key.js';
import { AuditLog } from '../src/governance/audit-log.js';
import { pruneAuditLogs } from '../src/governance/audit-retention.js';
import { verifyAuditLog } from '../src/governance/audit-verify.js';
import { testDatabase } from './database.js';
import { auditOf, startCall, startGovernance, type GovernanceHarness } from './governance-helpers.js';
import { SECRET } from './helpers.js';
import { call, DAY, newArtifact, tempDir, type Answer } from './storage-helpers.js';

const START = Date.UTC(2032, 0, 10);

async function readSettings(h: GovernanceHarness): Promise<SettingsDocument> {
  const answer = await h.request(GOVERNANCE_ROUTES.readSettings, await h.staffToken(['agent']));
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const parsed = parseSettingsDocument(answer.json);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.value;
}

async function changeSettings(h: GovernanceHarness, change: Partial<TenantSettings>, version?: number): Promise<Answer> {
  const current = await readSettings(h);
  return h.request(GOVERNANCE_ROUTES.changeSettings, await h.staffToken(['admin'], 'admin-1'), {
    json: { version: version ?? current.version, settings: { ...current.settings, ...change } },
  });
}

async function settle(h: GovernanceHarness, change: Partial<TenantSettings>): Promise<void> {
  const answer = await changeSettings(h, change);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
}

/** A clock the test moves, and a governance server on it. */
async function onClock(t: Parameters<typeof startGovernance>[0], options: Partial<ServerOptions> = {}) {
  const clock = { now: START };
  const h = await startGovernance(t, { now: () => clock.now, ...options });
  const agent = (callId: string, subjectId: string) =>
    createStorageToken({ secret: SECRET, room: callId, role: 'agent', subject: 'agent-1', dataSubject: subjectId, tenant: h.tenant, now: () => clock.now });
  const begin = async (fields: Parameters<typeof newArtifact>[0] & { callId: string; subjectId: string }, headers: Record<string, string> = {}) => {
    const artifact = newArtifact({ expiresAt: clock.now + 3650 * DAY, ...fields });
    return call(`http://127.0.0.1:${h.port}/v1/artifacts`, 'POST', { token: agent(fields.callId, fields.subjectId), json: artifact, headers });
  };
  const begun = async (fields: Parameters<typeof begin>[0]): Promise<ArtifactRecord> => {
    const answer = await begin(fields);
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    return answer.json as ArtifactRecord;
  };
  const metadata = async (id: string): Promise<Answer> => {
    const office = createStorageToken({ secret: SECRET, room: '*', role: 'office', subject: 'office', tenant: h.tenant, now: () => clock.now });
    return call(`http://127.0.0.1:${h.port}/v1/artifacts/${id}`, 'GET', { token: office });
  };
  return { clock, h, begin, begun, metadata };
}

describe('settings: an admin changes them, everyone reads them', () => {
  it('starts from the defaults, takes a change against the version read, refuses a stale one, and audits what changed', async (t) => {
    const h = await startGovernance(t);
    assert.deepEqual(await readSettings(h), { version: 0, settings: DEFAULT_SETTINGS, updatedAt: null, updatedBy: null });

    const first = await changeSettings(h, { downloads: true, retention: [{ kind: 'picture', days: 30 }] });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const read = await readSettings(h);
    assert.equal(read.version, 1);
    assert.equal(read.updatedBy, 'admin-1');
    assert.deepEqual(read.settings, { ...DEFAULT_SETTINGS, downloads: true, retention: [{ kind: 'picture', days: 30 }] });

    const stale = await changeSettings(h, { downloads: false }, 0);
    assert.equal(stale.status, 409);
    assert.deepEqual((stale.json as { error: { code: string } }).error.code, 'CONFLICT');
    assert.equal((await changeSettings(h, {})).status, 200, 'no change');
    assert.equal((await readSettings(h)).version, 1, 'is no new version');

    const changes = (await auditOf(h)).filter((entry) => entry.action === 'settings.changed');
    assert.deepEqual(changes.map((entry) => ({ actor: entry.actor, details: entry.details })), [
      { actor: { role: 'admin', id: 'admin-1' }, details: { version: 1, changed: 'retention,downloads' } },
    ]);
  });

  it('refuses settings the server cannot keep: a retention past its own, audit entries kept less than 180 days, a second policy for one kind', async (t) => {
    const h = await startGovernance(t, { storage: { directory: await tempDir(t), retentionDays: { recording: 60 } } });
    const refused = async (change: Partial<TenantSettings>, message: RegExp) => {
      const answer = await changeSettings(h, change);
      assert.equal(answer.status, 400, JSON.stringify(answer.json));
      assert.match((answer.json as { error: { message: string } }).error.message, message);
    };
    await refused({ retention: [{ kind: 'recording', days: 61 }] }, /recordings expected at most 60 days, the longest this server keeps them/);
    await refused({ retention: [{ kind: 'audit', days: 30 }] }, /"days" for audit entries expected at least 180/);
    await refused({ retention: [{ kind: 'picture', days: 3 }, { kind: 'picture', days: 4 }] }, /at most one policy per kind and purpose/);
    await refused({ allowedOrigins: ['https://portal.example/path'] }, /an origin such as/);
    await refused({ invitationTemplates: [{ locale: 'nl', strings: { farewell: 'Dag' } as never }] }, /only the fields emailSubject/);
    assert.equal((await readSettings(h)).version, 0);
  });
});

describe('retention by the tenant\'s policies', () => {
  it('keeps each kind and purpose as long as its policy says, whatever the client asks or its clock says', async (t) => {
    const { clock, h, begun, metadata } = await onClock(t);
    await settle(h, { retention: [{ kind: 'picture', days: 10 }, { kind: 'picture', purpose: 'identity-check', days: 2 }] });
    const plain = await begun({ callId: 'c1', subjectId: 's1', kind: 'picture', mimeType: 'image/png', createdAt: 0 });
    const identity = await begun({ callId: 'c1', subjectId: 's1', kind: 'picture', mimeType: 'image/png', purpose: 'identity-check' });
    const recording = await begun({ callId: 'c1', subjectId: 's1' });
    const short = await begun({ callId: 'c1', subjectId: 's1', kind: 'picture', mimeType: 'image/png', expiresAt: START + DAY });
    assert.equal(plain.createdAt, START, 'the server\'s clock, not the client\'s');
    assert.equal(plain.expiresAt, START + 10 * DAY);
    assert.equal(identity.expiresAt, START + 2 * DAY);
    assert.equal(identity.purpose, 'identity-check');
    assert.equal(recording.expiresAt, START + 90 * DAY, 'no policy: the server\'s own retention');
    assert.equal(short.expiresAt, START + DAY, 'a client may ask for less');

    clock.now = START + 3 * DAY;
    await h.server.sweepRetention();
    assert.equal((await metadata(short.id)).status, 404);
    assert.equal((await metadata(identity.id)).status, 404);
    assert.equal((await metadata(plain.id)).status, 200);
  });

  it('counts from an event for the subject or the call: deadlines come sooner, never later, for artifacts before and after it', async (t) => {
    const { clock, h, begun, metadata } = await onClock(t);
    await settle(h, { retention: [{ kind: 'recording', days: 5, after: 'claim-closed' }, { kind: 'picture', days: 30 }] });
    const before = await begun({ callId: 'c-claim', subjectId: 's-claim' });
    const picture = await begun({ callId: 'c-claim', subjectId: 's-claim', kind: 'picture', mimeType: 'image/png' });
    const otherSubject = await begun({ callId: 'c-other', subjectId: 's-other' });
    assert.equal(before.expiresAt, START + 90 * DAY, 'until the event, the server\'s longest');

    clock.now = START + DAY;
    const event = (json: unknown) => h.staffToken(['agent']).then((token) => h.request(GOVERNANCE_ROUTES.recordRetentionEvent, token, { json }));
    const recorded = await event({ event: 'claim-closed', subjectId: 's-claim' });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.json));
    const answer = parseRetentionEvent(recorded.json);
    assert.ok(answer.ok);
    assert.deepEqual(answer.value, { event: 'claim-closed', occurredAt: START + DAY, artifactsUpdated: 1 });
    assert.equal(((await metadata(before.id)).json as ArtifactRecord).expiresAt, START + 6 * DAY);
    assert.equal(((await metadata(picture.id)).json as ArtifactRecord).expiresAt, START + 30 * DAY, 'a fixed policy does not move');
    assert.equal(((await metadata(otherSubject.id)).json as ArtifactRecord).expiresAt, START + 90 * DAY, 'another subject does not move');

    clock.now = START + 2 * DAY;
    const after = await begun({ callId: 'c-claim-2', subjectId: 's-claim' });
    assert.equal(after.expiresAt, START + 6 * DAY, 'begun after the event: counted from it');
    assert.equal((await event({ event: 'claim-closed', subjectId: 's-claim' })).status, 201);
    assert.equal(((await metadata(before.id)).json as ArtifactRecord).expiresAt, START + 6 * DAY, 'a second event never makes it later');

    const byCall = await event({ event: 'claim-closed', callId: 'c-other' });
    assert.equal((byCall.json as { artifactsUpdated: number }).artifactsUpdated, 1);

    clock.now = START + 6 * DAY + 1;
    await h.server.sweepRetention();
    const statuses = await Promise.all([before, after, otherSubject].map(async (artifact) => (await metadata(artifact.id)).status));
    assert.deepEqual(statuses, [404, 404, 200], 'both of the subject\'s recordings, not yet the call\'s');
    const entries = (await auditOf(h)).filter((entry) => entry.action === 'retention.event-recorded');
    assert.deepEqual(entries[0]!.details, { event: 'claim-closed', artifacts: 1 });
    assert.equal(entries[0]!.subjectId, 's-claim');
    assert.equal((await event({ event: 'Claim Closed', callId: 'c' })).status, 400);
  });

  it('prunes the audit log\'s oldest entries past the tenant\'s policy behind a signed checkpoint, and the chain still verifies', async (t) => {
    const { clock, h, begun } = await onClock(t);
    await settle(h, { retention: [{ kind: 'audit', days: 180 }] });
    for (let i = 0; i < 3; i++) await begun({ callId: `c-${i}`, subjectId: 's-a', kind: 'consent', consentRef: null });
    const old = await auditOf(h);
    clock.now = START + 100 * DAY;
    await begun({ callId: 'c-late', subjectId: 's-a', kind: 'consent', consentRef: null });
    await h.server.sweepRetention();
    assert.equal((await auditOf(h)).length, old.length + 1, 'nothing is 180 days old yet');

    clock.now = START + 181 * DAY;
    await h.server.sweepRetention();
    const kept = await auditOf(h);
    assert.deepEqual(kept.map((entry) => entry.action), ['consent.recorded', 'retention.audit-pruned']);
    assert.equal(kept[0]!.seq, old.length + 1);
    assert.deepEqual(kept[1]!.details, { through: old.length, count: old.length });

    const db = await testDatabase();
    const published = (await call(`http://127.0.0.1:${h.port}/v1/audit/keys`, 'GET')).json as { keys: Array<{ x: string }> };
    const trusted = trustedAuditKeys(published.keys);
    assert.deepEqual(await verifyAuditLog(db, trusted, { tenant: h.tenant }), { ok: true, tenants: 1, entries: 2 });
    await h.server.sweepRetention();
    assert.equal((await auditOf(h)).length, 2, 'pruning again removes nothing more');

    const [checkpoint] = await db.query<{ signature: string }>(`SELECT signature FROM audit_checkpoints WHERE tenant_id = $1`, [h.tenant]);
    await db.query(`UPDATE audit_checkpoints SET seq = seq - 1 WHERE tenant_id = $1`, [h.tenant]);
    const moved = await verifyAuditLog(db, trusted, { tenant: h.tenant });
    assert.equal(moved.ok, false);
    assert.match(!moved.ok ? moved.problem : '', /checkpoint .* not signed by a trusted audit key/);
    await db.query(`DELETE FROM audit_checkpoints WHERE tenant_id = $1`, [h.tenant]);
    const gone = await verifyAuditLog(db, trusted, { tenant: h.tenant });
    assert.deepEqual(gone.ok ? gone : { seq: gone.seq, problem: gone.problem }, { seq: 1, problem: 'entry 1 is missing: it was deleted' });
    await assert.rejects(db.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [h.tenant]), /append-only/, 'outside pruning the log stays append-only');
    assert.ok(checkpoint);
  });

  it('prunes on two processes at once without losing or doubling anything', async (t) => {
    const db = await testDatabase();
    const tenant = `prune-${randomBytes(4).toString('hex')}`;
    const seed = randomBytes(32);
    const logs = [new AuditLog(auditKeyFromSeed(seed)), new AuditLog(auditKeyFromSeed(seed))];
    for (let i = 0; i < 50; i++) await db.transaction((tx) => logs[i % 2]!.append(tx, tenant, { action: 'call.joined', target: `room-${i}` }, START + i));
    await db.query(
      `INSERT INTO tenant_settings (tenant_id, version, settings, updated_at, updated_by) VALUES ($1, 1, $2, $3, 'admin')`,
      [tenant, JSON.stringify({ ...DEFAULT_SETTINGS, retention: [{ kind: 'audit', days: 180 }] }), new Date(START)],
    );
    const now = START + 181 * DAY;
    await Promise.all(logs.map((log) => pruneAuditLogs(db, log, now)));
    const rows = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [tenant]);
    assert.deepEqual(rows.map((row) => row.action), ['retention.audit-pruned'], 'one pruning, the other found nothing left');
    const key = auditKeyFromSeed(seed);
    assert.deepEqual(await verifyAuditLog(db, trustedAuditKeys([key.publicJwk]), { tenant }), { ok: true, tenants: 1, entries: 1 });
    t.after(() => db.query(`DELETE FROM tenant_settings WHERE tenant_id = $1`, [tenant]));
  });
});

describe('the tenant\'s origins and regions', () => {
  it('refuses a browser of another origin on the governance and storage routes and at a call\'s door, audited; requests without an origin pass', async (t) => {
    const { h, begin } = await onClock(t);
    await settle(h, { allowedOrigins: ['https://portal.insurer.test'] });
    const dpo = await h.staffToken(['dpo']);
    const read = (origin?: string) => call(`http://127.0.0.1:${h.port}/v1/audit`, 'GET', { token: dpo, ...(origin ? { headers: { origin } } : {}) });
    assert.equal((await read('https://portal.insurer.test')).status, 200);
    assert.equal((await read()).status, 200);
    const refused = await read('https://elsewhere.test');
    assert.equal(refused.status, 403);
    assert.match((refused.json as { error: { message: string } }).error.message, /do not allow requests from https:\/\/elsewhere.test/);
    assert.equal((await begin({ callId: 'c-o', subjectId: 's-o' }, { origin: 'https://elsewhere.test' })).status, 403);
    assert.equal((await begin({ callId: 'c-o', subjectId: 's-o' }, { origin: 'https://portal.insurer.test' })).status, 201);

    const started = await startCall(h);
    const elsewhere = await h.connect(started.callId, { headers: { origin: 'https://elsewhere.test' } });
    assert.deepEqual(await elsewhere.refused(started.invitationToken), { code: 'ORIGIN_REFUSED', closeCode: 4401 });
    const portal = await h.connect(started.callId, { headers: { origin: 'https://portal.insurer.test' } });
    assert.equal((await portal.join(started.agentToken)).role, 'agent');
    portal.ws.close();

    const denials = (await auditOf(h)).filter((entry) => entry.action === 'access.denied');
    assert.deepEqual(denials.map((entry) => entry.details), [
      { op: 'audit.read', code: 'FORBIDDEN' },
      { op: 'begin', code: 'FORBIDDEN' },
      { reason: 'origin not allowed' },
    ]);
  });

  it('stores only in a region the tenant allows', async (t) => {
    const { h, begin } = await onClock(t, { storage: { directory: await tempDir(t), region: 'eu-central' } });
    await settle(h, { storageRegions: ['eu-west'] });
    const refused = await begin({ callId: 'c-r', subjectId: 's-r' });
    assert.equal(refused.status, 403);
    assert.equal((refused.json as { error: { code: string } }).error.code, 'STORAGE_REGION_REFUSED');
    assert.match((refused.json as { error: { message: string } }).error.message, /keeps artifacts in region "eu-central", and your tenant's settings allow only eu-west/);
    await settle(h, { storageRegions: ['eu-west', 'eu-central'] });
    assert.equal((await begin({ callId: 'c-r', subjectId: 's-r' })).status, 201);
  });
});
