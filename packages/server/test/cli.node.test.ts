import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SECRET } from './helpers.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const repo = fileURLToPath(new URL('../../..', import.meta.url));

function run(args: string[], env: Record<string, string | undefined>) {
  return spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: repo,
    env: { ...process.env, SEALCALL_SECRET: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('sealcall-server CLI', () => {
  it('listens on an ephemeral port, serves /healthz and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0'], { SEALCALL_SECRET: SECRET });
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout });
    let url = '';
    for await (const line of lines) {
      const entry = JSON.parse(line) as { event?: string; url?: string };
      if (entry.event === 'listening') {
        url = entry.url ?? '';
        break;
      }
    }
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
      const child = run(['--port', '0'], { SEALCALL_SECRET: secret });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      assert.deepEqual(await once(child, 'exit'), [2, null]);
      assert.match(stderr, /SEALCALL_SECRET/);
      assert.match(stderr, /32 characters/);
    }
  });

  it('prints usage with --help', async () => {
    const child = run(['--help'], {});
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    assert.deepEqual(await once(child, 'exit'), [0, null]);
    assert.match(stdout, /^Usage: sealcall-server \[--port N\] \[--host H\]/);
  });
});
