import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GOVERNANCE_ROUTES, governancePath, parseExportLine } from '@sealcall/protocol';
import { createStorageToken } from '../src/index.js';
import { startCli } from './cli-process.js';
import { POSTGRES_URL } from './database.js';
import { freshPostgresUrl } from './fresh-postgres.js';
import { SECRET } from './helpers.js';
import { AUDIENCE, identityProvider, ISSUER } from './staff-helpers.js';
import { bytes, call, DAY, newArtifact, path, tempDir } from './storage-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const MiB = 1024 * 1024;
const RECORDING_CHUNKS = 24;
/** What the server's peak memory may grow by while it streams a bundle of ~100 MB. */
const ALLOWED_GROWTH = 16 * MiB;

/** The resident memory of process `pid` now (VmRSS). */
async function residentMemory(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  assert.ok(kib, 'Linux reports VmRSS');
  return Number(kib[1]) * 1024;
}

/** Samples `pid`'s resident memory every 25 ms until stopped; answers the highest. */
function sampleMemory(pid: number): { stop(): Promise<number> } {
  let highest = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      highest = Math.max(highest, await residentMemory(pid));
      await sleep(25);
    }
  })();
  return { stop: async () => ((running = false), await done, highest) };
}

describe('a subject\'s export bundle is streamed', () => {
  it('at the client\'s pace: the server\'s peak memory stays flat while it sends 3 recordings and 20 pictures', async (t) => {
    const dir = await tempDir(t);
    const idp = await identityProvider();
    const jwks = join(dir, 'idp-jwks.json');
    await writeFile(jwks, JSON.stringify(idp.jwks));
    const fresh = POSTGRES_URL ? await freshPostgresUrl(POSTGRES_URL) : undefined;
    if (fresh) t.after(() => fresh.drop());
    const database = fresh ? ['--database-url', fresh.url] : ['--data-dir', join(dir, 'data')];
    const staff = ['--staff-issuer', ISSUER, '--staff-audience', AUDIENCE, '--staff-jwks', jwks];
    const server = await startCli(t, ['--port', '0', ...database, '--storage-dir', join(dir, 'storage'), ...staff], { SEALCALL_SECRET: SECRET });
    const base = server.url.replace(/^ws:/, 'http:');
    const token = createStorageToken({ secret: SECRET, room: 'call-big', role: 'agent', subject: 'agent-1', dataSubject: 'subject-big' });
    let total = 0;
    const upload = async (kind: 'recording' | 'picture', chunks: number, size: number) => {
      const artifact = newArtifact({ callId: 'call-big', subjectId: 'subject-big', kind, expiresAt: Date.now() + 30 * DAY });
      assert.equal((await call(`${base}/v1/artifacts`, 'POST', { token, json: artifact })).status, 201);
      for (let index = 0; index < chunks; index++) {
        assert.equal((await call(`${base}${path(artifact.id, `/chunks/${index}`)}`, 'PUT', { token, body: bytes(size, index) })).status, 201);
        total += size;
      }
    };
    for (let i = 0; i < 3; i++) await upload('recording', RECORDING_CHUNKS, MiB);
    for (let i = 0; i < 20; i++) await upload('picture', 1, 200 * 1024);

    const dpo = await idp.sign({ sub: 'dpo-1', roles: ['dpo'] });
    const requested = await call(`${base}${governancePath(GOVERNANCE_ROUTES.requestExport, 'subject-big')}`, 'POST', { token: dpo, json: {} });
    assert.equal(requested.status, 201);
    const exportId = (requested.json as { id: string }).id;
    const read = async (slowly: boolean): Promise<{ received: number; tail: string }> => {
      const response = await fetch(`${base}${governancePath(GOVERNANCE_ROUTES.readExport, exportId)}`, { headers: { authorization: `Bearer ${dpo}` } });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let received = 0;
      let tail = '';
      for (let reads = 0; ; reads++) {
        const { done, value } = await reader.read();
        if (done) return { received, tail };
        received += value.length;
        tail = (tail + Buffer.from(value).toString('latin1')).slice(-400);
        // A slow client: the server must wait for it, not queue the bundle up in memory.
        if (!slowly) continue;
        if (reads === 0) await sleep(1500);
        else if (reads % 64 === 0) await sleep(20);
      }
    };
    // A first read warms the server up (code, pools, the heap's working size), so that what the
    // second one measures is what streaming a bundle costs, not what a first request costs.
    await read(false);
    const pid = server.child.pid!;
    const before = await residentMemory(pid);
    const sampler = sampleMemory(pid);
    const { received, tail } = await read(true);
    const growth = (await sampler.stop()) - before;
    t.diagnostic(`peak resident memory grew by ${(growth / MiB).toFixed(1)} MiB while ${(received / MiB).toFixed(0)} MiB streamed`);

    const last = parseExportLine(JSON.parse(tail.trimEnd().split('\n').at(-1)!));
    assert.ok(last.ok && last.value.type === 'end', 'the bundle arrived whole');
    assert.equal(last.value.type === 'end' && last.value.bytes, total);
    assert.ok(received > total * 1.3, `the bundle (${received} bytes) carries all ${total} bytes of ciphertext`);
    assert.ok(growth < ALLOWED_GROWTH, `the server's peak memory grew by ${(growth / MiB).toFixed(1)} MiB while it sent ${(received / MiB).toFixed(0)} MiB; at most ${ALLOWED_GROWTH / MiB} MiB expected`);
  });
});
