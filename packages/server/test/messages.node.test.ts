import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpUrl, pair, startServer } from './helpers.js';

describe('message handling', () => {
  it('answers BAD_MESSAGE to malformed frames and keeps the connection', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    const malformed: unknown[] = [
      '{not json',
      '42',
      'null',
      '[]',
      { no: 'type' },
      { type: 7 },
      { type: 'dance' },
      { type: 'signal' },
      { type: 'signal', data: null },
      { type: 'signal', data: [1, 2] },
      { type: 'signal', data: 'sdp' },
      { type: 'admit' },
      { type: 'admit', participantId: 12 },
      { type: 'join', token: 'again' },
      Buffer.from([0x7b, 0x7d]),
    ];
    for (const frame of malformed) {
      p.customer.send(frame);
      const error = await p.customer.next('error');
      assert.equal(error.code, 'BAD_MESSAGE', JSON.stringify(frame));
      assert.equal(typeof error.message, 'string');
    }
    p.customer.send({ type: 'signal', data: { after: 'all that' } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { after: 'all that' } });
  });

  it('answers BAD_MESSAGE before join too, and still accepts the join', async (t) => {
    const h = await startServer(t);
    const client = await h.connect('r');
    client.send(Buffer.from('binary'));
    assert.equal((await client.next('error')).code, 'BAD_MESSAGE');
    client.send({ type: 'join' });
    assert.equal((await client.next('error')).code, 'BAD_MESSAGE');
    assert.equal((await client.join(h.token('r', 'agent'))).role, 'agent');
  });

  it('answers BAD_MESSAGE to JSON nested too deep, relays what is just deep enough, and keeps both sockets', async (t) => {
    const h = await startServer(t);
    const p = await pair(h, 'r');
    const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    // 64 KiB hold about 13,000 levels, far past what relaying can be trusted with.
    p.customer.send(`{"type":"signal","data":${nested(10_000)}}`);
    const error = await p.customer.next('error');
    assert.equal(error.code, 'BAD_MESSAGE');
    assert.match(error.message, /nested 32 levels/);
    p.customer.send(`{"type":"signal","data":${nested(30)}}`);
    assert.equal((await p.agent.next('signal')).from, p.customerId);
    p.agent.send({ type: 'signal', data: { still: 'here' } });
    assert.deepEqual((await p.customer.next('signal')).data, { still: 'here' });
  });

  it('closes an oversized frame with 1009 and keeps serving everyone else', async (t) => {
    const h = await startServer(t, { maxPayloadBytes: 4096 });
    const p = await pair(h, 'r');
    p.customer.send({ type: 'signal', data: { blob: 'x'.repeat(5000) } });
    assert.equal((await p.customer.closed).code, 1009);

    const health = await fetch(httpUrl(h, '/healthz'));
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');

    // The agent keeps relaying; the customer, reconnecting, gets what was sent meanwhile.
    await h.waitForLog((entry) => entry.event === 'closed' && entry.participantId === p.customerId);
    p.agent.send({ type: 'signal', data: { n: 1 } });
    const customer = await h.connect('r');
    await customer.join(p.customerResumeToken);
    assert.deepEqual(await customer.next('signal'), { type: 'signal', from: p.agentId, data: { n: 1 } });
    customer.send({ type: 'signal', data: { n: 2 } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { n: 2 } });
  });

  it('closes a flooding connection with RATE_LIMITED and 4429', async (t) => {
    const frozen = Date.now();
    const h = await startServer(t, { now: () => frozen, rateLimit: { messagesPerSecond: 1, burst: 5 } });
    const p = await pair(h, 'r');
    for (let i = 0; i < 4; i++) p.customer.send({ type: 'signal', data: { i } });
    for (let i = 0; i < 4; i++) assert.deepEqual((await p.agent.next('signal')).data, { i });
    p.customer.send({ type: 'signal', data: { i: 4 } });
    assert.equal((await p.customer.next('error')).code, 'RATE_LIMITED');
    assert.equal((await p.customer.closed).code, 4429);
    assert.ok(h.logs.some((entry) => entry.event === 'rate-limited' && entry.participantId === p.customerId));
  });
});
