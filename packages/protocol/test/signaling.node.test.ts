import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINAL_CLOSE_CODES, nestedDeeperThan, parseClientMessage, parseServerMessage, roomFromPath, roomPath } from '../src/index.js';

function reason(parsed: { ok: boolean; reason?: string }): string {
  assert.equal(parsed.ok, false);
  return parsed.reason ?? '';
}

describe('client messages', () => {
  it('accepts each kind, rebuilt: fields the schema does not know are dropped', () => {
    assert.deepEqual(parseClientMessage({ type: 'join', token: 'a.b.c', admitted: true }), { ok: true, value: { type: 'join', token: 'a.b.c' } });
    assert.deepEqual(parseClientMessage({ type: 'admit', participantId: 'p1' }), { ok: true, value: { type: 'admit', participantId: 'p1' } });
    assert.deepEqual(parseClientMessage({ type: 'signal', data: { kind: 'offer' } }), { ok: true, value: { type: 'signal', data: { kind: 'offer' } } });
    assert.deepEqual(parseClientMessage({ type: 'leave', extra: 1 }), { ok: true, value: { type: 'leave' } });
  });

  it('says what is wrong: the type, the field and what it got', () => {
    assert.match(reason(parseClientMessage({ type: 'shout' })), /known string "type"/);
    assert.match(reason(parseClientMessage('join')), /known string "type"/);
    assert.match(reason(parseClientMessage({ type: 'join', token: 'x'.repeat(2049) })), /"token" expected a string of 1\.\.2048 characters, got length=2049/);
    assert.match(reason(parseClientMessage({ type: 'join', token: '' })), /"token" expected .*empty/);
    assert.match(reason(parseClientMessage({ type: 'join', token: 42 })), /"token" expected a string/);
    assert.match(reason(parseClientMessage({ type: 'reject' })), /"participantId" is missing/);
    assert.match(reason(parseClientMessage({ type: 'signal', data: [1, 2] })), /"data" expected a JSON object/);
    assert.match(reason(parseClientMessage({ type: 'signal', data: null })), /"data" expected a JSON object/);
  });
});

describe('server messages', () => {
  it('accepts what the server sends, and an error code this client does not know', () => {
    const peer = { participantId: 'p2', role: 'agent' };
    assert.equal(parseServerMessage({ type: 'joined', participantId: 'p1', role: 'customer', resumeToken: 't', admitted: false, peer: null }).ok, true);
    assert.equal(parseServerMessage({ type: 'admitted', resumeToken: 't', peer }).ok, true);
    assert.equal(parseServerMessage({ type: 'peer-left', participantId: 'p2', reason: 'timeout' }).ok, true);
    assert.equal(parseServerMessage({ type: 'error', code: 'SOMETHING_NEW', message: 'a newer server' }).ok, true);
  });

  it('refuses a bad shape', () => {
    assert.match(reason(parseServerMessage({ type: 'joined', participantId: 'p1', role: 'boss', resumeToken: 't', admitted: false, peer: null })), /"role"/);
    assert.match(reason(parseServerMessage({ type: 'admitted', resumeToken: 't', peer: { participantId: 'p2' } })), /"role"/);
    assert.match(reason(parseServerMessage({ type: 'peer-left', participantId: 'p2', reason: 'vanished' })), /"reason"/);
    assert.match(reason(parseServerMessage({ type: 'error', code: 'X', message: 'm'.repeat(1025) })), /"message"/);
  });
});

describe('paths, depth and close codes', () => {
  it('round-trips room paths and refuses others', () => {
    assert.equal(roomFromPath(roomPath('claim-42')), 'claim-42');
    for (const path of ['/v1/rooms/', '/v1/rooms/a/b', '/v1/rooms/a%2Fb', '/v2/rooms/a', `/v1/rooms/${'a'.repeat(65)}`]) assert.equal(roomFromPath(path), null, path);
  });

  it('measures nesting without recursion, however deep', () => {
    const nested = (levels: number) => JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels)) as unknown;
    assert.equal(nestedDeeperThan(nested(32)), false);
    assert.equal(nestedDeeperThan(nested(33)), true);
    assert.equal(nestedDeeperThan(nested(100_000)), true);
  });

  it('names the close codes after which reconnecting cannot help', () => {
    assert.deepEqual([...FINAL_CLOSE_CODES].sort(), [1000, 4000, 4401, 4403, 4409, 4429]);
  });
});
