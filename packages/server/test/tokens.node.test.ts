import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { createRoomToken, SealcallServerError } from '../src/index.js';
import { ANY_CALL } from '@sealcall/protocol';
import { verifyStorageToken } from '../src/storage/storage-token.js';
import { resolveTokenKeys } from '../src/tokens/keys.js';
import { verifyJoinToken } from '../src/tokens/room-token.js';
import { SECRET, startServer } from './helpers.js';

const NOW = Date.UTC(2030, 0, 1);
const NOW_S = NOW / 1000;
const HS256 = resolveTokenKeys({ secret: SECRET });

/** What an integrator's back end puts in a room token (docs/protocol.md), valid at NOW. */
function roomClaims(extra: JWTPayload = {}): JWTPayload {
  return { iss: 'sealcall', aud: 'sealcall-room', sub: 'customer-7', room: 'claim-42', role: 'customer', iat: NOW_S, exp: NOW_S + 600, jti: 'a2b4c6d8e0f2a4b6c8d0e2f4', ...extra };
}

/** Signed with an ordinary JWT library, as a back end in any language would. */
function hs256(claims: JWTPayload, secret: string = SECRET, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(new TextEncoder().encode(secret));
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function refused(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof SealcallServerError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

async function keyPair(alg: 'EdDSA' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateKey, jwk, sign: (claims: JWTPayload, header: Record<string, unknown> = {}) => new SignJWT(claims).setProtectedHeader({ alg, kid, ...header }).sign(privateKey) };
}

describe('room tokens', () => {
  it('createRoomToken makes a standard HS256 JWT with the documented claims', async () => {
    const token = createRoomToken({ secret: SECRET, room: 'claim-42', role: 'agent', subject: 'staff-3', tenant: 'acme', ttlSeconds: 90, now: () => NOW });
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(Object.keys(payload!).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'role', 'room', 'sub', 'tid']);
    const { claims } = await verifyJoinToken(HS256, token, NOW);
    assert.deepEqual({ ...claims, jti: undefined }, { iss: 'sealcall', aud: 'sealcall-room', sub: 'staff-3', tid: 'acme', room: 'claim-42', role: 'agent', iat: NOW_S, exp: NOW_S + 90, jti: undefined });
    assert.match(claims.jti, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(createRoomToken({ secret: SECRET, room: 'claim-42', role: 'agent', subject: 'staff-3' }), token, 'every token has its own jti');
  });

  it('accepts a token minted from the claims table alone with an ordinary JWT library; no tid is the default tenant', async () => {
    const { claims } = await verifyJoinToken(HS256, await hs256(roomClaims({ jti: crypto.randomUUID() })), NOW);
    assert.equal(claims.tid, 'default');
    assert.equal(claims.sub, 'customer-7');
  });

  it('refuses alg "none", whatever the payload says', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      await refused(verifyJoinToken(HS256, `${encode({ alg, typ: 'JWT' })}.${encode(roomClaims())}.`, NOW), 'TOKEN_INVALID');
    }
  });

  it('refuses another secret, a tampered payload, and malformed tokens', async () => {
    await refused(verifyJoinToken(HS256, await hs256(roomClaims(), 'another-secret-that-is-long-enough-000'), NOW), 'TOKEN_INVALID', /signature/);
    const [header, , signature] = (await hs256(roomClaims())).split('.');
    await refused(verifyJoinToken(HS256, `${header}.${encode(roomClaims({ role: 'agent' }))}.${signature}`, NOW), 'TOKEN_INVALID');
    for (const token of ['', '.', 'abc', 'a.b', 'a.b.c', '..', `${'x'.repeat(5000)}.y.z`, 42, null]) {
      await refused(verifyJoinToken(HS256, token, NOW), 'TOKEN_INVALID');
    }
  });

  it('times: nbf in the future, exp past, and only ±60 s of skew', async () => {
    const at = (claims: JWTPayload) => hs256(roomClaims(claims));
    assert.ok(await verifyJoinToken(HS256, await at({ nbf: NOW_S + 50 }), NOW), 'nbf within the skew');
    await refused(verifyJoinToken(HS256, await at({ nbf: NOW_S + 61 }), NOW), 'TOKEN_INVALID', /"nbf" is in the future/);
    assert.ok(await verifyJoinToken(HS256, await at({ iat: NOW_S - 600, exp: NOW_S - 50 }), NOW), 'exp within the skew');
    await refused(verifyJoinToken(HS256, await at({ iat: NOW_S - 600, exp: NOW_S - 60 }), NOW), 'TOKEN_EXPIRED');
    await refused(verifyJoinToken(HS256, await at({ iat: NOW_S + 120, exp: NOW_S + 600 }), NOW), 'TOKEN_INVALID', /"iat"/);
  });

  it('refuses a token that lives longer than the maximum, or lacks a time', async () => {
    await refused(verifyJoinToken(HS256, await hs256(roomClaims({ exp: NOW_S + 24 * 3600 + 1 })), NOW), 'TOKEN_INVALID', /lives 86401 s/);
    await refused(verifyJoinToken(HS256, await hs256(roomClaims({ iat: NOW_S, exp: 32503680000 })), NOW), 'TOKEN_INVALID', /lives/);
    const shortLived = resolveTokenKeys({ secret: SECRET, maxTokenLifetimeSeconds: 300 });
    await refused(verifyJoinToken(shortLived, await hs256(roomClaims()), NOW), 'TOKEN_INVALID', /at most 300 s|most this server accepts is 300/);
    for (const claim of ['iat', 'exp', 'sub', 'jti'] as const) {
      await refused(verifyJoinToken(HS256, await hs256(roomClaims({ [claim]: undefined })), NOW), 'TOKEN_INVALID', new RegExp(`"${claim}"`));
    }
  });

  it('refuses a wrong audience or issuer: a storage token is no room token', async () => {
    await refused(verifyJoinToken(HS256, await hs256(roomClaims({ aud: 'sealcall-storage' })), NOW), 'TOKEN_INVALID', /"aud"/);
    await refused(verifyJoinToken(HS256, await hs256(roomClaims({ aud: undefined })), NOW), 'TOKEN_INVALID', /"aud" is missing/);
    await refused(verifyJoinToken(HS256, await hs256(roomClaims({ iss: 'someone-else' })), NOW), 'TOKEN_INVALID', /"iss"/);
    const ours = resolveTokenKeys({ secret: SECRET, tokenIssuer: 'https://claims.insurer.example' });
    await refused(verifyJoinToken(ours, await hs256(roomClaims()), NOW), 'TOKEN_INVALID', /"iss"/);
    assert.ok(await verifyJoinToken(ours, await hs256(roomClaims({ iss: 'https://claims.insurer.example' })), NOW));
    await refused(verifyStorageToken(HS256, await hs256(roomClaims()), NOW), 'TOKEN_INVALID', /"aud"/);
  });

  it('refuses well-signed claims of the wrong shape', async () => {
    const bad: JWTPayload[] = [
      { room: 'no spaces allowed' },
      { room: undefined },
      { role: 'supervisor' },
      { jti: 'short' },
      { sub: '' },
      { sub: 'x'.repeat(257) },
      { tid: 'a/b' },
      { tid: 7 },
      { aud: 'sealcall-resume' },
    ];
    for (const claims of bad) await refused(verifyJoinToken(HS256, await hs256(roomClaims(claims)), NOW), 'TOKEN_INVALID');
  });

  it('createRoomToken validates its inputs', () => {
    const throwsCode = (fn: () => unknown, code: string) => assert.throws(fn, (error) => error instanceof SealcallServerError && error.code === code);
    throwsCode(() => createRoomToken({ secret: 'x'.repeat(31), subject: 's', room: 'r', role: 'agent' }), 'SECRET_TOO_SHORT');
    throwsCode(() => createRoomToken({ secret: new Uint8Array(31), subject: 's', room: 'r', role: 'agent' }), 'SECRET_TOO_SHORT');
    for (const room of ['', 'a'.repeat(65), 'a/b', 'ünïcode']) {
      throwsCode(() => createRoomToken({ secret: SECRET, subject: 's', room, role: 'agent' }), 'ROOM_ID_INVALID');
    }
    for (const ttlSeconds of [0, -1, 1.5, Number.NaN]) {
      throwsCode(() => createRoomToken({ secret: SECRET, subject: 's', room: 'r', role: 'agent', ttlSeconds }), 'OPTION_INVALID');
    }
    throwsCode(() => createRoomToken({ secret: SECRET, subject: 's', room: 'r', role: 'boss' as 'agent' }), 'OPTION_INVALID');
    throwsCode(() => createRoomToken({ secret: SECRET, subject: '', room: 'r', role: 'agent' }), 'OPTION_INVALID');
    throwsCode(() => createRoomToken({ secret: SECRET, subject: 's', tenant: 'a b', room: 'r', role: 'agent' }), 'OPTION_INVALID');
  });
});

describe('tokens signed with a key pair (publicKeys)', () => {
  it('accepts EdDSA and ES256 from the configured keys; then an HS256 room token counts only if the server issued it', async () => {
    const ed = await keyPair('EdDSA', 'backend-2026');
    const ec = await keyPair('ES256', 'backend-p256');
    const keys = resolveTokenKeys({ secret: SECRET, publicKeys: { keys: [ed.jwk, ec.jwk] } });
    assert.equal((await verifyJoinToken(keys, await ed.sign(roomClaims()), NOW)).claims.sub, 'customer-7');
    assert.equal((await verifyJoinToken(keys, await ec.sign(roomClaims()), NOW)).claims.sub, 'customer-7');
    assert.equal((await verifyJoinToken(keys, await ed.sign(roomClaims()), NOW)).mustBeIssuedHere, false);
    assert.equal((await verifyJoinToken(keys, await hs256(roomClaims()), NOW)).mustBeIssuedHere, true);
    assert.equal((await verifyJoinToken(HS256, await hs256(roomClaims()), NOW)).mustBeIssuedHere, false, 'a secret-only server takes them all');
    await refused(verifyStorageToken(keys, await hs256({ ...roomClaims(), aud: 'sealcall-storage' }), NOW), 'TOKEN_INVALID', /EdDSA or ES256/);
  });

  it('HS/RS confusion: an HMAC keyed with the public key is refused', async () => {
    const ed = await keyPair('EdDSA', 'backend-2026');
    const keys = resolveTokenKeys({ secret: SECRET, publicKeys: { keys: [ed.jwk] } });
    for (const material of [JSON.stringify(ed.jwk), ed.jwk.x!, Buffer.from(ed.jwk.x!, 'base64url').toString('latin1')]) {
      const body = `${encode({ alg: 'HS256', kid: 'backend-2026' })}.${encode(roomClaims())}`;
      const forged = `${body}.${createHmac('sha256', material).update(body).digest('base64url')}`;
      await refused(verifyJoinToken(keys, forged, NOW), 'TOKEN_INVALID', /signature/);
    }
  });

  it('the token never picks its key: a kid of nobody, a jku or an embedded jwk of the attacker are refused', async () => {
    const ed = await keyPair('EdDSA', 'backend-2026');
    const attacker = await keyPair('EdDSA', 'backend-2026');
    const keys = resolveTokenKeys({ secret: SECRET, publicKeys: { keys: [ed.jwk] } });
    await refused(verifyJoinToken(keys, await attacker.sign(roomClaims()), NOW), 'TOKEN_INVALID', /signature/);
    await refused(verifyJoinToken(keys, await attacker.sign(roomClaims(), { kid: 'elsewhere' }), NOW), 'TOKEN_INVALID', /no configured public key/);
    await refused(verifyJoinToken(keys, await attacker.sign(roomClaims(), { jku: 'https://attacker.example/jwks.json' }), NOW), 'TOKEN_INVALID');
    await refused(verifyJoinToken(keys, await attacker.sign(roomClaims(), { jwk: attacker.jwk }), NOW), 'TOKEN_INVALID');
    // A secret-only server takes no key pair's word either.
    await refused(verifyJoinToken(HS256, await attacker.sign(roomClaims()), NOW), 'TOKEN_INVALID', /HS256/);
  });

  it('refuses a private, symmetric or RSA key as a public key, at start', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const rsa = await generateKeyPair('RS256');
    const cases: unknown[] = [{ keys: [await exportJWK(privateKey)] }, { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }, { keys: [await exportJWK(rsa.publicKey)] }, { keys: [] }, {}];
    for (const publicKeys of cases) {
      assert.throws(() => resolveTokenKeys({ secret: SECRET, publicKeys: publicKeys as never }), (error) => error instanceof SealcallServerError && error.code === 'OPTION_INVALID');
    }
  });
});

describe('storage tokens', () => {
  it('verify with their own audience; tid defaults to the default tenant', async () => {
    const claims = await verifyStorageToken(HS256, await hs256({ ...roomClaims(), aud: 'sealcall-storage', room: ANY_CALL, role: 'office' }), NOW);
    assert.equal(claims.role, 'office');
    assert.equal(claims.tid, 'default');
    await refused(verifyStorageToken(HS256, await hs256({ ...roomClaims(), aud: 'sealcall-storage', room: ANY_CALL, role: 'agent' }), NOW), 'TOKEN_INVALID', /"room"/);
  });
});

describe('tokens at the server', () => {
  it('tenants are apart: the same room name in two tenants is two rooms', async (t) => {
    const h = await startServer(t);
    const agentA = await h.connect('shared');
    await agentA.join(h.token('shared', 'agent', 600, { tenant: 'acme' }));
    const customerB = await h.connect('shared');
    const joined = await customerB.join(h.token('shared', 'customer', 600, { tenant: 'globex' }));
    assert.equal(joined.peer, null, 'no agent in globex/shared');
    const agentB = await h.connect('shared');
    await agentB.join(h.token('shared', 'agent', 600, { tenant: 'globex' }));
    assert.equal((await agentB.next('knock')).participantId, joined.participantId, 'globex\'s agent hears globex\'s customer');
    agentA.send({ type: 'admit', participantId: joined.participantId });
    assert.equal((await agentA.next('error')).code, 'UNKNOWN_PARTICIPANT', 'acme\'s agent cannot admit globex\'s customer');
  });

  it('with publicKeys, a back end\'s EdDSA token joins, and the resume token the server issued works', async (t) => {
    const ed = await keyPair('EdDSA', 'backend-2026');
    const h = await startServer(t, { publicKeys: { keys: [ed.jwk] } });
    const now = Math.floor(Date.now() / 1000);
    const agent = await h.connect('claim-42');
    const joined = await agent.join(await ed.sign(roomClaims({ role: 'agent', iat: now, exp: now + 600 })));
    const refusedHs = await h.connect('claim-42');
    assert.equal((await refusedHs.refused(h.token('claim-42', 'customer'))).code, 'TOKEN_INVALID');
    agent.ws.terminate();
    await agent.closed;
    const back = await h.connect('claim-42');
    assert.equal((await back.join(joined.resumeToken)).participantId, joined.participantId);
  });

  it('a forged token is refused at join and the socket closed', async (t) => {
    const h = await startServer(t);
    const client = await h.connect('claim-42');
    assert.deepEqual(await client.refused(`${encode({ alg: 'none' })}.${encode(roomClaims({ iat: undefined, exp: undefined }))}.`), { code: 'TOKEN_INVALID', closeCode: 4401 });
  });
});
