import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { createRoomToken, createStorageToken, SealcallServerError, type StorageRole } from '../src/index.js';
import { signHs256 } from '../src/tokens/jwt.js';
import { SECRET } from './helpers.js';
import { DAY, filesUnder, newArtifact, path, stamped, startStorageServer, SUBJECT } from './storage-helpers.js';

const NOW = Date.UTC(2030, 0, 1);

function signed(claims: object, secret = SECRET): string {
  return signHs256(new TextEncoder().encode(secret), claims);
}

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (error) => error instanceof SealcallServerError && error.code === code);
}

describe('storage tokens', () => {
  it('createStorageToken signs a JWT for the storage audience with a room, a role, a subject, a data subject and a jti', () => {
    const token = createStorageToken({ secret: SECRET, subject: 'test-user', dataSubject: SUBJECT, room: 'call-1', role: 'customer', ttlSeconds: 90, now: () => NOW });
    const payload = decodeJwt(token);
    assert.deepEqual(Object.keys(payload).sort(), ['aud', 'dsub', 'exp', 'iat', 'iss', 'jti', 'role', 'room', 'sub']);
    assert.equal(payload.dsub, SUBJECT);
    assert.equal(payload.aud, 'sealcall-storage');
    assert.equal(payload.exp, NOW / 1000 + 90);
    assert.match(String(payload.jti), /^[A-Za-z0-9_-]{22}$/);
    assert.ok(createStorageToken({ secret: SECRET, subject: 'test-user', room: '*', role: 'office' }));
    assert.ok(createStorageToken({ secret: SECRET, subject: 'test-user', room: 'any-call', role: 'office' }));
  });

  it('createStorageToken refuses bad roles, rooms, ttls and secrets', () => {
    throwsCode(() => createStorageToken({ secret: SECRET, subject: 'test-user', room: 'r', role: 'admin' as StorageRole }), 'OPTION_INVALID');
    throwsCode(() => createStorageToken({ secret: SECRET, subject: 'test-user', room: '*', role: 'agent' }), 'ROOM_ID_INVALID');
    throwsCode(() => createStorageToken({ secret: SECRET, subject: 'test-user', dataSubject: '', room: 'r', role: 'agent' }), 'OPTION_INVALID');
    throwsCode(() => createStorageToken({ secret: SECRET, subject: 'test-user', room: 'a/b', role: 'customer' }), 'ROOM_ID_INVALID');
    throwsCode(() => createStorageToken({ secret: SECRET, subject: 'test-user', room: 'r', role: 'agent', ttlSeconds: 0 }), 'OPTION_INVALID');
    throwsCode(() => createStorageToken({ secret: 'short', subject: 'test-user', room: 'r', role: 'agent' }), 'SECRET_TOO_SHORT');
  });

  it('are refused by signaling, and room tokens are refused by storage', async (t) => {
    const h = await startStorageServer(t);
    const client = await h.connect('call-1');
    assert.deepEqual(await client.refused(h.storageToken('call-1', 'agent')), { code: 'TOKEN_INVALID', closeCode: 4401 });
    const answer = await h.call('GET', '/v1/artifacts?callId=call-1', { token: createRoomToken({ secret: SECRET, subject: 'test-user', room: 'call-1', role: 'agent' }) });
    assert.equal(answer.status, 401);
    assert.equal((answer.json as { error: { code: string } }).error.code, 'STORAGE_UNAUTHORIZED');
  });

  it('refuses missing, malformed, forged, altered and expired tokens with 401 before touching the disk', async (t) => {
    let now = NOW;
    const h = await startStorageServer(t, { now: () => now });
    const valid = h.storageToken('call-1', 'agent', 60);
    const claims = { iss: 'sealcall', aud: 'sealcall-storage', sub: 'agent-1', dsub: SUBJECT, room: 'call-1', role: 'agent', iat: NOW / 1000, exp: NOW / 1000 + 60, jti: 'AAAAAAAAAAAAAAAAAAAAAA' };
    const before = await filesUnder(h.dir);
    const refusals: Array<[string, Record<string, string>]> = [
      ['no header', {}],
      ['basic', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['garbage', { authorization: 'Bearer not-a-token' }],
      ['forged', { authorization: `Bearer ${signed(claims, 'another-secret-that-is-long-enough-000000')}` }],
      ['altered', { authorization: `Bearer ${valid.split('.')[0]}.${signed({ ...claims, role: 'office' }).split('.')[1]}.${valid.split('.')[2]}` }],
      ['an agent for every room', { authorization: `Bearer ${signed({ ...claims, role: 'agent', room: '*' })}` }],
      ['a room token', { authorization: `Bearer ${signed({ ...claims, aud: 'sealcall-room' })}` }],
      ['alg none', { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${valid.split('.')[1]}.` }],
    ];
    for (const [what, headers] of refusals) {
      const answer = await h.call('POST', '/v1/artifacts', { json: newArtifact({ expiresAt: NOW + DAY }), headers });
      assert.equal(answer.status, 401, what);
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
      assert.equal((answer.json as { error: { code: string } }).error.code, 'STORAGE_UNAUTHORIZED', what);
    }
    assert.equal((await h.call('POST', '/v1/artifacts', { json: newArtifact({ expiresAt: NOW + DAY }), token: signed(claims) })).status, 201);
    now = NOW + 121_000;
    const expired = await h.call('POST', '/v1/artifacts', { json: newArtifact({ expiresAt: NOW + DAY }), token: valid });
    assert.equal(expired.status, 401);
    assert.match((expired.json as { error: { message: string } }).error.message, /expired/);
    assert.deepEqual(await filesUnder(h.dir), before, 'nothing on disk: the refused requests wrote nothing, and a begin only a row');
  });

  it('refuses by role and call before anything is written or any content read', async (t) => {
    const now = Date.now();
    const h = await startStorageServer(t, { now: () => now });
    const agent = h.storageToken('call-1', 'agent');
    const input = newArtifact();
    await h.call('POST', '/v1/artifacts', { token: agent, json: input });
    await h.call('PUT', path(input.id, '/chunks/0'), { token: agent, body: 'a' });
    const before = await filesUnder(h.dir);
    const stranger = h.storageToken('call-2', 'agent');
    assert.equal((await h.call('POST', '/v1/artifacts', { token: stranger, json: newArtifact() })).status, 403);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: stranger, body: 'b' })).status, 403);
    assert.equal((await h.call('PUT', path(input.id, '/chunks/1'), { token: h.storageToken('*', 'office'), body: 'b' })).status, 403);
    assert.equal((await h.call('PATCH', path(input.id), { token: stranger, json: { expiresAt: 1 } })).status, 403);
    assert.equal((await h.call('DELETE', path(input.id), { token: h.storageToken('call-1', 'customer') })).status, 403);
    assert.equal((await h.call('POST', path(input.id, '/finish'), { token: stranger })).status, 403);
    assert.deepEqual(await filesUnder(h.dir), before);
    assert.deepEqual((await h.call('GET', path(input.id), { token: agent })).json, stamped(input, now, { size: 1, chunkCount: 1 }));
  });
});
