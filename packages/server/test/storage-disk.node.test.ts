import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createStorageToken } from '../src/index.js';
import type { ArtifactRecord } from '../src/storage/types.js';
import { startCli } from './cli-process.js';
import { SECRET } from './helpers.js';
import { artifactDir, bytes, call, filesUnder, newArtifact, path, startStorageServer, tempDir } from './storage-helpers.js';

async function record(dir: string, id: string): Promise<ArtifactRecord> {
  return JSON.parse(await readFile(join(artifactDir(dir, id), 'metadata.json'), 'utf8')) as ArtifactRecord;
}

/** Every counted chunk has its file, whole: the sizes add up to the metadata's size. */
async function assertConsistent(dir: string): Promise<ArtifactRecord[]> {
  const records: ArtifactRecord[] = [];
  for (const name of await readdir(join(dir, 'artifacts'))) {
    const directory = join(dir, 'artifacts', name);
    const files = await readdir(directory);
    if (!files.includes('metadata.json')) continue;
    const r = JSON.parse(await readFile(join(directory, 'metadata.json'), 'utf8')) as ArtifactRecord;
    let size = 0;
    for (let i = 0; i < r.chunkCount; i++) size += (await stat(join(directory, `${i}.chunk`))).size;
    assert.equal(size, r.size, `artifact ${r.id}: ${r.chunkCount} counted chunks of ${r.size} bytes on disk`);
    records.push(r);
  }
  return records;
}

describe('storage on disk', () => {
  it('stores exactly the bytes received, one directory per artifact named by the hash of its id', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact({ id: 'claim:42.photo-1' });
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(3000, 5) });
    assert.deepEqual(new Uint8Array(await readFile(join(artifactDir(h.dir, input.id), '0.chunk'))), bytes(3000, 5));
    assert.deepEqual(await record(h.dir, input.id), { ...input, size: 3000, status: 'incomplete', chunkCount: 1 });
    const names = await readdir(join(h.dir, 'artifacts'));
    assert.deepEqual(names, [artifactDir(h.dir, input.id).split('/').at(-1)]);
    assert.match(names[0] ?? '', /^[0-9a-f]{64}$/);

    await h.call('DELETE', path(input.id), { token: agent });
    assert.deepEqual(await filesUnder(h.dir), ['artifacts/', 'trash/']);
  });

  it('keeps everything across a restart on the same directory, and the writer carries on', async (t) => {
    const dir = await tempDir(t);
    const first = await startStorageServer(t, { dir });
    const agent = first.storageToken('call-1', 'agent');
    const done = newArtifact();
    const open = newArtifact();
    await first.call('POST', '/v1/artifacts', { token: agent, json: done });
    await first.call('PUT', path(done.id, '/chunks/0'), { token: agent, body: bytes(700, 1) });
    await first.call('POST', path(done.id, '/finish'), { token: agent });
    await first.call('POST', '/v1/artifacts', { token: agent, json: open });
    await first.call('PUT', path(open.id, '/chunks/0'), { token: agent, body: bytes(10, 2) });
    await first.server.close();

    const second = await startStorageServer(t, { dir });
    assert.deepEqual((await second.call('GET', path(done.id), { token: agent })).json, { ...done, size: 700, status: 'complete', chunkCount: 1 });
    assert.deepEqual((await second.call('GET', path(done.id, '/chunks/0'), { token: agent })).bytes, bytes(700, 1));
    const listed = (await second.call('GET', '/v1/artifacts?callId=call-1', { token: agent })).json as { artifacts: ArtifactRecord[] };
    assert.deepEqual(listed.artifacts.map((a) => a.id).sort(), [done.id, open.id].sort());
    assert.equal((await second.call('PUT', path(open.id, '/chunks/0'), { token: agent, body: bytes(10, 2) })).status, 200, 'a replay after the restart');
    assert.equal((await second.call('PUT', path(open.id, '/chunks/1'), { token: agent, body: bytes(20, 3) })).status, 201);
    assert.equal(((await second.call('POST', path(open.id, '/finish'), { token: agent, json: { chunkCount: 2 } })).json as ArtifactRecord).size, 30);
  });

  it('never counts a chunk whose file is missing: a crash between chunk and metadata leaves an uncounted file, replaced on retry', async (t) => {
    const dir = await tempDir(t);
    const first = await startStorageServer(t, { dir });
    const agent = first.storageToken('call-1', 'agent');
    const input = newArtifact();
    await first.call('POST', '/v1/artifacts', { token: agent, json: input });
    await first.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(10, 1) });
    await first.server.close();
    // What a crash leaves: chunk 1 renamed into place but not counted, and a half-written temporary file.
    const directory = artifactDir(dir, input.id);
    await writeFile(join(directory, '1.chunk'), bytes(5, 9));
    await writeFile(join(directory, '.tmp-0123456789abcdef'), 'half a metadata fi');

    const second = await startStorageServer(t, { dir });
    assert.deepEqual((await readdir(directory)).sort(), ['0.chunk', '1.chunk', 'metadata.json'], 'temporary files are removed at start');
    assert.deepEqual((await second.call('GET', path(input.id), { token: agent })).json, { ...input, size: 10, status: 'incomplete', chunkCount: 1 });
    assert.equal((await second.call('GET', path(input.id, '/chunks/1'), { token: agent })).status, 404, 'the uncounted chunk is not readable');
    assert.equal((await second.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(8, 4) })).status, 201);
    assert.deepEqual((await second.call('GET', path(input.id, '/chunks/1'), { token: agent })).bytes, bytes(8, 4));
    await assertConsistent(dir);
  });

  it('survives SIGKILL mid-upload: every counted chunk is on disk, whole, and writing resumes', async (t) => {
    const dir = await tempDir(t);
    const records = await tempDir(t);
    const server = await startCli(t, ['--port', '0', '--storage-dir', dir, '--data-dir', records], { SEALCALL_SECRET: SECRET });
    const url = server.url.replace(/^ws:/, 'http:');
    const token = createStorageToken({ secret: SECRET, subject: 'test-user', room: 'call-1', role: 'agent' });
    const inputs = [newArtifact(), newArtifact(), newArtifact(), newArtifact()];
    for (const input of inputs) await call(`${url}/v1/artifacts`, 'POST', { token, json: input });
    let stop = false;
    // Each upload ends with the kill: its last request fails, as a client's would.
    const uploads = inputs.map(async (input, n) => {
      for (let i = 0; !stop; i++) await call(`${url}${path(input.id, `/chunks/${i}`)}`, 'PUT', { token, body: bytes(4096 + i, n) });
    }).map((upload) => upload.catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killed = server.kill();
    stop = true;
    await killed;
    await Promise.all(uploads);

    const stored = await assertConsistent(dir);
    assert.equal(stored.length, inputs.length);
    assert.ok(stored.some((r) => r.chunkCount > 0), 'some chunks were stored before the kill');

    const h = await startStorageServer(t, { dir });
    for (const r of stored) {
      const next = await h.call('PUT', path(r.id, `/chunks/${r.chunkCount}`), { token, body: bytes(3, 7) });
      assert.equal(next.status, 201);
      const last = await h.call('GET', path(r.id, `/chunks/${r.chunkCount}`), { token });
      assert.deepEqual(last.bytes, bytes(3, 7));
    }
    await assertConsistent(dir);
  });
});
