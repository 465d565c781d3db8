import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResumeTokenClaims, parseRoomTokenClaims, parseStorageTokenClaims } from '../src/index.js';

const registered = { iss: 'sealcall', sub: 'customer-7', iat: 1_900_000_000, exp: 1_900_003_600, jti: 'a2b4c6d8e0f2a4b6c8d0e2f4' };

function reason(parsed: { ok: boolean; reason?: string }): string {
  assert.equal(parsed.ok, false);
  return parsed.reason ?? '';
}

describe('token claims', () => {
  it('a room token: no tid is the default tenant, and claims nobody knows are dropped', () => {
    const parsed = parseRoomTokenClaims({ ...registered, aud: 'sealcall-room', room: 'claim-42', role: 'customer', admin: true });
    assert.deepEqual(parsed, { ok: true, value: { ...registered, aud: 'sealcall-room', room: 'claim-42', role: 'customer', tid: 'default' } });
  });

  it('says which claim is wrong', () => {
    const room = { ...registered, aud: 'sealcall-room', room: 'claim-42', role: 'customer' };
    assert.match(reason(parseRoomTokenClaims({ ...room, aud: 'sealcall-storage' })), /aud|sealcall-room/);
    assert.match(reason(parseRoomTokenClaims({ ...room, role: 'supervisor' })), /"role" expected 'agent' or 'customer'/);
    assert.match(reason(parseRoomTokenClaims({ ...room, room: 'a b' })), /"room" expected/);
    assert.match(reason(parseRoomTokenClaims({ ...room, jti: 'short' })), /"jti" expected 16\.\.128/);
    assert.match(reason(parseRoomTokenClaims({ ...room, tid: 'a/b' })), /"tid" expected/);
    assert.match(reason(parseRoomTokenClaims({ ...room, sub: '' })), /"sub" expected/);
    assert.match(reason(parseResumeTokenClaims({ ...room, aud: 'sealcall-resume', pid: 'short' })), /"pid" expected/);
  });

  it('a storage token: the office names every call with *, nobody else may', () => {
    const storage = { ...registered, aud: 'sealcall-storage' };
    assert.equal(parseStorageTokenClaims({ ...storage, room: '*', role: 'office' }).ok, true);
    assert.equal(parseStorageTokenClaims({ ...storage, room: 'call-1', role: 'office' }).ok, true);
    assert.match(reason(parseStorageTokenClaims({ ...storage, room: '*', role: 'agent' })), /"room" expected 1\.\.64/);
    assert.match(reason(parseStorageTokenClaims({ ...storage, room: 'a b', role: 'office' })), /"room" expected '\*' or/);
    assert.match(reason(parseStorageTokenClaims({ ...storage, room: 'call-1', role: 'admin' })), /"role" expected 'agent', 'customer' or 'office'/);
  });

  it('a storage token may name the data subject, as a non-empty string', () => {
    const storage = { ...registered, aud: 'sealcall-storage', room: 'call-1', role: 'customer' };
    const parsed = parseStorageTokenClaims({ ...storage, dsub: 'subject-1' });
    assert.equal(parsed.ok && parsed.value.dsub, 'subject-1');
    const without = parseStorageTokenClaims(storage);
    assert.equal(without.ok && without.value.dsub, undefined);
    for (const dsub of ['', 7, 'x'.repeat(257)]) assert.match(reason(parseStorageTokenClaims({ ...storage, dsub })), /"dsub" expected 1\.\.256/);
  });
});
