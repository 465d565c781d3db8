import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArtifactRecord } from '../src/storage/types.js';
import { DAY, filesUnder, newArtifact, path, startStorageServer } from './storage-helpers.js';

const NOW = Date.UTC(2030, 0, 1);

function errorOf(answer: { json: unknown }): { code: string; message: string } {
  return (answer.json as { error: { code: string; message: string } }).error;
}

describe('the server stamps what it stores', () => {
  it('takes the creation time from its own clock and keeps an artifact no longer than its kind allows, or shorter if asked', async (t) => {
    const h = await startStorageServer(t, { now: () => NOW, storage: { retentionDays: { picture: 30 } } });
    const customer = h.storageToken('call-1', 'customer');
    const begin = async (fields: Parameters<typeof newArtifact>[0]) =>
      (await h.call('POST', '/v1/artifacts', { token: customer, json: newArtifact(fields) })).json as ArtifactRecord;

    const backdated = await begin({ kind: 'picture', mimeType: 'image/jpeg', createdAt: 0, expiresAt: NOW + 3650 * DAY });
    assert.equal(backdated.createdAt, NOW, 'created now, not at 0');
    assert.equal(backdated.expiresAt, NOW + 30 * DAY, 'the configured 30 days for pictures, not ten years');
    assert.equal((await begin({ createdAt: NOW + 99 * DAY, expiresAt: NOW + 9999 * DAY })).expiresAt, NOW + 90 * DAY, 'recordings: the default 90 days');
    assert.equal((await begin({ kind: 'consent', consentRef: null, expiresAt: NOW + 9999 * DAY })).expiresAt, NOW + 6 * 365 * DAY, 'consent records: six years');
    assert.equal((await begin({ expiresAt: NOW + 2 * DAY })).expiresAt, NOW + 2 * DAY, 'a shorter life, as asked');
    assert.equal((await begin({ expiresAt: NOW })).expiresAt, NOW);

    const past = await h.call('POST', '/v1/artifacts', { token: customer, json: newArtifact({ createdAt: 0, expiresAt: NOW - 1 }) });
    assert.equal(past.status, 400);
    assert.match(errorOf(past).message, /past already by the server's clock/);
  });

  it('stores artifacts under the call and the data subject of the token, and refuses a body that names others', async (t) => {
    const h = await startStorageServer(t, { now: () => NOW });
    const subject = `subject-${crypto.randomUUID()}`;
    const customer = h.storageToken('call-1', 'customer', undefined, { dataSubject: subject });
    const artifact = (fields: Parameters<typeof newArtifact>[0] = {}) => newArtifact({ subjectId: subject, expiresAt: NOW + DAY, ...fields });
    const before = await filesUnder(h.dir);
    const someoneElse = await h.call('POST', '/v1/artifacts', { token: customer, json: artifact({ subjectId: 'subject-of-another-customer' }) });
    assert.equal(someoneElse.status, 403);
    assert.match(errorOf(someoneElse).message, /another data subject/);
    assert.equal((await h.call('POST', '/v1/artifacts', { token: customer, json: artifact({ callId: 'call-2' }) })).status, 403, 'another call');

    const withheld = h.storageToken('call-1', 'customer', undefined, { dataSubject: undefined });
    const named = await h.call('POST', '/v1/artifacts', { token: withheld, json: artifact() });
    assert.equal(named.status, 403, 'a token without dsub cannot name a subject');
    assert.match(errorOf(named).message, /"subjectId": "withheld"/);
    const office = h.storageToken('*', 'office');
    const listed = (await h.call('GET', `/v1/artifacts?subjectId=${subject}`, { token: office })).json as { artifacts: unknown[] };
    assert.deepEqual(listed.artifacts, [], 'nothing was stored for the subject');
    assert.deepEqual(await filesUnder(h.dir), before);

    const kept = artifact({ subjectId: 'withheld' });
    assert.equal((await h.call('POST', '/v1/artifacts', { token: withheld, json: kept })).status, 201);
    assert.equal(((await h.call('GET', path(kept.id), { token: office })).json as ArtifactRecord).subjectId, 'withheld');
  });

  it('serves an expired artifact to nobody: its call no longer sees it, the office sees only its metadata, and it can still be erased', async (t) => {
    let now = NOW;
    const h = await startStorageServer(t, { now: () => now });
    const [call, subject] = [`call-${crypto.randomUUID()}`, `subject-${crypto.randomUUID()}`];
    const tokenOfAgent = () => h.storageToken(call, 'agent', undefined, { dataSubject: subject });
    let agent = tokenOfAgent();
    const input = newArtifact({ callId: call, subjectId: subject, expiresAt: NOW + DAY });
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'x' });
    now = NOW + DAY;
    agent = tokenOfAgent();
    assert.equal((await h.call('GET', path(input.id, '/chunks/0'), { token: agent })).status, 200, 'still served at its last millisecond');

    now = NOW + DAY + 1;
    agent = tokenOfAgent();
    const office = h.storageToken('*', 'office');
    const ids = async (query: string, token: string) => ((await h.call('GET', `/v1/artifacts?${query}`, { token })).json as { artifacts: ArtifactRecord[] }).artifacts.map((a) => a.id);
    const content = await h.call('GET', path(input.id, '/chunks/0'), { token: agent });
    assert.equal(content.status, 404);
    assert.match(errorOf(content).message, /expired at 2030-01-02T00:00:00.000Z/);
    assert.equal((await h.call('GET', path(input.id), { token: agent })).status, 404);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: agent, body: 'y' })).status, 404);
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: agent })).status, 404);
    assert.equal((await h.call('PATCH', path(input.id), { token: agent, json: {} })).status, 404);
    assert.deepEqual(await ids(`callId=${call}`, agent), []);

    assert.equal((await h.call('GET', path(input.id, '/chunks/0'), { token: office })).status, 404, 'not its content, to the office either');
    assert.equal((await h.call('GET', path(input.id), { token: office })).status, 200);
    assert.deepEqual(await ids(`callId=${call}`, office), [input.id]);
    assert.deepEqual(await ids(`subjectId=${subject}`, office), [input.id]);
    assert.ok((await ids(`expiredBefore=${now}`, office)).includes(input.id));

    assert.equal((await h.call('DELETE', path(input.id), { token: agent })).status, 204);
    assert.equal((await h.call('GET', path(input.id), { token: office })).status, 404, 'erased by its owner');
  });
});
