import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Database, Queryable } from '../src/db/database.js';
import { auditKeyFromSeed, trustedAuditKeys, type AuditKey } from '../src/governance/audit-key.js';
import { AuditLog, type AuditEvent } from '../src/governance/audit-log.js';
import { verifyAuditLog, type AuditRow as StoredRow } from '../src/governance/audit-verify.js';
import { testDatabase } from './database.js';
import { httpUrl } from './helpers.js';
import { newArtifact, path, startStorageServer } from './storage-helpers.js';

const NOW = Date.UTC(2030, 0, 1);

type AuditRow = Pick<StoredRow, 'seq' | 'action' | 'actor_role' | 'actor_id' | 'subject_id' | 'target' | 'details'>;

/** A tenant of its own per test (the database is shared by the file), with `count` entries. */
async function chain(count: number): Promise<{ db: Database; key: AuditKey; tenant: string }> {
  const db = await testDatabase();
  const key = auditKeyFromSeed(randomBytes(32));
  const log = new AuditLog(key);
  const tenant = `t-${randomBytes(6).toString('hex')}`;
  for (let i = 0; i < count; i++) {
    const event: AuditEvent = { action: 'artifact.read', actor: { role: 'agent', id: 'agent-1' }, subjectId: 'subject-1', target: `art-${i}`, details: { chunk: i } };
    await db.transaction((tx) => log.append(tx, tenant, event, NOW + i));
  }
  return { db, key, tenant };
}

/** Tampers as someone with write access to the database would: around the append-only trigger. */
async function tamper(db: Database, work: (tx: Queryable) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await work(tx);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

/** The verdict on `tenant`'s chain alone: other tests' tenants share the database. */
function verdict(db: Database, key: Pick<AuditKey, 'publicJwk'>, tenant: string) {
  return verifyAuditLog(db, trustedAuditKeys([key.publicJwk]), { tenant });
}

describe('audit log', () => {
  it('chains and signs every entry: a chain as written verifies', async () => {
    const { db, key, tenant } = await chain(5);
    assert.deepEqual(await verdict(db, key, tenant), { ok: true, tenants: 1, entries: 5 });
    const other = auditKeyFromSeed(randomBytes(32));
    const foreign = await verifyAuditLog(db, trustedAuditKeys([other.publicJwk]));
    assert.equal(foreign.ok, false, 'signatures by a key that is not trusted do not verify');
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const { db, tenant } = await chain(2);
    await assert.rejects(db.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1`, [tenant]), /append-only/);
    await assert.rejects(db.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [tenant]), /append-only/);
  });

  it('fails at the entry that was edited, deleted, moved or inserted, or at a chain cut short', async () => {
    const cases: Array<[string, (tx: Queryable, tenant: string) => Promise<unknown>, number, RegExp]> = [
      ['edited', (tx, t) => tx.query(`UPDATE audit_log SET subject_id = 'someone-else' WHERE tenant_id = $1 AND seq = 3`, [t]), 3, /entry 3 was changed/],
      ['details edited', (tx, t) => tx.query(`UPDATE audit_log SET details = '{"chunk":99}' WHERE tenant_id = $1 AND seq = 4`, [t]), 4, /entry 4 was changed/],
      ['deleted', (tx, t) => tx.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2`, [t]), 2, /entry 2 is missing/],
      [
        'reordered',
        async (tx, t) => {
          await tx.query(`UPDATE audit_log SET seq = 1000 WHERE tenant_id = $1 AND seq = 3`, [t]);
          await tx.query(`UPDATE audit_log SET seq = 3 WHERE tenant_id = $1 AND seq = 4`, [t]);
          await tx.query(`UPDATE audit_log SET seq = 4 WHERE tenant_id = $1 AND seq = 1000`, [t]);
        },
        3,
        /entry 3 does not follow entry 2/,
      ],
      [
        'inserted',
        async (tx, t) => {
          for (const seq of [5, 4, 3]) await tx.query(`UPDATE audit_log SET seq = seq + 1 WHERE tenant_id = $1 AND seq = $2`, [t, seq]);
          await tx.query(
            `INSERT INTO audit_log (tenant_id, seq, at, action, details, previous_hash, hash, key_id, signature)
             SELECT tenant_id, 3, at, 'call.joined', '{}', hash, hash, key_id, signature FROM audit_log WHERE tenant_id = $1 AND seq = 2`,
            [t],
          );
        },
        3,
        /entry 3 was changed/,
      ],
      ['cut short', (tx, t) => tx.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq >= 4`, [t]), 4, /entries 4 to 5 are missing: they were deleted from the end/],
      ['re-signed by another key', async (tx, t) => {
        const forger = auditKeyFromSeed(randomBytes(32));
        const [row] = await tx.query<{ hash: string }>(`SELECT hash FROM audit_log WHERE tenant_id = $1 AND seq = 5`, [t]);
        await tx.query(`UPDATE audit_log SET key_id = $2, signature = $3 WHERE tenant_id = $1 AND seq = 5`, [t, forger.id, forger.sign(row!.hash)]);
      }, 5, /not a trusted audit key/],
    ];
    for (const [what, change, seq, problem] of cases) {
      const { db, key, tenant } = await chain(5);
      await tamper(db, (tx) => change(tx, tenant));
      const found = await verdict(db, key, tenant);
      assert.equal(found.ok, false, what);
      assert.equal(!found.ok && found.seq, seq, `${what}: ${JSON.stringify(found)}`);
      assert.match(!found.ok ? found.problem : '', problem, what);
    }
  });

  it('keeps one chain when appends race, and an entry commits with its transaction or not at all', async () => {
    const { db, key, tenant } = await chain(0);
    const log = new AuditLog(key);
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => log.append(tx, tenant, { action: 'call.joined', target: `r-${i}` }, NOW))));
    await assert.rejects(
      db.transaction(async (tx) => {
        await log.append(tx, tenant, { action: 'call.left', target: 'rolled-back' }, NOW);
        throw new Error('the work failed');
      }),
    );
    assert.deepEqual(await verdict(db, key, tenant), { ok: true, tenants: 1, entries: 20 });
  });

  it('records storage writes, reads once per token, erasure and refusals, with pseudonymous ids only', async (t) => {
    const h = await startStorageServer(t, { now: () => NOW });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact({ expiresAt: NOW + 1000 });
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'a' });
    await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: 'b' });
    await h.call('POST', path(input.id, '/finish'), { token: agent });
    for (const index of [0, 1, 0]) await h.call('GET', path(input.id, `/chunks/${index}`), { token: agent });
    await h.call('PATCH', path(input.id), { token: agent, json: { encryption: { ...input.encryption, wrappedKey: null } } });
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: h.storageToken('call-1', 'customer') })).status, 403);
    await h.call('DELETE', path(input.id), { token: agent });

    const db = await testDatabase();
    const rows = await db.query<AuditRow>(
      `SELECT seq, action, actor_role, actor_id, subject_id, target, details FROM audit_log WHERE tenant_id = 'default' AND target = $1 ORDER BY seq`,
      [input.id],
    );
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor_role, r.actor_id, r.subject_id, JSON.parse(r.details) as unknown]),
      [
        ['artifact.created', 'agent', 'agent-1', input.subjectId, { call: 'call-1', kind: 'recording' }],
        ['artifact.completed', 'agent', 'agent-1', input.subjectId, { bytes: 2, call: 'call-1', chunks: 2 }],
        ['artifact.read', 'agent', 'agent-1', input.subjectId, { call: 'call-1', chunk: 0 }],
        ['artifact.updated', 'agent', 'agent-1', input.subjectId, { call: 'call-1', keyDestroyed: true }],
        ['access.denied', 'customer', 'customer-1', null, { code: 'FORBIDDEN', op: 'finish' }],
        ['artifact.erased', 'agent', 'agent-1', input.subjectId, { call: 'call-1', kind: 'recording' }],
      ],
    );
    const text = JSON.stringify(await db.query(`SELECT * FROM audit_log WHERE tenant_id = 'default'`));
    for (const secret of [input.consentRef ?? '', input.encryption.wrappedKey ?? '', input.mimeType]) assert.ok(!text.includes(secret), `no ${secret} in the audit log`);

    const keysAnswer = await fetch(httpUrl(h, '/v1/audit/keys'), { headers: { origin: 'https://receipt-checker.example' } });
    assert.equal(keysAnswer.headers.get('access-control-allow-origin'), '*', 'public, for checking receipts in any page');
    const published = (await keysAnswer.json()) as { keys: Array<{ kid: string; x: string; kty: string; crv: string; alg: string }> };
    assert.equal(published.keys.length, 1);
    assert.equal((await verifyAuditLog(db, trustedAuditKeys(published.keys), { tenant: 'default' })).ok, true, 'the published key verifies what the server wrote');
  });

  it('records the lobby: joins, the admission, a stolen resume token, and leaving', async (t) => {
    const h = await startStorageServer(t);
    const room = `lobby-${randomBytes(6).toString('hex')}`;
    const agent = await h.connect(room);
    await agent.join(h.token(room, 'agent'));
    const customer = await h.connect(room);
    const joined = await customer.join(h.token(room, 'customer'));
    await agent.next('knock');
    agent.send({ type: 'admit', participantId: joined.participantId });
    await customer.next('admitted');
    customer.ws.close();
    const back = await h.connect(room);
    await back.join(joined.resumeToken);
    const thief = await h.connect(room);
    assert.equal((await thief.refused(joined.resumeToken)).code, 'TOKEN_REUSED');
    back.send({ type: 'leave' });

    const db = await testDatabase();
    const entries = () => db.query<AuditRow>(`SELECT action, actor_role, details FROM audit_log WHERE tenant_id = 'default' AND target = $1 ORDER BY seq`, [room]);
    let rows = await entries();
    for (const deadline = Date.now() + 5000; rows.length < 5 && Date.now() < deadline; rows = await entries()) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(rows.map((r) => `${r.action} by ${r.actor_role}`), [
      'call.joined by agent',
      'call.joined by customer',
      'call.admitted by agent',
      'access.denied by customer',
      'call.left by customer',
    ]);
    assert.deepEqual(JSON.parse(rows[3]!.details), { participant: joined.participantId, reason: 'resume token used before' });
  });
});
