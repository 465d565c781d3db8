import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { runCli, startCli } from './cli-process.js';
import { SECRET, upgradeStatus } from './helpers.js';
import { tempDir } from './storage-helpers.js';

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

  it('prints usage with --help', async () => {
    const child = runCli(['--help'], {});
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    assert.deepEqual(await once(child, 'exit'), [0, null]);
    assert.match(stdout, /^Usage: sealcall-server \[--port N\] \[--host H\]/);
  });
});
