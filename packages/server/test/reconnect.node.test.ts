import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pair, startServer } from './helpers.js';

describe('reconnecting', () => {
  it('heartbeat terminates a socket that stops answering pings', async (t) => {
    const h = await startServer(t, { heartbeatIntervalMs: 50 });
    const silent = await h.connect('r', { autoPong: false });
    await silent.join(h.token('r', 'agent'));
    const healthy = await h.connect('r');
    await healthy.join(h.token('r', 'customer'));
    assert.equal((await silent.closed).code, 1006);
    assert.ok(h.logs.some((entry) => entry.event === 'heartbeat-timeout' && entry.role === 'agent'));
    assert.equal(healthy.ws.readyState, healthy.ws.OPEN);
  });

  it('spreads its pings over the interval and still terminates every silent socket within two', async (t) => {
    const intervalMs = 1500;
    const h = await startServer(t, { heartbeatIntervalMs: intervalMs, maxConnectionsPerAddress: 100 });
    const healthy = await Promise.all(Array.from({ length: 30 }, (_, i) => h.connect(`healthy-${i}`)));
    const silent = await Promise.all(Array.from({ length: 30 }, (_, i) => h.connect(`silent-${i}`, { autoPong: false })));
    await Promise.all(healthy.map((client, i) => client.join(h.token(`healthy-${i}`, 'agent'))));
    await Promise.all(silent.map((client, i) => client.join(h.token(`silent-${i}`, 'agent'))));
    // Counted per socket, not in a wall-clock window: a loaded machine may run a tick late.
    const pingedAt = healthy.map(() => [] as number[]);
    healthy.forEach((client, i) => client.ws.on('ping', () => pingedAt[i]!.push(performance.now())));

    const since = performance.now();
    await Promise.all(silent.map((client) => client.closed));
    const elapsed = performance.now() - since;
    assert.ok(elapsed < 2 * intervalMs + 500, 'every silent socket is gone within two intervals');
    assert.equal(h.logs.filter((entry) => entry.event === 'heartbeat-timeout').length, silent.length);
    assert.ok(healthy.every((client) => client.ws.readyState === client.ws.OPEN));
    assert.ok(pingedAt.every((times) => times.length >= 1), 'every healthy socket was pinged');
    const mostPerSocket = Math.ceil(elapsed / intervalMs) + 1;
    assert.ok(pingedAt.every((times) => times.length <= mostPerSocket), `no socket pinged more than once an interval (at most ${mostPerSocket})`);
    const firstPings = pingedAt.map((times) => times[0]!);
    assert.ok(Math.max(...firstPings) - Math.min(...firstPings) > intervalMs / 2, 'the pings of one round are spread over the interval');
  });

  it('resumes within the grace period: no peer-left, held signals delivered, relay continues', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    p.customer.ws.terminate();
    await h.waitForLog((entry) => entry.event === 'closed' && entry.participantId === p.customerId);

    p.agent.send({ type: 'signal', data: { candidate: 1 } });
    const customer = await h.connect('r');
    const joined = await customer.join(p.customerResumeToken);
    assert.equal(joined.participantId, p.customerId);
    assert.equal(joined.admitted, true);
    assert.deepEqual(joined.peer, { participantId: p.agentId, role: 'agent' });
    assert.deepEqual(await customer.next('signal'), { type: 'signal', from: p.agentId, data: { candidate: 1 } });

    customer.send({ type: 'signal', data: { candidate: 2 } });
    // The agent's very next message is the signal: it never saw the customer leave or rejoin.
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { candidate: 2 } });
    assert.ok(h.logs.some((entry) => entry.event === 'resume' && entry.participantId === p.customerId));
  });

  it('a newer connection of the same participant replaces the old one with 4000', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    const agent = await h.connect('r');
    await agent.join(p.agentResumeToken);
    assert.deepEqual(await p.agent.closed, { code: 4000, reason: 'replaced' });
    p.customer.send({ type: 'signal', data: { to: 'new socket' } });
    assert.deepEqual(await agent.next('signal'), { type: 'signal', from: p.customerId, data: { to: 'new socket' } });
  });

  it('announces peer-left timeout when the grace period ends', async (t) => {
    const h = await startServer(t, { reconnectGraceMs: 100 });
    const p = await pair(h, 'r');
    p.customer.ws.terminate();
    assert.deepEqual(await p.agent.next('peer-left'), { type: 'peer-left', participantId: p.customerId, reason: 'timeout' });
    p.agent.send({ type: 'signal', data: {} });
    assert.equal((await p.agent.next('error')).code, 'NO_PEER');

    // The resume token still works afterwards: an admitted customer comes straight back in.
    const customer = await h.connect('r');
    const joined = await customer.join(p.customerResumeToken);
    assert.equal(joined.admitted, true);
    await customer.next('peer-joined');
    assert.deepEqual(await p.agent.next('peer-joined'), { type: 'peer-joined', peer: { participantId: p.customerId, role: 'customer' } });
  });

  it('survives a full server restart: both resume, the customer skips the lobby', async (t) => {
    const first = await startServer(t);
    const p = await pair(first, 'r');
    await first.server.close();
    assert.deepEqual(await p.agent.closed, { code: 1001, reason: 'server shutting down' });
    assert.equal((await p.customer.closed).code, 1001);

    const second = await startServer(t, { port: first.port });
    const agent = await second.connect('r');
    const agentJoined = await agent.join(p.agentResumeToken);
    assert.equal(agentJoined.participantId, p.agentId);
    assert.equal(agentJoined.peer, null);

    const customer = await second.connect('r');
    const customerJoined = await customer.join(p.customerResumeToken);
    const agentInfo = { participantId: p.agentId, role: 'agent' };
    const customerInfo = { participantId: p.customerId, role: 'customer' };
    assert.equal(customerJoined.participantId, p.customerId);
    assert.equal(customerJoined.admitted, true);
    assert.deepEqual(customerJoined.peer, agentInfo);
    assert.deepEqual(await customer.next('peer-joined'), { type: 'peer-joined', peer: agentInfo });
    assert.deepEqual(await agent.next('peer-joined'), { type: 'peer-joined', peer: customerInfo });

    customer.send({ type: 'signal', data: { restarted: true } });
    assert.deepEqual(await agent.next('signal'), { type: 'signal', from: p.customerId, data: { restarted: true } });
  });
});
