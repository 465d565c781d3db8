import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { auditKeyFromSeed, trustedAuditKeys } from '../src/governance/audit-key.js';
import { AuditLog } from '../src/governance/audit-log.js';
import { verifyAuditLog, type AuditRow } from '../src/governance/audit-verify.js';
import { ArtifactStore } from '../src/storage/artifact-store.js';
import type { ArtifactRecord } from '../src/storage/types.js';
import { testDatabase } from './database.js';
import { identityProvider } from './staff-helpers.js';
import { artifactDir, bytes, DAY, newArtifact, path, startStorageServer, tempDir } from './storage-helpers.js';

const START = Date.UTC(2031, 5, 1);

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

describe('the retention sweeper', () => {
  it('erases what is past its deadline by the server\'s clock, content and key with it, with one audit entry each', async (t) => {
    let now = START;
    const h = await startStorageServer(t, { now: () => now, storage: { retentionDays: { picture: 30 } } });
    const call = `call-${randomBytes(4).toString('hex')}`;
    // Minted on the server's clock, so minted anew after it moves.
    const agentToken = () => h.storageToken(call, 'agent');
    const office = () => h.storageToken('*', 'office');
    const agent = agentToken();
    const begin = async (fields: Parameters<typeof newArtifact>[0]) => {
      const artifact = newArtifact({ callId: call, ...fields });
      const begun = await h.call('POST', '/v1/artifacts', { token: agent, json: artifact });
      assert.equal(begun.status, 201, JSON.stringify(begun.json));
      assert.equal((await h.call('PUT', path(artifact.id, '/chunks/0'), { token: agent, body: bytes(300) })).status, 201);
      return begun.json as ArtifactRecord;
    };
    const askedForADay = await begin({ kind: 'picture', mimeType: 'image/png', expiresAt: START + DAY });
    const askedForTenYears = await begin({ kind: 'picture', mimeType: 'image/png', createdAt: 0, expiresAt: START + 3650 * DAY });
    const consent = await begin({ kind: 'consent', consentRef: null, expiresAt: START + 3650 * DAY });
    assert.equal(await h.server.sweepRetention(), 0, 'nothing is due yet');

    now = START + 2 * DAY;
    assert.equal(await h.server.sweepRetention(), 1);
    assert.equal((await h.call('GET', path(askedForADay.id), { token: office() })).status, 404, 'its metadata is gone');
    assert.equal(await exists(artifactDir(h.dir, askedForADay.id)), false, 'its content is gone from disk');
    const again = await h.call('POST', '/v1/artifacts', { token: agentToken(), json: newArtifact({ id: askedForADay.id, callId: call, expiresAt: now + DAY }) });
    assert.equal(again.status, 409, 'an erased id is never begun again');
    assert.equal(await h.server.sweepRetention(), 0, 'sweeping again changes nothing');

    now = START + 31 * DAY;
    assert.equal(await h.server.sweepRetention(), 1, 'the configured 30 days for pictures, whatever the client asked');
    assert.equal((await h.call('GET', path(askedForTenYears.id), { token: office() })).status, 404);
    assert.equal((await h.call('GET', path(consent.id), { token: office() })).status, 200, 'consent records are kept six years');

    const db = await testDatabase();
    const purges = await db.query<AuditRow>(`SELECT * FROM audit_log WHERE tenant_id = 'default' AND action = 'retention.purged' AND target IN ($1, $2) ORDER BY seq`, [askedForADay.id, askedForTenYears.id]);
    assert.deepEqual(purges.map((row) => ({ target: row.target, actor: `${row.actor_role}:${row.actor_id}`, subject: row.subject_id, details: JSON.parse(row.details) as unknown })), [
      { target: askedForADay.id, actor: 'server:retention', subject: askedForADay.subjectId, details: { call, expiresAt: askedForADay.expiresAt, kind: 'picture' } },
      { target: askedForTenYears.id, actor: 'server:retention', subject: askedForTenYears.subjectId, details: { call, expiresAt: START + 30 * DAY, kind: 'picture' } },
    ]);
  });

  it('runs at start: a server started past the deadline erases before anyone asks', async (t) => {
    const dir = await tempDir(t);
    const database = await testDatabase();
    const first = await startStorageServer(t, { dir, database, now: () => START });
    const artifact = newArtifact({ callId: 'call-restart', expiresAt: START + DAY });
    assert.equal((await first.call('POST', '/v1/artifacts', { token: first.storageToken('call-restart', 'agent'), json: artifact })).status, 201);
    await first.server.close();

    const later = await startStorageServer(t, { dir, database, now: () => START + 3 * DAY });
    await later.waitForLog((entry) => entry.event === 'retention' && (entry.count ?? 0) >= 1);
    assert.equal((await later.call('GET', path(artifact.id), { token: later.storageToken('*', 'office') })).status, 404);
  });

  it('on two processes at once, erases each artifact exactly once and keeps the audit chain whole', async (t) => {
    const database = await testDatabase();
    const directory = await tempDir(t);
    const keys = [auditKeyFromSeed(randomBytes(32)), auditKeyFromSeed(randomBytes(32))];
    const stores = keys.map((key) => new ArtifactStore({ database, audit: new AuditLog(key), directory, maxArtifactBytes: 1e6 }));
    for (const store of stores) await store.open();
    const tenants = [`sweep-a-${randomBytes(3).toString('hex')}`, `sweep-b-${randomBytes(3).toString('hex')}`];
    const count = 240;
    for (let i = 0; i < count; i++) {
      const input = newArtifact({ id: `sweep-${i}`, expiresAt: START + DAY + i });
      await stores[0]!.begin(tenants[i % 2]!, { ...input, createdAt: START }, { role: 'agent', subject: 'agent-1' }, START);
    }
    const sweepAll = async (store: ArtifactStore): Promise<number> => {
      let total = 0;
      for (let batch = 0; batch < 50; batch++) {
        const purged = await store.purgeExpired(START + 2 * DAY, 25);
        total += purged;
        if (purged === 0) break;
      }
      return total;
    };
    const [a, b] = await Promise.all(stores.map(sweepAll));
    const rows = await database.query<{ target: string }>(`SELECT target FROM audit_log WHERE tenant_id IN ($1, $2) AND action = 'retention.purged'`, tenants);
    assert.equal(a! + b!, count, `together they erased all ${count} (${a} and ${b})`);
    assert.equal(rows.length, count, 'one purge entry per artifact');
    assert.equal(new Set(rows.map((row) => row.target)).size, count, 'none twice');
    for (const tenant of tenants) {
      const verdict = await verifyAuditLog(database, trustedAuditKeys(keys.map((key) => key.publicJwk)), { tenant });
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
    }
    const left = await database.query(`SELECT 1 FROM artifacts WHERE tenant_id IN ($1, $2)`, tenants);
    assert.equal(left.length, 0);
  });
  it('keeps everything under a legal hold, of a subject or of a call, until the DPO releases it', async (t) => {
    let now = START;
    const idp = await identityProvider();
    const h = await startStorageServer(t, { now: () => now, staff: idp.staff });
    const subject = `subject-${randomBytes(4).toString('hex')}`;
    const [heldCall, otherCall] = [`call-h-${randomBytes(3).toString('hex')}`, `call-o-${randomBytes(3).toString('hex')}`];
    const begin = async (callId: string, dataSubject: string) => {
      const artifact = newArtifact({ callId, subjectId: dataSubject, expiresAt: now + DAY });
      const answer = await h.call('POST', '/v1/artifacts', { token: h.storageToken(callId, 'agent', undefined, { dataSubject }), json: artifact });
      assert.equal(answer.status, 201, JSON.stringify(answer.json));
      return artifact.id;
    };
    const ofSubject = await begin(otherCall, subject);
    const ofCall = await begin(heldCall, `subject-${randomBytes(4).toString('hex')}`);
    const free = await begin(otherCall, `subject-${randomBytes(4).toString('hex')}`);
    const dpo = () => idp.sign({ sub: 'dpo-1', roles: ['dpo'] }, { issuedAt: Math.floor(now / 1000) });
    const place = async (json: object) => {
      const answer = await h.call('POST', '/v1/holds', { token: await dpo(), json });
      assert.equal(answer.status, 201, JSON.stringify(answer.json));
      return (answer.json as { id: string }).id;
    };
    const subjectHold = await place({ subjectId: subject, reason: 'litigation' });
    const callHold = await place({ callId: heldCall, reason: 'regulator-request' });
    const bad = await h.call('POST', '/v1/holds', { token: await dpo(), json: { subjectId: subject, callId: heldCall, reason: 'litigation' } });
    assert.equal(bad.status, 400, 'one of subject and call, not both');
    assert.equal((await h.call('POST', '/v1/holds', { token: await dpo(), json: { subjectId: subject, reason: 'because I said so' } })).status, 400, 'a reason is a code, never free text');

    now = START + 2 * DAY;
    assert.equal(await h.server.sweepRetention(), 1, 'only the artifact under no hold');
    const office = () => h.storageToken('*', 'office');
    for (const id of [ofSubject, ofCall]) {
      assert.equal((await h.call('GET', path(id), { token: office() })).status, 200, 'kept past its deadline');
      const erase = await h.call('DELETE', path(id), { token: office() });
      assert.equal(erase.status, 409, 'nobody erases it while the hold is in force');
      assert.match((erase.json as { error: { message: string } }).error.message, /legal hold/);
    }
    assert.equal((await h.call('GET', path(free), { token: office() })).status, 404);
    const listed = await h.call('GET', '/v1/holds', { token: await dpo() });
    assert.deepEqual((listed.json as { holds: Array<{ id: string }> }).holds.map((hold) => hold.id).sort(), [subjectHold, callHold].sort());

    assert.equal((await h.call('DELETE', `/v1/holds/${subjectHold}`, { token: await dpo() })).status, 204);
    assert.equal((await h.call('DELETE', `/v1/holds/${subjectHold}`, { token: await dpo() })).status, 404, 'released already');
    assert.equal(await h.server.sweepRetention(), 1, 'released: the subject\'s artifact goes at the next sweep');
    assert.equal((await h.call('GET', path(ofCall), { token: office() })).status, 200, 'the call\'s hold still holds');
    assert.equal((await h.call('DELETE', `/v1/holds/${callHold}`, { token: await dpo() })).status, 204);
    assert.equal(await h.server.sweepRetention(), 1);

    const db = await testDatabase();
    const entries = await db.query<AuditRow>(`SELECT * FROM audit_log WHERE tenant_id = 'default' AND action LIKE 'legal-hold.%' AND (details LIKE $1 OR details LIKE $2) ORDER BY seq`, [`%${subjectHold}%`, `%${callHold}%`]);
    assert.deepEqual(entries.map((row) => [row.action, row.actor_role, row.actor_id, row.subject_id, row.target]), [
      ['legal-hold.placed', 'dpo', 'dpo-1', subject, null],
      ['legal-hold.placed', 'dpo', 'dpo-1', null, heldCall],
      ['legal-hold.released', 'dpo', 'dpo-1', subject, null],
      ['legal-hold.released', 'dpo', 'dpo-1', null, heldCall],
    ]);
  });
});
