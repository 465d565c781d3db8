import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createRoomToken, SealcallServerError, verifyToken } from '../src/index.js';
import { SECRET } from './helpers.js';

const NOW = Date.UTC(2030, 0, 1);
const clock = () => NOW;

function signed(payload: unknown, secret = SECRET): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (error) => error instanceof SealcallServerError && error.code === code);
}

const valid = {
  v: 1,
  kind: 'room',
  room: 'claim-42',
  role: 'customer',
  exp: NOW / 1000 + 60,
  jti: 'AAAAAAAAAAAAAAAAAAAAAA',
};

describe('room tokens', () => {
  it('round-trips through verifyToken', () => {
    const token = createRoomToken({ secret: SECRET, room: 'claim-42', role: 'agent', ttlSeconds: 90, now: clock });
    const payload = verifyToken(SECRET, token, NOW);
    assert.equal(payload.v, 1);
    assert.equal(payload.kind, 'room');
    assert.equal(payload.room, 'claim-42');
    assert.equal(payload.role, 'agent');
    assert.equal(payload.exp, NOW / 1000 + 90);
    assert.match(payload.jti, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(createRoomToken({ secret: SECRET, room: 'claim-42', role: 'agent' }), token);
  });

  it('accepts a byte secret and defaults to one hour', () => {
    const secret = new Uint8Array(32).fill(7);
    const token = createRoomToken({ secret, room: 'r', role: 'customer', now: clock });
    assert.equal(verifyToken(secret, token, NOW).exp, NOW / 1000 + 3600);
  });

  it('rejects a forged or altered signature', () => {
    const token = createRoomToken({ secret: SECRET, room: 'r', role: 'customer', now: clock });
    throwsCode(() => verifyToken(`${SECRET}!`, token, NOW), 'TOKEN_INVALID');
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    throwsCode(() => verifyToken(SECRET, token.slice(0, -1) + last, NOW), 'TOKEN_INVALID');
    throwsCode(() => verifyToken(SECRET, signed(valid, 'another-secret-that-is-long-enough-000'), NOW), 'TOKEN_INVALID');
  });

  it('rejects a tampered payload', () => {
    const token = createRoomToken({ secret: SECRET, room: 'r', role: 'customer', now: clock });
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'agent' })).toString('base64url');
    throwsCode(() => verifyToken(SECRET, `${forged}.${signature}`, NOW), 'TOKEN_INVALID');
  });

  it('expires at exp', () => {
    const token = createRoomToken({ secret: SECRET, room: 'r', role: 'agent', ttlSeconds: 60, now: clock });
    assert.equal(verifyToken(SECRET, token, NOW + 59_999).room, 'r');
    throwsCode(() => verifyToken(SECRET, token, NOW + 60_000), 'TOKEN_EXPIRED');
  });

  it('rejects malformed tokens', () => {
    for (const token of ['', '.', 'abc', 'a.b.c', '.sig', `${'x'.repeat(3000)}.y`]) {
      throwsCode(() => verifyToken(SECRET, token, NOW), 'TOKEN_INVALID');
    }
    throwsCode(() => verifyToken(SECRET, 42 as unknown as string, NOW), 'TOKEN_INVALID');
  });

  it('rejects well-signed payloads of the wrong shape or version', () => {
    assert.equal(verifyToken(SECRET, signed(valid), NOW).room, 'claim-42');
    const bad: unknown[] = [
      'not an object',
      null,
      [valid],
      { ...valid, v: 2 },
      { ...valid, kind: 'admin' },
      { ...valid, room: 'no spaces allowed' },
      { ...valid, role: 'supervisor' },
      { ...valid, exp: String(valid.exp) },
      { ...valid, exp: 1.5 },
      { ...valid, jti: 'short' },
      { ...valid, pid: valid.jti },
      { ...valid, kind: 'resume' },
      { ...valid, kind: 'resume', pid: 'short' },
    ];
    for (const payload of bad) {
      throwsCode(() => verifyToken(SECRET, signed(payload), NOW), 'TOKEN_INVALID');
    }
    // What the server does not know is dropped: an old resume token's `admitted` decides nothing.
    const resume = verifyToken(SECRET, signed({ ...valid, kind: 'resume', pid: valid.jti, admitted: true }), NOW);
    assert.deepEqual(resume, { ...valid, kind: 'resume', pid: valid.jti });
  });

  it('validates its inputs', () => {
    throwsCode(() => createRoomToken({ secret: 'x'.repeat(31), room: 'r', role: 'agent' }), 'SECRET_TOO_SHORT');
    throwsCode(() => createRoomToken({ secret: new Uint8Array(31), room: 'r', role: 'agent' }), 'SECRET_TOO_SHORT');
    throwsCode(() => verifyToken('short', 'a.b'), 'SECRET_TOO_SHORT');
    for (const room of ['', 'a'.repeat(65), 'a/b', 'ünïcode']) {
      throwsCode(() => createRoomToken({ secret: SECRET, room, role: 'agent' }), 'ROOM_ID_INVALID');
    }
    assert.throws(
      () => createRoomToken({ secret: SECRET, room: 'a'.repeat(65), role: 'agent' }),
      { message: '"room" expected 1..64 characters of [A-Za-z0-9_-], got length=65' },
    );
    for (const ttlSeconds of [0, -1, 1.5, Number.NaN]) {
      throwsCode(() => createRoomToken({ secret: SECRET, room: 'r', role: 'agent', ttlSeconds }), 'OPTION_INVALID');
    }
    throwsCode(() => createRoomToken({ secret: SECRET, room: 'r', role: 'boss' as 'agent' }), 'OPTION_INVALID');
  });
});
