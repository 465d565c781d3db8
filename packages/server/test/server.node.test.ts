import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { createServer, SealcallServerError, type Database } from '../src/index.js';
import { testDatabase } from './database.js';
import { httpUrl, SECRET, startServer, upgradeStatus } from './helpers.js';

describe('server', () => {
  it('GET /healthz says "ok" and nothing else; other paths are 404', async (t) => {
    const h = await startServer(t);
    const client = await h.connect('r');
    await client.join(h.token('r', 'agent'));

    const res = await fetch(httpUrl(h, '/healthz'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.deepEqual(await res.json(), { status: 'ok' }, 'no room or connection counts for whoever asks');
    assert.deepEqual(h.server.stats, { rooms: 1, connections: 1 }, 'they are for the host, through the API');

    assert.equal((await fetch(httpUrl(h, '/'))).status, 404);
    assert.equal((await fetch(httpUrl(h, '/v1/rooms/r'))).status, 404);
    assert.equal((await fetch(httpUrl(h, '/healthz'), { method: 'POST' })).status, 405);
    assert.equal((await fetch(httpUrl(h, '/v1/audit/keys'), { method: 'POST' })).status, 405);
  });

  it('GET /v1/time gives the server clock to any origin, never cached', async (t) => {
    const h = await startServer(t, { now: () => 1_800_000_000_123 });
    const res = await fetch(httpUrl(h, '/v1/time'), { headers: { origin: 'https://portal.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), { now: 1_800_000_000_123 });
    assert.equal((await fetch(httpUrl(h, '/v1/time'), { method: 'POST' })).status, 405);
  });

  it('refuses more WebSockets from one address than allowed with 429, and counts closed ones out', async (t) => {
    const h = await startServer(t, { maxConnectionsPerAddress: 2 });
    const first = await h.connect('r');
    await h.connect('r');
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`), 429);
    first.ws.close();
    await first.closed;
    await h.waitForLog((entry) => entry.event === 'closed');
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`), 101);
  });

  it('cuts off a client that sends its upgrade headers too slowly', async (t) => {
    const h = await startServer(t, { handshakeTimeoutMs: 300 });
    const socket = connectTcp(h.port);
    t.after(() => socket.destroy());
    await once(socket, 'connect');
    socket.write('GET /v1/rooms/r HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
    const started = Date.now();
    const [response] = await Promise.all([text(socket), once(socket, 'close')]);
    assert.match(response, /^HTTP\/1\.1 408/);
    assert.ok(Date.now() - started < 5000, `cut after ${Date.now() - started} ms`);
  });

  it('refuses upgrades on any path but /v1/rooms/<roomId> with 404', async (t) => {
    const h = await startServer(t);
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`), 101);
    for (const path of ['/', '/healthz', '/v1/rooms/', '/v1/rooms/a/b', '/v1/rooms/bad%20id', `/v1/rooms/${'a'.repeat(65)}`]) {
      assert.equal(await upgradeStatus(h.url + path), 404, path);
    }
  });

  it('refuses upgrades from origins that are not allowed with 403', async (t) => {
    const h = await startServer(t, { allowedOrigins: ['https://portal.example'] });
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`, { origin: 'https://portal.example' }), 101);
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`, { origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(`${h.url}/v1/rooms/r`), 403);
    const client = await h.connect('r', { origin: 'https://portal.example' });
    assert.equal((await client.join(h.token('r', 'agent'))).role, 'agent');
  });

  it('closes a socket that does not join in time with 4408', async (t) => {
    const h = await startServer(t, { joinTimeoutMs: 50 });
    const client = await h.connect('r');
    assert.equal((await client.next('error')).code, 'JOIN_TIMEOUT');
    assert.equal((await client.closed).code, 4408);
  });

  it('close() sends 1001 to every socket and resolves; stats go to zero', async (t) => {
    const h = await startServer(t);
    const joined = await h.connect('r');
    await joined.join(h.token('r', 'agent'));
    const lurker = await h.connect('r');
    await h.server.close();
    assert.deepEqual(await joined.closed, { code: 1001, reason: 'server shutting down' });
    assert.equal((await lurker.closed).code, 1001);
    assert.deepEqual(h.server.stats, { rooms: 0, connections: 0 });
    await assert.rejects(fetch(httpUrl(h, '/healthz')));
    await h.server.close();
    assert.equal(h.logs.at(-1)?.event, 'shutdown');
  });

  it('logs one structured entry per event and never a token, signal data or address', async (t) => {
    const h = await startServer(t);
    const agentToken = h.token('r', 'agent');
    const customerToken = h.token('r', 'customer');
    const agent = await h.connect('r');
    const agentJoined = await agent.join(agentToken);
    const customer = await h.connect('r');
    const customerJoined = await customer.join(customerToken);
    await agent.next('knock');
    agent.send({ type: 'admit', participantId: customerJoined.participantId });
    const { resumeToken } = await customer.next('admitted');
    await customer.next('peer-joined');
    await agent.next('peer-joined');
    customer.send({ type: 'signal', data: { sdp: 'v=0 a=fingerprint:sha-256 SECRET-SDP-MARKER' } });
    await agent.next('signal');
    customer.send('{"type":"signal","data":"BODY-MARKER"}');
    await customer.next('error');
    const intruder = await h.connect('r');
    await intruder.refused(`${customerToken}x`);
    customer.send({ type: 'leave' });
    await customer.closed;
    await h.server.close();

    const events = h.logs.map((entry) => entry.event);
    for (const event of ['listening', 'join', 'knock', 'admit', 'bad-message', 'refused', 'leave', 'closed', 'shutdown']) {
      assert.ok(events.includes(event as never), `missing ${event}`);
    }
    for (const entry of h.logs) {
      assert.equal(typeof entry.ts, 'string');
      assert.ok(['info', 'warn', 'error'].includes(entry.level));
    }
    const text = JSON.stringify(h.logs);
    for (const secret of [agentToken, customerToken, agentJoined.resumeToken, customerJoined.resumeToken, resumeToken]) {
      assert.ok(!text.includes(secret), 'a token was logged');
      assert.ok(!text.includes(secret.split('.')[1] ?? ''), 'a token signature was logged');
    }
    for (const marker of ['SECRET-SDP-MARKER', 'fingerprint', 'BODY-MARKER', 'sdp']) {
      assert.ok(!text.includes(marker), `"${marker}" was logged`);
    }
    assert.equal(h.logs.find((entry) => entry.event === 'listening')?.url, h.url);
    const clientSide = JSON.stringify(h.logs.filter((entry) => entry.event !== 'listening'));
    assert.ok(!clientSide.includes('127.0.0.1'), 'an address was logged');
  });

  it('validates its options', async () => {
    const database = await testDatabase();
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof SealcallServerError ? error.code : 'other';
      }
      return 'none';
    };
    const options = { secret: SECRET, database };
    assert.equal(code(() => createServer({ ...options, secret: 'too short' })), 'SECRET_TOO_SHORT');
    assert.equal(code(() => createServer({ ...options, secret: new Uint8Array(16) })), 'SECRET_TOO_SHORT');
    assert.equal(code(() => createServer({ ...options, port: 70_000 })), 'OPTION_INVALID');
    assert.equal(code(() => createServer({ ...options, maxPayloadBytes: 0 })), 'OPTION_INVALID');
    assert.equal(code(() => createServer({ ...options, rateLimit: { messagesPerSecond: 0, burst: 1 } })), 'OPTION_INVALID');
    assert.equal(code(() => createServer({ ...options, rateLimit: { messagesPerSecond: 1, burst: 0 } })), 'OPTION_INVALID');
    assert.equal(code(() => createServer({ ...options, database: {} as Database })), 'OPTION_INVALID');
    assert.equal(code(() => createServer(options)), 'none');
  });
});

/** Everything the server writes to `socket` until it closes. */
function text(socket: Socket): Promise<string> {
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
}
