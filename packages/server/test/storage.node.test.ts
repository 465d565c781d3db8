import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkBatchQuery } from '@sealcall/protocol';
import { createServer, SealcallServerError, type StorageOptions } from '../src/index.js';
import { testDatabase } from './database.js';
import { httpUrl, SECRET, startServer } from './helpers.js';
import { artifactDir, bytes, filesUnder, newArtifact, path, stamped, startStorageServer } from './storage-helpers.js';

describe('storage endpoint', () => {
  it('is 404 without the storage option, and signaling works as before', async (t) => {
    const h = await startServer(t);
    assert.equal((await fetch(httpUrl(h, '/v1/artifacts'), { method: 'POST' })).status, 404);
    assert.equal((await fetch(httpUrl(h, '/v1/artifacts/x'))).status, 404);
    const client = await h.connect('r');
    assert.equal((await client.join(h.token('r', 'agent'))).role, 'agent');
  });

  it('validates the storage options', async () => {
    const database = await testDatabase();
    const storages = [
      { directory: '' },
      { directory: 'd', maxChunkBytes: 0 },
      { directory: 'd', maxArtifactBytes: 1.5 },
      { directory: 'd', retentionDays: { video: 30 } },
      { directory: 'd', retentionDays: { picture: 0 } },
      { directory: 'd', retentionDays: { consent: 1.5 } },
      null,
    ];
    for (const storage of storages) {
      assert.throws(
        () => createServer({ secret: SECRET, database, storage: storage as StorageOptions }),
        (error) => error instanceof SealcallServerError && error.code === 'OPTION_INVALID',
      );
    }
  });

  it('serves every route: begin, append, finish, read, list, patch, delete', async (t) => {
    const now = Date.now();
    const h = await startStorageServer(t, { now: () => now });
    const agent = h.storageToken('call-1', 'agent');
    const office = h.storageToken('*', 'office');
    const input = newArtifact();

    const begun = await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    assert.equal(begun.status, 201);
    assert.deepEqual(begun.json, stamped(input, now));

    const first = await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(1000, 1), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(first.status, 201);
    assert.deepEqual(first.json, { chunkCount: 1, size: 1000 });
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: new Uint8Array(0) })).status, 201);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/2'), { token: agent, body: bytes(5, 3) })).status, 201);

    const finished = await h.call('POST', path(input.id, '/finish'), { token: agent, json: { chunkCount: 3 } });
    assert.equal(finished.status, 200);
    const expected = stamped(input, now, { size: 1005, status: 'complete', chunkCount: 3 });
    assert.deepEqual(finished.json, expected);
    assert.deepEqual((await h.call('GET', path(input.id), { token: agent })).json, expected);

    const chunk = await h.call('GET', path(input.id, '/chunks/0'), { token: office });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual(chunk.bytes, bytes(1000, 1));
    assert.equal((await h.call('GET', path(input.id, '/chunks/1'), { token: agent })).bytes.length, 0);
    assert.equal((await h.call('GET', path(input.id, '/chunks/3'), { token: agent })).status, 404);

    const expiry = input.expiresAt;
    const other = newArtifact({ callId: 'call-2', subjectId: 'subject-other', expiresAt: expiry + 3000 });
    await h.call('POST', '/v1/artifacts', { token: h.storageToken('call-2', 'agent', undefined, { dataSubject: 'subject-other' }), json: other });
    const ids = (answer: { json: unknown }) => (answer.json as { artifacts: Array<{ id: string }> }).artifacts.map((a) => a.id).sort();
    assert.deepEqual(ids(await h.call('GET', '/v1/artifacts?callId=call-1', { token: agent })), [input.id]);
    assert.deepEqual(ids(await h.call('GET', `/v1/artifacts?subjectId=${input.subjectId}`, { token: office })), [input.id]);
    assert.deepEqual(ids(await h.call('GET', `/v1/artifacts?expiredBefore=${expiry + 1}`, { token: office })), [input.id]);
    assert.deepEqual(ids(await h.call('GET', `/v1/artifacts?expiredBefore=${expiry}`, { token: office })), []);
    assert.deepEqual(ids(await h.call('GET', `/v1/artifacts?expiredBefore=${expiry + 4000}`, { token: office })), [input.id, other.id].sort());

    const encryption = { ...input.encryption, wrappedKey: null };
    const patched = await h.call('PATCH', path(input.id), { token: office, json: { expiresAt: expiry - 500, encryption, endReason: 'consent-withdrawn' } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.json, { ...expected, expiresAt: expiry - 500, encryption, endReason: 'consent-withdrawn' });
    assert.deepEqual((await h.call('PATCH', path(input.id), { token: agent, json: {} })).json, patched.json);

    assert.equal((await h.call('DELETE', path(input.id), { token: agent })).status, 204);
    assert.equal((await h.call('GET', path(input.id), { token: office })).status, 404);
    assert.equal((await h.call('GET', path(input.id, '/chunks/0'), { token: office })).status, 404);
    assert.equal((await h.call('DELETE', path(input.id), { token: office })).status, 204);
    assert.deepEqual(ids(await h.call('GET', '/v1/artifacts?callId=call-1', { token: agent })), []);
  });

  it('answers errors as { error: { code, message } } with the SDK codes', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const missing = await h.call('GET', path('nope'), { token: agent });
    assert.equal(missing.status, 404);
    const { error } = missing.json as { error: { code: string; message: string } };
    assert.equal(error.code, 'STORAGE_NOT_FOUND');
    assert.match(error.message, /no artifact with id "nope"/);
    assert.equal((await h.call('PUT', path('nope', '/chunks/0'), { token: agent, body: 'x' })).status, 404);
    assert.equal((await h.call('POST', path('nope', '/finish'), { token: agent })).status, 404);
    assert.equal((await h.call('PATCH', path('nope'), { token: agent, json: {} })).status, 404);
  });

  it('begin: an identical replay is 200, another artifact under a taken id is 409', async (t) => {
    let now = Date.now();
    const h = await startStorageServer(t, { now: () => now });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    const began = now;
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: input })).status, 201);
    now += 5000;
    const replay = await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    assert.equal(replay.status, 200);
    assert.deepEqual(replay.json, stamped(input, began), 'as the first begin stored it, 5 s before');
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: { ...input, expiresAt: input.expiresAt - 1 } })).status, 409, 'another expiry is another artifact');
    const taken = await h.call('POST', '/v1/artifacts', { token: agent, json: { ...input, mimeType: 'video/mp4' } });
    assert.equal(taken.status, 409);
    assert.equal((taken.json as { error: { code: string } }).error.code, 'STORAGE_CONFLICT');
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'x' });
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: input })).status, 409);
    const colleague = h.storageToken('call-1', 'agent', undefined, { subject: 'agent-2' });
    const fresh = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: fresh });
    assert.equal((await h.call('POST', '/v1/artifacts', { token: colleague, json: fresh })).status, 409, 'a replay only by the one who began it');
  });

  it('patch changes one way only: expiry earlier, key destroyed, end reason once; the rest is refused and changes nothing', async (t) => {
    const now = Date.now();
    const h = await startStorageServer(t, { now: () => now });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    const patch = async (json: unknown) => {
      const answer = await h.call('PATCH', path(input.id), { token: agent, json });
      return [answer.status, (answer.json as { error?: { message: string } }).error?.message ?? ''] as const;
    };
    const refusals: Array<[unknown, number, RegExp]> = [
      [{ expiresAt: input.expiresAt + 1 }, 403, /only be shortened/],
      [{ expiresAt: now - 1 }, 400, /no earlier than createdAt/],
      [{ encryption: { ...input.encryption, keyProviderId: 'attacker:key' } }, 403, /key provider/],
      [{ encryption: { ...input.encryption, noncePrefix: 'BBBBBBBBBB' } }, 403, /nonce prefix/],
      [{ encryption: { ...input.encryption, wrappedKey: 'BQYHCA' } }, 403, /only become null/],
    ];
    for (const [json, status, message] of refusals) {
      const [got, text] = await patch(json);
      assert.equal(got, status, JSON.stringify(json));
      assert.match(text, message);
    }
    assert.deepEqual((await h.call('GET', path(input.id), { token: agent })).json, stamped(input, now), 'unchanged');
    assert.equal((await patch({ expiresAt: now + 1000, endReason: 'stopped', encryption: { ...input.encryption, wrappedKey: null } }))[0], 200);
    assert.equal((await patch({ endReason: 'stopped' }))[0], 200, 'the same end reason again is a replay');
    assert.equal((await patch({ endReason: 'failed' }))[0], 409);
    assert.equal((await patch({ encryption: { ...input.encryption, wrappedKey: input.encryption.wrappedKey } }))[0], 403, 'a destroyed key never comes back');
  });

  it('refuses a picture, recording, location or transcript without a consent reference; a document may have none', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    for (const kind of ['picture', 'recording', 'location', 'transcript'] as const) {
      const answer = await h.call('POST', '/v1/artifacts', { token: agent, json: newArtifact({ kind, consentRef: null }) });
      assert.equal(answer.status, 400, kind);
      assert.match((answer.json as { error: { message: string } }).error.message, /needs "consentRef"/);
    }
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: newArtifact({ kind: 'document', mimeType: 'application/pdf', consentRef: null }) })).status, 201);
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: newArtifact({ kind: 'consent', mimeType: 'application/json', consentRef: null }) })).status, 201);
    const location = newArtifact({ kind: 'location', mimeType: 'application/geo+json', consentRef: 'grant-7' });
    assert.equal((await h.call('POST', '/v1/artifacts', { token: agent, json: location })).status, 201);
    const stored = await h.call('GET', path(location.id), { token: agent });
    assert.equal((stored.json as { kind: string }).kind, 'location');
  });

  it('erasure is for good: a retried begin, chunk or finish of an erased artifact never brings it back', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const office = h.storageToken('*', 'office');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'x' });
    assert.equal((await h.call('DELETE', path(input.id), { token: office })).status, 204);
    const again = await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    assert.equal(again.status, 409);
    assert.match((again.json as { error: { message: string } }).error.message, /erased/);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'x' })).status, 404);
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: agent })).status, 404);
    assert.equal((await h.call('GET', path(input.id), { token: office })).status, 404);
    assert.deepEqual(await filesUnder(h.dir), ['artifacts/', 'trash/'], 'and its content is gone from the disk');
  });

  it('append: the same chunk again is a replay (200, nothing changes); other bytes, gaps and complete artifacts are 409', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    assert.equal((await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(100, 1) })).status, 201);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(50, 2) })).status, 201);
    const replay = await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(100, 1) });
    assert.equal(replay.status, 200);
    assert.deepEqual(replay.json, { chunkCount: 2, size: 150 });
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(50, 2) })).status, 200);
    const different = await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(100, 9) });
    assert.equal(different.status, 409);
    assert.match((different.json as { error: { message: string } }).error.message, /chunk 0 .* stored already, with other bytes/);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(99, 1) })).status, 409);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/3'), { token: agent, body: 'x' })).status, 409);
    assert.deepEqual((await h.call('GET', path(input.id, '/chunks/0'), { token: agent })).bytes, bytes(100, 1));
    assert.equal(((await h.call('GET', path(input.id), { token: agent })).json as { size: number }).size, 150);

    await h.call('POST', path(input.id, '/finish'), { token: agent });
    assert.equal((await h.call('PUT', path(input.id, '/chunks/2'), { token: agent, body: 'x' })).status, 409);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(50, 2) })).status, 200);
  });

  it('append a batch: consecutive chunks in one request, all or none, each counted as it would be alone', async (t) => {
    const h = await startStorageServer(t, { storage: { maxChunkBytes: 100 } });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    const batch = (from: number, chunks: Uint8Array[]) =>
      h.call('POST', path(input.id, `/chunks?${chunkBatchQuery({ from, sizes: chunks.map((c) => c.length) })}`), { token: agent, body: Buffer.concat(chunks) });
    const [a, b, c, d] = [bytes(100, 1), bytes(60, 2), bytes(7, 3), bytes(30, 4)];

    const first = await batch(0, [a, b, c]);
    assert.equal(first.status, 201);
    assert.deepEqual(first.json, { chunkCount: 3, size: 167 });
    for (const [index, chunk] of [a, b, c].entries()) assert.deepEqual((await h.call('GET', path(input.id, `/chunks/${index}`), { token: agent })).bytes, chunk);

    const replay = await batch(1, [b, c]);
    assert.equal(replay.status, 200, 'held already, byte for byte: a replay');
    assert.deepEqual(replay.json, { chunkCount: 3, size: 167 });
    assert.equal((await batch(2, [c, d])).status, 201, 'a replay that goes on with a new chunk');

    const refusals: [Promise<{ status: number; json?: unknown }>, number, RegExp][] = [
      [batch(3, [bytes(30, 9), a]), 409, /chunk 3 .* stored already, with other bytes/],
      [batch(5, [a]), 409, /expects chunk 4 next, got chunk 5/],
      [batch(4, [a, bytes(101, 5)]), 413, /101 bytes is larger than this server's limit of 100 bytes a chunk/],
      [h.call('POST', path(input.id, '/chunks?from=4&sizes=10,10'), { token: agent, body: bytes(25, 1) }), 413, /larger than this server's limit of 20 bytes/],
      [h.call('POST', path(input.id, '/chunks?from=4&sizes=10,10'), { token: agent, body: bytes(15, 1) }), 400, /sizes add up to 20 bytes, but its body has 15/],
      [h.call('POST', path(input.id, '/chunks?from=4'), { token: agent, body: bytes(15, 1) }), 400, /exactly the query parameters from and sizes/],
      [h.call('PUT', path(input.id, '/chunks'), { token: agent, body: bytes(15, 1) }), 405, /./],
    ];
    for (const [request, status, message] of refusals) {
      const answer = await request;
      assert.equal(answer.status, status, String(message));
      assert.match(JSON.stringify(answer.json), message);
    }
    assert.deepEqual(((await h.call('GET', path(input.id), { token: agent })).json as { chunkCount: number; size: number }).chunkCount, 4, 'nothing of a refused batch was counted');
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: agent, json: { chunkCount: 4 } })).status, 200);
    assert.equal((await batch(4, [a])).status, 409, 'a complete artifact takes no chunk');
  });

  it('append a batch: refuses one larger than a request may be before reading it, however small each chunk', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    const sizes = Array(5).fill(1024 * 1024).join(',');
    const answer = await h.call('POST', path(input.id, `/chunks?from=0&sizes=${sizes}`), { token: agent, body: 'x' });
    assert.equal(answer.status, 413);
    assert.match(JSON.stringify(answer.json), /a batch of 5242880 bytes is larger than this server's limit of 4195328 bytes a request/);
  });

  it('finish: with chunkCount it must match, and a replay is 200; without it a complete artifact is 409', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'abc' });
    const lost = await h.call('POST', path(input.id, '/finish'), { token: agent, json: { chunkCount: 2 } });
    assert.equal(lost.status, 409);
    assert.match((lost.json as { error: { message: string } }).error.message, /with 2 chunks, but it holds 1/);
    assert.equal(((await h.call('GET', path(input.id), { token: agent })).json as { status: string }).status, 'incomplete');
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: agent, json: { chunkCount: 1 } })).status, 200);
    const replay = await h.call('POST', path(input.id, '/finish'), { token: agent, json: { chunkCount: 1 } });
    assert.equal(replay.status, 200);
    assert.equal((replay.json as { status: string }).status, 'complete');
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: agent })).status, 409);
  });

  it('refuses a chunk over maxChunkBytes with 413 and an artifact over maxArtifactBytes with 507, storing nothing', async (t) => {
    const now = Date.now();
    const h = await startStorageServer(t, { now: () => now, storage: { maxChunkBytes: 1024, maxArtifactBytes: 1500 } });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    const big = await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(1025) });
    assert.equal(big.status, 413);
    assert.equal((big.json as { error: { code: string } }).error.code, 'INVALID_ARGUMENT');
    assert.equal((await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: bytes(1024) })).status, 201);
    const full = await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(477) });
    assert.equal(full.status, 507);
    assert.equal((full.json as { error: { code: string } }).error.code, 'STORAGE_QUOTA_EXCEEDED');
    assert.deepEqual((await h.call('GET', path(input.id), { token: agent })).json, stamped(input, now, { size: 1024, chunkCount: 1 }));
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: bytes(476) })).status, 201);
    assert.deepEqual(await filesUnder(artifactDir(h.dir, input.id)), ['0.chunk:1024', '1.chunk:476']);
  });

  it('validates ids, indexes, queries and bodies before touching the disk', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const office = h.storageToken('*', 'office');
    const before = await filesUnder(h.dir);
    const code = async (method: string, url: string, init: { json?: unknown; body?: string; token?: string } = {}) => {
      const answer = await h.call(method, url, { token: agent, ...init });
      return `${answer.status} ${(answer.json as { error?: { code: string } } | undefined)?.error?.code ?? ''}`;
    };
    const valid = newArtifact();
    for (const bad of [
      { ...valid, id: '' },
      { ...valid, id: 'has space' },
      { ...valid, id: '..' },
      { ...valid, id: '../escape' },
      { ...valid, id: 'a'.repeat(129) },
      { ...valid, callId: 42 },
      { ...valid, kind: 'video' },
      { ...valid, createdAt: 10, expiresAt: 5 },
      { ...valid, consentRef: 7 },
      { ...valid, encryption: null },
      { ...valid, encryption: { ...valid.encryption, wrappedKey: 'not base64url!' } },
      { ...valid, encryption: { ...valid.encryption, extra: 1 } },
      { ...valid, name: 'Jane Doe' },
      [valid],
    ]) {
      assert.equal(await code('POST', '/v1/artifacts', { json: bad }), '400 INVALID_ARGUMENT', JSON.stringify(bad).slice(0, 80));
    }
    assert.equal(await code('POST', '/v1/artifacts', { body: '{not json' }), '400 INVALID_ARGUMENT');
    assert.equal(await code('POST', '/v1/artifacts'), '400 INVALID_ARGUMENT');
    for (const id of ['..', '.', '%2e%2e', '..%2F..%2Fetc', 'a%2Fb', '%ZZ', 'a'.repeat(129), 'semi%3Bcolon']) {
      assert.equal(await h.rawStatus('GET', `/v1/artifacts/${id}`, agent), 400, id);
      assert.equal(await h.rawStatus('PUT', `/v1/artifacts/${id}/chunks/0`, agent), 400, id);
      assert.equal(await h.rawStatus('DELETE', `/v1/artifacts/${id}`, office), 400, id);
    }
    assert.equal(await h.rawStatus('GET', '/v1/artifacts/../../etc/passwd', agent), 404);
    for (const index of ['-1', '01', '1e3', '1.5', '9999999999', 'x']) {
      assert.equal(await code('PUT', `/v1/artifacts/a/chunks/${index}`, { body: 'x' }), '400 INVALID_ARGUMENT', index);
    }
    for (const query of ['', '?', '?callId=', '?callId=a&subjectId=b', '?callId=a&callId=b', '?other=1', '?expiredBefore=-1', '?expiredBefore=1.5', '?expiredBefore=soon']) {
      assert.equal(await code('GET', `/v1/artifacts${query}`, { token: office }), '400 INVALID_ARGUMENT', query);
    }
    assert.equal(await code('PATCH', '/v1/artifacts/a', { json: { subjectId: 'other' } }), '400 INVALID_ARGUMENT');
    assert.equal(await code('PATCH', '/v1/artifacts/a', { json: { expiresAt: -5 } }), '400 INVALID_ARGUMENT');
    assert.deepEqual(await filesUnder(h.dir), before);
  });

  it('answers 404 for unknown storage paths and 405 with Allow for other methods', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    for (const url of ['/v1/artifacts/', '/v1/artifacts/a/b', '/v1/artifacts/a/chunks/0/x', '/v1/artifacts/a/finish/x']) {
      assert.equal((await h.call('GET', url, { token: agent })).status, 404, url);
    }
    const cases: Array<[string, string, string]> = [
      ['PUT', '/v1/artifacts', 'GET, POST'],
      ['POST', '/v1/artifacts/a', 'GET, PATCH, DELETE'],
      ['GET', '/v1/artifacts/a/finish', 'POST'],
      ['GET', '/v1/artifacts/a/chunks', 'POST'],
      ['DELETE', '/v1/artifacts/a/chunks/0', 'GET, PUT'],
    ];
    for (const [method, url, allow] of cases) {
      const answer = await h.call(method, url, { token: agent });
      assert.equal(answer.status, 405, `${method} ${url}`);
      assert.equal(answer.headers.get('allow'), allow);
    }
  });

  it('answers CORS preflights, and refuses origins outside allowedOrigins', async (t) => {
    const open = await startStorageServer(t);
    const preflight = await open.call('OPTIONS', '/v1/artifacts/a/chunks/0', { headers: { origin: 'https://portal.example', 'access-control-request-method': 'PUT' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);

    const closed = await startStorageServer(t, { allowedOrigins: ['https://portal.example'] });
    const token = closed.storageToken('*', 'office');
    const allowed = await closed.call('GET', '/v1/artifacts?callId=c', { token, headers: { origin: 'https://portal.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://portal.example');
    assert.equal((await closed.call('GET', '/v1/artifacts?callId=c', { token, headers: { origin: 'https://evil.example' } })).status, 403);
    assert.equal((await closed.call('OPTIONS', '/v1/artifacts', { headers: { origin: 'https://evil.example' } })).status, 403);
    assert.equal((await closed.call('GET', '/v1/artifacts?callId=c', { token })).status, 200, 'a request without Origin (a back end) is not a browser');
  });

  it('logs one line per request with op, role, status and code, never tokens or personal data', async (t) => {
    const h = await startStorageServer(t);
    const agent = h.storageToken('call-1', 'agent');
    const office = h.storageToken('*', 'office');
    const input = newArtifact({ subjectId: 'SUBJECT-MARKER-42', consentRef: 'CONSENT-MARKER' });
    await h.call('POST', '/v1/artifacts', { token: h.storageToken('call-1', 'agent', undefined, { dataSubject: input.subjectId }), json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'x' });
    await h.call('GET', `/v1/artifacts?subjectId=${input.subjectId}`, { token: office });
    await h.call('GET', `/v1/artifacts?subjectId=${input.subjectId}`, { token: agent });
    await h.call('GET', path(input.id), { token: 'forged.token' });
    const entries = h.logs.filter((e) => e.event === 'storage');
    assert.deepEqual(
      entries.map(({ op, role, room, status, code, artifactId }) => ({ op, role, room, status, code, artifactId })),
      [
        { op: 'begin', role: 'agent', room: 'call-1', status: 201, code: undefined, artifactId: input.id },
        { op: 'append', role: 'agent', room: 'call-1', status: 201, code: undefined, artifactId: input.id },
        { op: 'list-by-subject', role: 'office', room: undefined, status: 200, code: undefined, artifactId: undefined },
        { op: 'list-by-subject', role: 'agent', room: 'call-1', status: 403, code: 'FORBIDDEN', artifactId: undefined },
        { op: 'metadata', role: undefined, room: undefined, status: 401, code: 'TOKEN_INVALID', artifactId: input.id },
      ],
    );
    assert.deepEqual(entries.map((e) => e.level), ['info', 'info', 'info', 'warn', 'warn']);
    const text = JSON.stringify(h.logs);
    for (const secret of ['SUBJECT-MARKER', 'CONSENT-MARKER', agent, office, 'forged.token', input.encryption.wrappedKey ?? '']) {
      assert.ok(!text.includes(secret), secret);
    }
  });
});
