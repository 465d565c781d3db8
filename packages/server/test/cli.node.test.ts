import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createNetServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { runCli, startCli } from './cli-process.js';
import { SECRET, TestClient, upgradeStatus } from './helpers.js';
import { randomBytes } from 'node:crypto';
import { createRoomToken, createStorageToken, openEmbeddedDatabase } from '../src/index.js';
import type { ArtifactRecord } from '../src/storage/types.js';
import { call, DAY, newArtifact, SUBJECT, tempDir } from './storage-helpers.js';
import { AUDIENCE, identityProvider, ISSUER } from './staff-helpers.js';
import { POSTGRES_URL } from './database.js';
import { freshPostgresUrl } from './fresh-postgres.js';

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createNetServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the CLI to its end: exit code and what it printed. */
async function run(args: readonly string[], env: Record<string, string | undefined>): Promise<{ code: unknown; stdout: string; stderr: string }> {
  const child = runCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

describe('sealcall-server CLI', () => {
  it('listens on an ephemeral port, serves /healthz and exits 0 on SIGTERM', async (t) => {
    const { child, url, exited } = await startCli(t, ['--port', '0', '--data-dir', await tempDir(t)], { SEALCALL_SECRET: SECRET });
    const match = /^ws:\/\/127\.0\.0\.1:(\d+)$/.exec(url);
    assert.ok(match, url);
    assert.notEqual(match[1], '0');

    const res = await fetch(`http://127.0.0.1:${match[1]}/healthz`);
    assert.equal(((await res.json()) as { status: string }).status, 'ok');

    child.kill('SIGTERM');
    assert.deepEqual(await exited, [0, null]);
  });

  it('exits 2 with an explanation when SEALCALL_SECRET is missing or short', async () => {
    for (const secret of [undefined, 'short']) {
      const child = runCli(['--port', '0', '--data-dir', 'never-created'], { SEALCALL_SECRET: secret });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      assert.deepEqual(await once(child, 'exit'), [2, null]);
      assert.match(stderr, /SEALCALL_SECRET/);
      assert.match(stderr, /32 characters/);
    }
  });

  it('exits 2 unless it is told where to keep its records, in one place', async () => {
    for (const args of [[], ['--data-dir', 'a', '--database-url', 'postgres://127.0.0.1:1/x']]) {
      const child = runCli(['--port', '0', ...args], { SEALCALL_SECRET: SECRET, SEALCALL_DATA_DIR: undefined, SEALCALL_DATABASE_URL: undefined });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      assert.deepEqual(await once(child, 'exit'), [2, null]);
      assert.match(stderr, /--data-dir/);
      assert.match(stderr, /--database-url/);
    }
  });

  it('exits 1 and says why when the database cannot be reached', async () => {
    const child = runCli(['--port', '0', '--database-url', 'postgres://sealcall@127.0.0.1:1/sealcall'], { SEALCALL_SECRET: SECRET });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    assert.deepEqual(await once(child, 'exit'), [1, null]);
    assert.match(stderr, /cannot open the database: .*ECONNREFUSED/);
  });

  it('accepts WebSockets only from the origins named by --allowed-origin', async (t) => {
    const args = ['--port', '0', '--data-dir', await tempDir(t), '--allowed-origin', 'https://portal.example.eu', '--allowed-origin', 'https://call.example.eu'];
    const { url } = await startCli(t, args, { SEALCALL_SECRET: SECRET });
    for (const [origin, status] of [['https://portal.example.eu', 101], ['https://call.example.eu', 101], ['https://evil.example', 403]] as const) {
      assert.equal(await upgradeStatus(`${url}/v1/rooms/r`, { origin }), status, origin);
    }
  });

  it('--retention-days caps how long a kind is kept, and a wrong one, or a wrong --storage-region, exits 2', async (t) => {
    const args = ['--port', '0', '--data-dir', await tempDir(t), '--storage-dir', await tempDir(t), '--retention-days', 'picture=7'];
    const { url } = await startCli(t, args, { SEALCALL_SECRET: SECRET });
    const token = createStorageToken({ secret: SECRET, subject: 'agent-1', dataSubject: SUBJECT, room: 'call-1', role: 'agent' });
    const picture = newArtifact({ kind: 'picture', mimeType: 'image/jpeg', expiresAt: Date.now() + 30 * DAY });
    const record = (await call(`${url.replace(/^ws:/, 'http:')}/v1/artifacts`, 'POST', { token, json: picture })).json as ArtifactRecord;
    assert.equal(record.expiresAt - record.createdAt, 7 * DAY);
    for (const [flags, message] of [
      [['--storage-dir', 'd', '--retention-days', 'video=7'], /KIND one of picture, recording, document, location, transcript, consent/],
      [['--storage-dir', 'd', '--retention-days', 'picture=0'], /retentionDays\.picture" expected an integer in 1\.\.36500/],
      [['--retention-days', 'picture=7'], /give --storage-dir too/],
      [['--storage-region', 'eu-central'], /give --storage-dir too/],
      [['--storage-dir', 'd', '--storage-region', 'EU Central'], /"storage.region" expected a region id of \[a-z0-9-\]/],
    ] as const) {
      const { code, stderr } = await run(['--port', '0', '--data-dir', await tempDir(t), ...flags], { SEALCALL_SECRET: SECRET });
      assert.equal(code, 2, flags.join(' '));
      assert.match(stderr, message);
    }
  });

  it('audit verify: 0 for the log the server wrote, 1 naming the entry that was changed, with the key from the same environment', async (t) => {
    const dataDir = await tempDir(t);
    const env = { SEALCALL_SECRET: SECRET, SEALCALL_AUDIT_KEY: randomBytes(32).toString('base64url') };
    const { child, url, exited } = await startCli(t, ['--port', '0', '--data-dir', dataDir], env);
    for (const room of ['audit-a', 'audit-b']) {
      const agent = await TestClient.open(`${url}/v1/rooms/${room}`);
      await agent.join(createRoomToken({ secret: SECRET, subject: 'agent-1', room, role: 'agent' }));
      agent.ws.close();
    }
    const published = (await (await fetch(`${url.replace(/^ws:/, 'http:')}/v1/audit/keys`)).json()) as { keys: Array<{ kid: string }> };
    child.kill('SIGTERM');
    await exited;

    const verified = await run(['audit', 'verify', '--data-dir', dataDir], env);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /the audit log verifies: [2-9]\d* entries in 1 tenant chains/);
    const otherKey = await run(['audit', 'verify', '--data-dir', dataDir], { SEALCALL_SECRET: SECRET });
    assert.equal(otherKey.code, 1, 'entries signed by a key this environment does not have');
    assert.match(otherKey.stderr, /not a trusted audit key/);
    const keysFile = join(dataDir, '..', `keys-${randomBytes(4).toString('hex')}.json`);
    await writeFile(keysFile, JSON.stringify(published));
    assert.equal((await run(['audit', 'verify', '--data-dir', dataDir, '--trusted-keys', keysFile], { SEALCALL_SECRET: SECRET })).code, 0, 'the published key, trusted');

    const database = await openEmbeddedDatabase({ dataDir });
    await database.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(`UPDATE audit_log SET actor_id = 'somebody-else' WHERE seq = 2`);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    await database.close();
    const tampered = await run(['audit', 'verify', '--data-dir', dataDir], env);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stderr, /tenant "default", entry 2: entry 2 was changed after it was written/);
    assert.equal((await run(['audit', 'check'], env)).code, 2);
  });

  it('--turn-url hands each participant TURN credentials from SEALCALL_TURN_SECRET, and exits 2 without it', async (t) => {
    const turnUrl = 'turn:127.0.0.1:3478?transport=udp';
    const { url } = await startCli(t, ['--port', '0', '--data-dir', await tempDir(t), '--turn-url', turnUrl], { SEALCALL_SECRET: SECRET, SEALCALL_TURN_SECRET: 'a-coturn-static-secret' });
    const agent = await TestClient.open(`${url}/v1/rooms/r`);
    const joined = await agent.join(createRoomToken({ secret: SECRET, room: 'r', role: 'agent', subject: 'agent-1' }));
    assert.deepEqual(joined.iceServers?.map((server) => server.urls), [[turnUrl]]);
    agent.ws.close();
    const { code, stderr } = await run(['--port', '0', '--data-dir', await tempDir(t), '--turn-url', turnUrl], { SEALCALL_SECRET: SECRET, SEALCALL_TURN_SECRET: undefined });
    assert.equal(code, 2);
    assert.match(stderr, /--turn-url needs SEALCALL_TURN_SECRET/);
  });

  it('--redis-url needs --database-url, and a Redis it cannot reach fails the start with exit 1', async (t) => {
    const withPglite = await run(['--port', '0', '--data-dir', await tempDir(t), '--redis-url', 'redis://127.0.0.1:6379'], { SEALCALL_SECRET: SECRET });
    assert.equal(withPglite.code, 2);
    assert.match(withPglite.stderr, /"redis" expected nodes that share one PostgreSQL database/);
    if (!POSTGRES_URL) return t.skip('no PostgreSQL for the second half (npm run test:postgres)');
    const database = await freshPostgresUrl(POSTGRES_URL);
    t.after(() => database.drop());
    const unreachable = await run(['--port', '0', '--database-url', database.url, '--redis-url', `redis://127.0.0.1:${await closedPort()}`], { SEALCALL_SECRET: SECRET });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot listen: cannot reach Redis \(.+\); check --redis-url and that Redis is up/);
  });

  it('prints usage with --help', async () => {
    const child = runCli(['--help'], {});
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    assert.deepEqual(await once(child, 'exit'), [0, null]);
    assert.match(stdout, /^Usage: sealcall-server \[--port N\] \[--host H\]/);
  });

  it('token prints a room token that a server with the same environment accepts, once for a customer', async (t) => {
    const env = { SEALCALL_SECRET: SECRET, SEALCALL_TOKEN_ISSUER: 'https://claims.insurer.example' };
    const { url } = await startCli(t, ['--port', '0', '--data-dir', await tempDir(t)], env);
    const minted = await run(['token', '--room', 'claim-42', '--role', 'customer', '--subject', 'customer-7', '--ttl', '600'], env);
    assert.equal(minted.code, 0, minted.stderr);
    const token = minted.stdout.trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const customer = await TestClient.open(`${url}/v1/rooms/claim-42`);
    assert.equal((await customer.join(token)).role, 'customer');
    customer.ws.close();
    const again = await TestClient.open(`${url}/v1/rooms/claim-42`);
    assert.equal((await again.refused(token)).code, 'TOKEN_REUSED');
    const otherIssuer = await run(['token', '--room', 'claim-42', '--role', 'agent'], { SEALCALL_SECRET: SECRET });
    const agent = await TestClient.open(`${url}/v1/rooms/claim-42`);
    assert.equal((await agent.refused(otherIssuer.stdout.trim())).code, 'TOKEN_INVALID', 'another issuer is another environment');
  });

  it('token exits 2 and says what is missing or wrong', async () => {
    const cases: Array<[string[], Record<string, string | undefined>, RegExp]> = [
      [['token', '--role', 'agent'], { SEALCALL_SECRET: SECRET }, /give --room and --role/],
      [['token', '--room', 'r', '--role', 'boss'], { SEALCALL_SECRET: SECRET }, /--role expected agent or customer/],
      [['token', '--room', 'a/b', '--role', 'agent'], { SEALCALL_SECRET: SECRET }, /"room" expected/],
      [['token', '--room', 'r', '--role', 'agent', '--ttl', 'soon'], { SEALCALL_SECRET: SECRET }, /--ttl expected/],
      [['token', '--room', 'r', '--role', 'agent'], {}, /SEALCALL_SECRET is not set/],
    ];
    for (const [args, env, message] of cases) {
      const { code, stdout, stderr } = await run(args, env);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
  });

  it('--public-keys: tokens of the back end\'s key pair join; HS256 ones, even from the secret, do not', async (t) => {
    const dir = await tempDir(t);
    const { publicKey, privateKey } = await generateKeyPair('EdDSA');
    const jwks = join(dir, 'jwks.json');
    await writeFile(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'backend-1' }] }));
    const { url } = await startCli(t, ['--port', '0', '--data-dir', join(dir, 'data'), '--public-keys', jwks], { SEALCALL_SECRET: SECRET });
    const now = Math.floor(Date.now() / 1000);
    const signed = await new SignJWT({ room: 'r', role: 'agent', jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'backend-1' })
      .setIssuer('sealcall').setAudience('sealcall-room').setSubject('staff-3').setIssuedAt(now).setExpirationTime(now + 600)
      .sign(privateKey);
    assert.equal((await (await TestClient.open(`${url}/v1/rooms/r`)).join(signed)).role, 'agent');
    const hs = (await run(['token', '--room', 'r', '--role', 'customer'], { SEALCALL_SECRET: SECRET })).stdout.trim();
    assert.equal((await (await TestClient.open(`${url}/v1/rooms/r`)).refused(hs)).code, 'TOKEN_INVALID');
    await writeFile(join(dir, 'private.json'), JSON.stringify({ keys: [await exportJWK((await generateKeyPair('EdDSA', { extractable: true })).privateKey)] }));
    const refused = await run(['--port', '0', '--data-dir', join(dir, 'data'), '--public-keys', join(dir, 'private.json')], { SEALCALL_SECRET: SECRET });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /private key/);
  });
  it('--staff-*: staff of the identity provider start calls with their roles and teams mapped; half a set-up is refused', async (t) => {
    const dir = await tempDir(t);
    const idp = await identityProvider('ES256');
    const jwks = join(dir, 'idp-jwks.json');
    await writeFile(jwks, JSON.stringify(idp.jwks));
    const staffFlags = ['--staff-issuer', ISSUER, '--staff-audience', AUDIENCE, '--staff-jwks', jwks, '--staff-roles-claim', 'realm_access.roles', '--staff-role', 'claims-handler=agent', '--staff-role', 'team-lead=supervisor', '--staff-team-claim', 'groups'];
    const { url } = await startCli(t, ['--port', '0', '--data-dir', join(dir, 'data'), ...staffFlags], { SEALCALL_SECRET: SECRET });
    const base = url.replace(/^ws:/, 'http:');
    const handler = await idp.sign({ sub: 'staff-9', realm_access: { roles: ['claims-handler'] }, groups: ['claims-north'] });
    const started = await call(`${base}/v1/calls`, 'POST', { token: handler, json: {} });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const { callId, invitationToken } = started.json as { callId: string; invitationToken: string };
    assert.equal((await (await TestClient.open(`${url}/v1/rooms/${callId}`)).join(invitationToken)).role, 'customer');
    const lead = await idp.sign({ sub: 'staff-1', realm_access: { roles: ['team-lead'] }, groups: 'claims-north' });
    const seen = (await call(`${base}/v1/calls`, 'GET', { token: lead })).json as { calls: Array<{ callId: string; teams: string[] }> };
    assert.deepEqual(seen.calls.map((c) => [c.callId, c.teams]), [[callId, ['claims-north']]], 'the team lead sees the team\'s call');
    const unmapped = await idp.sign({ sub: 'staff-9', realm_access: { roles: ['agent'] } });
    assert.equal((await call(`${base}/v1/calls`, 'POST', { token: unmapped, json: {} })).status, 403, 'with names mapped, only mapped names count');

    for (const [args, message] of [
      [['--staff-issuer', ISSUER], /needs --staff-issuer, --staff-audience and --staff-jwks together; got only --staff-issuer/],
      [[...staffFlags, '--staff-role', 'boss=owner'], /--staff-role expected NAME=ROLE/],
      [['--staff-issuer', ISSUER, '--staff-audience', AUDIENCE, '--staff-jwks', join(dir, 'missing.json')], /cannot read --staff-jwks/],
      [['--staff-issuer', ISSUER, '--staff-audience', AUDIENCE, '--staff-jwks', 'http://idp.example/jwks.json'], /https/],
    ] as const) {
      const refused = await run(['--port', '0', '--data-dir', join(dir, 'data'), ...args], { SEALCALL_SECRET: SECRET });
      assert.equal(refused.code, 2, args.join(' '));
      assert.match(refused.stderr, message);
    }
  });
});
