import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SealcallServerError } from '../src/index.js';
import { randomBytes } from 'node:crypto';
import { migrate } from '../src/db/migrate.js';
import { auditKeyFromSeed } from '../src/governance/audit-key.js';
import { AuditLog } from '../src/governance/audit-log.js';
import { SignalingRecords } from '../src/signaling/records.js';
import { randomId } from '../src/tokens/jwt.js';
import { testDatabase } from './database.js';

// The signaling records on the database of this run: embedded PGlite, or the PostgreSQL server
// that scripts/with-postgres.mjs names (where concurrent transactions really race).

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);

/** Who decides, for the audit entries the records write. */
const BY = { role: 'agent', subject: 'agent-1' } as const;

async function records() {
  return new SignalingRecords(await testDatabase(), new AuditLog(auditKeyFromSeed(randomBytes(32))));
}

function participant(room: string, role: 'agent' | 'customer' = 'customer', tenant = 'default') {
  return { tenant, room, id: randomId(), role, subject: `${role}-1`, resumeJti: randomId(), sessionExpiresAt: NOW + HOUR };
}

describe('signaling records', () => {
  it('spends a single-use token once, even when ten joins race for it', async () => {
    const r = await records();
    const jti = randomId();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => r.enter(participant('race'), NOW, { jti, expiresAt: NOW + HOUR }).catch((error: Error) => error)),
    );
    assert.equal(results.filter((result) => result === true).length, 1, JSON.stringify(results));
    assert.ok(results.every((result) => result === true || result === false), 'a lost race is a refusal, not an error');
    assert.equal(await r.isSpent('default', jti), true);
  });

  it('rotates resume tokens: the used one is dead, the new one works once', async () => {
    const r = await records();
    const p = participant('rotate');
    assert.equal(await r.enter(p, NOW), true);
    const next = randomId();
    assert.deepEqual(await r.resume(p, p.id, p.resumeJti, next, NOW + 1, BY), { status: 'waiting', sessionExpiresAt: p.sessionExpiresAt });
    assert.equal(await r.resume(p, p.id, p.resumeJti, randomId(), NOW + 2, BY), 'reused');
    assert.deepEqual(await r.admit(p, p.id, NOW + 3, BY), { resumeJti: next, sessionExpiresAt: p.sessionExpiresAt }, 'an admission keeps the token');
    assert.equal(await r.admit(p, p.id, NOW + 4, BY), undefined, 'admitted once');
    const last = randomId();
    assert.deepEqual(await r.resume(p, p.id, next, last, NOW + 6, BY), { status: 'admitted', sessionExpiresAt: p.sessionExpiresAt });
    assert.equal(await r.resume(p, p.id, last, randomId(), p.sessionExpiresAt, BY), 'expired');
  });

  it('revokes for good on reject and leave, and knows no one it never saw', async () => {
    const r = await records();
    for (const status of ['rejected', 'left'] as const) {
      const p = participant(`end-${status}`);
      await r.enter(p, NOW);
      await r.end(p, p.id, status, NOW + 1, BY);
      assert.equal(await r.resume(p, p.id, p.resumeJti, randomId(), NOW + 2, BY), 'revoked');
      assert.equal(await r.admit(p, p.id, NOW + 2, BY), undefined, `a ${status} customer is never admitted`);
    }
    assert.equal(await r.resume({ tenant: 'default', room: 'nowhere' }, randomId(), randomId(), randomId(), NOW, BY), 'unknown');
  });

  it('keeps tenants apart', async () => {
    const r = await records();
    const p = participant('shared-name');
    const jti = randomId();
    await r.enter(p, NOW, { jti, expiresAt: NOW + HOUR });
    const theirs = { ...p, tenant: 'other' };
    assert.equal(await r.resume(theirs, p.id, p.resumeJti, randomId(), NOW, BY), 'unknown');
    assert.equal(await r.isSpent('other', jti), false);
    assert.equal(await r.admit(theirs, p.id, NOW, BY), undefined);
    assert.equal(await r.enter({ ...theirs, resumeJti: randomId() }, NOW, { jti, expiresAt: NOW + HOUR }), true, 'the same room, participant id and jti in another tenant are another room, participant and token');
    assert.equal(await r.isSpent('other', jti), true);
    assert.equal((await r.resume(p, p.id, p.resumeJti, randomId(), NOW, BY)) !== 'unknown', true, 'and the first tenant\'s participant is untouched');
  });

  it('forgets spent tokens only once they have expired', async () => {
    const r = await records();
    const soon = randomId();
    const later = randomId();
    await r.enter(participant('prune'), NOW, { jti: soon, expiresAt: NOW + 1000 });
    await r.enter(participant('prune'), NOW, { jti: later, expiresAt: NOW + HOUR });
    await r.prune(NOW + 1000);
    assert.equal(await r.isSpent('default', soon), false);
    assert.equal(await r.isSpent('default', later), true);
  });

  it('migrates once, and refuses a schema newer than itself', async () => {
    const db = await testDatabase();
    await migrate(db);
    const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(versions.map((row) => row.version), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await db.query(`INSERT INTO schema_migrations (version, name) VALUES (999, '999_from_the_future.sql')`);
    try {
      await assert.rejects(migrate(db), (error) => error instanceof SealcallServerError && error.code === 'DATABASE_SCHEMA_TOO_NEW');
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('rolls a failed transaction back whole', async () => {
    const db = await testDatabase();
    const room = `rollback-${randomId()}`;
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO rooms (tenant_id, id, created_at) VALUES ('default', $1, $2)`, [room, new Date(NOW)]);
        await tx.query(`INSERT INTO rooms (tenant_id, id, created_at) VALUES ('no-such-tenant', $1, $2)`, [room, new Date(NOW)]);
      }),
    );
    assert.deepEqual(await db.query(`SELECT id FROM rooms WHERE id = $1`, [room]), []);
  });
});
