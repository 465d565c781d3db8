import assert from 'node:assert/strict';
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { chunkBatchQuery } from '@sealcall/protocol';
import { createStorageToken } from '../src/index.js';
import type { ArtifactRecord, NewArtifact } from '../src/storage/types.js';
import { BlobStore } from '../src/storage/blob-store.js';
import { BatchReader } from '../src/storage/chunk-files.js';
import type { SealcallServerError } from '../src/errors.js';
import { startCli } from './cli-process.js';
import { testDatabase } from './database.js';
import { SECRET } from './helpers.js';
import { artifactDir, bytes, call, filesUnder, newArtifact, path, startStorageServer, SUBJECT, tempDir } from './storage-helpers.js';

/** Every chunk the database counts has its file in the blob store, whole: the sizes add up. */
async function assertConsistent(records: ArtifactRecord[], dir: string): Promise<void> {
  for (const r of records) {
    let size = 0;
    for (let i = 0; i < r.chunkCount; i++) size += (await stat(join(artifactDir(dir, r.id), `${i}.chunk`))).size;
    assert.equal(size, r.size, `artifact ${r.id}: ${r.chunkCount} counted chunks of ${r.size} bytes on disk`);
  }
}

/** A server that stored one chunk of one artifact, then stopped: what a crash test starts from. */
async function stoppedWithOneChunk(t: TestContext): Promise<{ dir: string; agent: string; input: NewArtifact; begun: ArtifactRecord }> {
  const dir = await tempDir(t);
  const first = await startStorageServer(t, { dir });
  const agent = first.storageToken('call-1', 'agent');
  const input = newArtifact();
  const begun = (await first.call('POST', '/v1/artifacts', { token: agent, json: input })).json as ArtifactRecord;
  await first.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(10, 1) });
  await first.server.close();
  return { dir, agent, input, begun };
}

describe('storage on disk', () => {
  it('keeps exactly the bytes received in the blob store, one directory per artifact named by a hash, and no metadata there', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact({ id: 'claim:42.photo-1' });
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(3000, 5) });
    assert.deepEqual(new Uint8Array(await readFile(join(artifactDir(h.dir, input.id), '0.chunk'))), bytes(3000, 5));
    const names = await readdir(join(h.dir, 'artifacts'));
    assert.deepEqual(names, [artifactDir(h.dir, input.id).split('/').at(-1)]);
    assert.match(names[0] ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(await readdir(join(h.dir, 'artifacts', names[0]!)), ['0.chunk'], 'the metadata is in the database');

    await h.call('DELETE', path(input.id), { token: agent });
    assert.deepEqual(await filesUnder(h.dir), ['artifacts/', 'trash/']);
  });

  it('keeps everything across a restart on the same directory and database, and the writer carries on', async (t) => {
    const dir = await tempDir(t);
    const first = await startStorageServer(t, { dir });
    const agent = first.storageToken('call-restart', 'agent');
    const done = newArtifact({ callId: 'call-restart' });
    const open = newArtifact({ callId: 'call-restart' });
    const begun = (await first.call('POST', '/v1/artifacts', { token: agent, json: done })).json as ArtifactRecord;
    await first.call('PUT', path(done.id, '/chunks/0'), { token: agent, body: bytes(700, 1) });
    await first.call('POST', path(done.id, '/finish'), { token: agent });
    await first.call('POST', '/v1/artifacts', { token: agent, json: open });
    await first.call('PUT', path(open.id, '/chunks/0'), { token: agent, body: bytes(10, 2) });
    await first.server.close();

    const second = await startStorageServer(t, { dir });
    assert.deepEqual((await second.call('GET', path(done.id), { token: agent })).json, { ...begun, size: 700, status: 'complete', chunkCount: 1 });
    assert.deepEqual((await second.call('GET', path(done.id, '/chunks/0'), { token: agent })).bytes, bytes(700, 1));
    const listed = (await second.call('GET', '/v1/artifacts?callId=call-restart', { token: agent })).json as { artifacts: ArtifactRecord[] };
    assert.deepEqual(listed.artifacts.map((a) => a.id).sort(), [done.id, open.id].sort());
    assert.equal((await second.call('PUT', path(open.id, '/chunks/0'), { token: agent, body: bytes(10, 2) })).status, 200, 'a replay after the restart');
    assert.equal((await second.call('PUT', path(open.id, '/chunks/1'), { token: agent, body: bytes(20, 3) })).status, 201);
    assert.equal(((await second.call('POST', path(open.id, '/finish'), { token: agent, json: { chunkCount: 2 } })).json as ArtifactRecord).size, 30);
  });

  it('never counts a chunk the database did not: a crash between chunk and row leaves an uncounted file, replaced on retry', async (t) => {
    const { dir, agent, input, begun } = await stoppedWithOneChunk(t);
    // What a crash leaves: chunk 1 renamed into place but never counted, and a half-written temporary file.
    const directory = artifactDir(dir, input.id);
    await writeFile(join(directory, '1.chunk'), bytes(5, 9));
    await writeFile(join(directory, '.tmp-0123456789abcdef'), 'half a chunk');

    const second = await startStorageServer(t, { dir });
    assert.deepEqual((await readdir(directory)).sort(), ['0.chunk', '1.chunk'], 'temporary files are removed at start');
    assert.deepEqual((await second.call('GET', path(input.id), { token: agent })).json, { ...begun, size: 10, chunkCount: 1 });
    assert.equal((await second.call('GET', path(input.id, '/chunks/1'), { token: agent })).status, 404, 'the uncounted chunk is not readable');
    assert.equal((await second.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(8, 4) })).status, 201);
    assert.deepEqual((await second.call('GET', path(input.id, '/chunks/1'), { token: agent })).bytes, bytes(8, 4));
    await assertConsistent([(await second.call('GET', path(input.id), { token: agent })).json as ArtifactRecord], dir);
  });

  it('keeps a batch in one file, and the next append removes what a crash left past the count', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    const batch = (from: number, chunks: Uint8Array[]) =>
      h.call('POST', path(input.id, `/chunks?${chunkBatchQuery({ from, sizes: chunks.map((c) => c.length) })}`), { token: agent, body: Buffer.concat(chunks) });
    const chunk = async (index: number) => h.call('GET', path(input.id, `/chunks/${index}`), { token: agent });
    const [a, b, c, d, e] = [bytes(300, 1), bytes(0, 2), bytes(70, 3), bytes(40, 4), bytes(9, 5)];
    const directory = artifactDir(h.dir, input.id);

    assert.equal((await batch(0, [a, b, c])).status, 201);
    assert.deepEqual(await filesUnder(directory), [`0-3.chunks:${4 * 4 + 370}`], 'the count, three sizes, the bytes: one file, one flush');
    for (const [index, expected] of [a, b, c].entries()) assert.deepEqual((await chunk(index)).bytes, expected);

    // What crashes between file and row leave: writes past the count that no transaction counted.
    await writeFile(join(directory, '3-2.chunks'), 'a batch never counted');
    await writeFile(join(directory, '5.chunk'), bytes(5, 9));
    assert.equal((await chunk(3)).status, 404, 'an uncounted chunk is not readable');
    assert.equal((await batch(3, [d, e])).status, 201);
    assert.deepEqual(await filesUnder(directory), [`0-3.chunks:${4 * 4 + 370}`, `3-2.chunks:${3 * 4 + 49}`], 'both leftovers gone');
    assert.deepEqual((await chunk(3)).bytes, d);
    assert.deepEqual((await chunk(4)).bytes, e);
    assert.equal((await chunk(5)).status, 404);

    await truncate(join(directory, '0-3.chunks'), 100);
    const damaged = await chunk(2);
    assert.equal(damaged.status, 500, 'a damaged file is an error, never other bytes');
    assert.equal((damaged.json as { error: { code: string } }).error.code, 'STORAGE_FAILED');
  });

  it('reads a whole artifact in order, files of one chunk and batches alike, opening each once', async (t) => {
    const dir = await tempDir(t);
    const blobs = new BlobStore(dir);
    await blobs.open();
    const ref = { tenant: 'tenant-1', id: 'artifact-1' };
    const chunks = Array.from({ length: 9 }, (_, i) => bytes(10 + i, i));
    await blobs.writeChunks(ref, 0, [chunks[0]!]);
    await blobs.writeChunks(ref, 1, chunks.slice(1, 5));
    await blobs.writeChunks(ref, 5, [chunks[5]!]);
    await blobs.writeChunks(ref, 6, chunks.slice(6, 9));
    const directory = artifactDir(dir, ref.id, ref.tenant);
    // What a crash leaves past the count: never read.
    await writeFile(join(directory, '7-5.chunks'), 'a batch never counted');
    const all = async (count: number) => {
      const read: Array<Buffer | undefined> = [];
      for await (const chunk of blobs.readChunks(ref, count)) read.push(chunk);
      return read;
    };
    const opens = t.mock.method(BatchReader, 'open');
    assert.deepEqual(await all(9), chunks.map((chunk) => Buffer.from(chunk)));
    assert.equal(opens.mock.callCount(), 2, 'each batch file opened once');
    assert.deepEqual(await all(7), chunks.slice(0, 7).map((chunk) => Buffer.from(chunk)), 'only what is counted');
    for (const index of [0, 3, 8]) assert.deepEqual(await blobs.readChunk(ref, index), Buffer.from(chunks[index]!));

    await truncate(join(directory, '6-3.chunks'), 20);
    await assert.rejects(all(9), (error: SealcallServerError) => error.code === 'STORAGE_FAILED', 'a damaged file is an error, never other bytes');
    await blobs.remove(ref);
    assert.deepEqual(await all(9), [undefined], 'erased: nothing, and no error');
  });

  it('finishes at start an erasure a crash cut short: the row was gone, the content not yet', async (t) => {
    const { dir, input } = await stoppedWithOneChunk(t);
    // What a crash right after the erasure's transaction leaves.
    const database = await testDatabase();
    await database.transaction(async (tx) => {
      await tx.query(`DELETE FROM artifacts WHERE tenant_id = 'default' AND id = $1`, [input.id]);
      await tx.query(`INSERT INTO erased_artifacts (tenant_id, id, erased_at) VALUES ('default', $1, now())`, [input.id]);
    });
    assert.deepEqual(await readdir(artifactDir(dir, input.id)), ['0.chunk']);

    await startStorageServer(t, { dir });
    await assert.rejects(readdir(artifactDir(dir, input.id)), { code: 'ENOENT' });
    const [row] = await database.query<{ content_removed: boolean }>(`SELECT content_removed FROM erased_artifacts WHERE id = $1`, [input.id]);
    assert.equal(row?.content_removed, true);
  });

  it('survives SIGKILL mid-upload: every counted chunk is on disk, whole, and writing resumes', async (t) => {
    const dir = await tempDir(t);
    const args = ['--port', '0', '--storage-dir', dir, '--data-dir', await tempDir(t)];
    let server = await startCli(t, args, { SEALCALL_SECRET: SECRET });
    const token = createStorageToken({ secret: SECRET, subject: 'agent-1', dataSubject: SUBJECT, room: 'call-1', role: 'agent' });
    const inputs = [newArtifact(), newArtifact(), newArtifact(), newArtifact()];
    const http = () => server.url.replace(/^ws:/, 'http:');
    for (const input of inputs) await call(`${http()}/v1/artifacts`, 'POST', { token, json: input });
    let stop = false;
    // Each upload ends with the kill: its last request fails, as a client's would.
    const uploads = inputs.map(async (input, n) => {
      for (let i = 0; !stop; i++) await call(`${http()}${path(input.id, `/chunks/${i}`)}`, 'PUT', { token, body: bytes(4096 + i, n) });
    }).map((upload) => upload.catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killed = server.kill();
    stop = true;
    await killed;
    await Promise.all(uploads);

    server = await startCli(t, args, { SEALCALL_SECRET: SECRET });
    const stored = await Promise.all(inputs.map(async (input) => (await call(`${http()}${path(input.id)}`, 'GET', { token })).json as ArtifactRecord));
    await assertConsistent(stored, dir);
    assert.ok(stored.some((r) => r.chunkCount > 0), 'some chunks were stored before the kill');
    for (const r of stored) {
      const next = await call(`${http()}${path(r.id, `/chunks/${r.chunkCount}`)}`, 'PUT', { token, body: bytes(3, 7) });
      assert.equal(next.status, 201);
      const last = await call(`${http()}${path(r.id, `/chunks/${r.chunkCount}`)}`, 'GET', { token });
      assert.deepEqual(last.bytes, bytes(3, 7));
    }
  });
});
