import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { createClient } from '@redis/client';
import { openPostgresDatabase, type Database, type ServerOptions } from '../src/index.js';
import { startCli, startServerProcess } from './cli-process.js';
import { POSTGRES_URL } from './database.js';
import { freshPostgresUrl } from './fresh-postgres.js';
import { pair, SECRET, startServer, TestClient, type Harness } from './helpers.js';
import { freshPrefix, redisDirectory, testRedisUrl } from './redis.js';

const skip = POSTGRES_URL && testRedisUrl ? false : 'needs PostgreSQL and Redis: npm run test:postgres starts both';

describe('several nodes sharing rooms through Redis', { skip, timeout: 60_000 }, () => {
  let database: Database;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  before(async () => {
    const fresh = await freshPostgresUrl(POSTGRES_URL as string);
    databaseUrl = fresh.url;
    dropDatabase = fresh.drop;
    database = await openPostgresDatabase({ url: fresh.url, poolSize: 4 });
  });
  after(async () => {
    await database.close();
    await dropDatabase();
  });

  /** A client of the test Redis, closed after the test. */
  async function redis(t: TestContext) {
    const client = createClient({ url: testRedisUrl });
    await client.connect();
    t.after(() => client.close());
    return client;
  }

  /** `count` nodes on one database and one Redis (a key prefix of their own). */
  async function cluster(t: TestContext, count: number, options: Partial<ServerOptions> = {}, prefix = freshPrefix()): Promise<Harness[]> {
    const nodes: Harness[] = [];
    for (let i = 0; i < count; i++) nodes.push(await startServer(t, { database, redis: { url: testRedisUrl as string, keyPrefix: prefix }, ...options }));
    return nodes;
  }

  /** Node A in this process, node B in a process of its own (on the same PostgreSQL and Redis), and a harness that connects to B. */
  async function inProcessAndApart(t: TestContext, timing: Partial<ServerOptions>, prefix: string): Promise<{ a: Harness; b: { kill(): Promise<void> }; onB: Harness }> {
    const [a] = (await cluster(t, 1, timing, prefix)) as [Harness];
    const b = await startServerProcess(t, SECRET, { ...timing, redis: { url: testRedisUrl, keyPrefix: prefix } }, databaseUrl);
    return { a, b, onB: onNode(a, b.url) };
  }

  it('an agent on one node and a customer on another: knock, admit, signals both ways, leave', async (t) => {
    const [a, b] = (await cluster(t, 2)) as [Harness, Harness];
    const p = await pair(a, 'across', b);
    p.agent.send({ type: 'signal', data: { offer: 'from A' } });
    assert.deepEqual(await p.customer.next('signal'), { type: 'signal', from: p.agentId, data: { offer: 'from A' } });
    p.customer.send({ type: 'signal', data: { answer: 'from B' } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { answer: 'from B' } });

    p.customer.send({ type: 'leave' });
    assert.equal((await p.customer.closed).code, 1000);
    assert.deepEqual(await p.agent.next('peer-left'), { type: 'peer-left', participantId: p.customerId, reason: 'left' });
  });

  it('customers racing for one seat on two nodes: exactly one is seated, and the others can still use their links', async (t) => {
    const [a, b] = (await cluster(t, 2)) as [Harness, Harness];
    const agent = await a.connect('race');
    await agent.join(a.token('race', 'agent'));
    const tokens = Array.from({ length: 8 }, (_, i) => a.token('race', 'customer', undefined, { subject: `customer-${i}` }));
    const sockets = await Promise.all(tokens.map((_, i) => (i % 2 ? b : a).connect('race')));
    const answers = await Promise.all(
      sockets.map(async (socket, i) => {
        socket.send({ type: 'join', token: tokens[i] });
        return socket.next('joined').then(
          () => 'joined',
          async () => String((await socket.closed).code),
        );
      }),
    );
    assert.equal(answers.filter((answer) => answer === 'joined').length, 1, answers.join(' '));
    assert.equal(answers.filter((answer) => answer === '4409').length, 7, answers.join(' '));
    const winner = answers.indexOf('joined');
    const knock = await agent.next('knock');
    agent.send({ type: 'reject', participantId: knock.participantId });
    await sockets[winner]!.closed;

    const loser = (winner + 1) % tokens.length;
    const again = await (loser % 2 ? a : b).connect('race');
    assert.equal((await again.join(tokens[loser]!)).admitted, false, 'a link that lost the race was not spent');
  });

  it('two nodes claiming one seat at once in Redis: one wins, whatever the lobby above does', async (t) => {
    const prefix = freshPrefix();
    const nodes = [await redisDirectory(t, prefix), await redisDirectory(t, prefix)];
    await Promise.all(nodes.map((node) => node.start({ receive: () => {}, lost: () => {}, orphaned: () => {} })));
    const ref = { tenant: 'default', room: 'seat' };
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const node = nodes[i % 2]!;
        return node.claim(ref, { id: `customer-${i}`, role: 'customer', subject: `s${i}`, admitted: false, socket: `${node.node}/${i}`, expiresAt: Date.now() + 60_000 });
      }),
    );
    assert.equal(claims.filter((claimed) => claimed !== undefined).length, 1);
  });

  it('a participant that reconnects through another node gets what was held for it; its peer never notices', async (t) => {
    const prefix = freshPrefix();
    const [a, b] = (await cluster(t, 2, {}, prefix)) as [Harness, Harness];
    const p = await pair(a, 'held', b);
    p.customer.ws.terminate();
    await b.waitForLog((entry) => entry.event === 'closed' && entry.participantId === p.customerId);
    p.agent.send({ type: 'signal', data: { n: 1 } });
    p.agent.send({ type: 'signal', data: { n: 2 } });
    // Held, once B has let the seat go: a resume before that may get them out of order (docs/deployment.md).
    const admin = await redis(t);
    const deadline = Date.now() + 5000;
    while ((await admin.sendCommand<number>(['ZCARD', `${prefix}room:default/held:held:customer`])) < 2) {
      assert.ok(Date.now() < deadline, 'both signals held within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const customer = await a.connect('held');
    const joined = await customer.join(p.customerResumeToken);
    assert.equal(joined.participantId, p.customerId);
    assert.deepEqual(joined.peer, { participantId: p.agentId, role: 'agent' });
    assert.deepEqual((await customer.next('signal')).data, { n: 1 });
    assert.deepEqual((await customer.next('signal')).data, { n: 2 });
    customer.send({ type: 'signal', data: { back: true } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { back: true } }, 'the agent heard of no leave or join');
  });

  it('a node that dies: its participant resumes on another node, gets what was held, and the call goes on; the peer never notices', async (t) => {
    // The CLI keeps its keys under the default prefix: the room's name is this test's own.
    const [a] = (await cluster(t, 1, {}, 'sealcall:')) as [Harness];
    const b = await startCli(t, ['--port', '0', '--database-url', databaseUrl, '--redis-url', testRedisUrl as string], { SEALCALL_SECRET: SECRET });
    const onB = onNode(a, b.url);
    const room = `dies-${crypto.randomUUID()}`;
    const p = await pair(a, room, onB);

    await b.kill();
    await p.customer.closed;
    p.agent.send({ type: 'signal', data: { while: 'B is gone' } });
    const customer = await a.connect(room);
    const joined = await customer.join(p.customerResumeToken);
    assert.equal(joined.participantId, p.customerId);
    assert.equal(joined.admitted, true);
    assert.deepEqual((await customer.next('signal')).data, { while: 'B is gone' });
    customer.send({ type: 'signal', data: { back: 'on A' } });
    assert.deepEqual(await p.agent.next('signal'), { type: 'signal', from: p.customerId, data: { back: 'on A' } }, 'the agent heard of no leave or join');
  });

  it('a node that dies with a participant who never comes back: another node finds it dead, and the peer hears peer-left after the grace', async (t) => {
    const prefix = freshPrefix();
    const timing = { heartbeatIntervalMs: 300, reconnectGraceMs: 500 };
    const { a, b, onB } = await inProcessAndApart(t, timing, prefix);
    const p = await pair(a, 'gone', onB);

    await b.kill();
    // Three of B's beats (900 ms) without one, then A's next beat, then the grace (500 ms).
    const since = Date.now();
    assert.deepEqual(await p.agent.next('peer-left'), { type: 'peer-left', participantId: p.customerId, reason: 'timeout' });
    assert.ok(Date.now() - since >= 500, 'not before the grace');
  });

  it('a node that stalls past three beats finds its seats taken over, closes its sockets with 1001, and they resume, on any node', async (t) => {
    const prefix = freshPrefix();
    const timing = { heartbeatIntervalMs: 300, reconnectGraceMs: 5000 };
    const { a, onB } = await inProcessAndApart(t, timing, prefix);
    const p = await pair(a, 'stalled');

    // This process (node A, and both clients) stops for 1.5 s: B, beating on, takes A for dead.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    assert.deepEqual(await p.agent.closed, { code: 1001, reason: 'signaling state lost' });
    assert.deepEqual(await p.customer.closed, { code: 1001, reason: 'signaling state lost' });
    const agent = await a.connect('stalled');
    await agent.join(p.agentResumeToken);
    const customer = await onB.connect('stalled');
    const joined = await customer.join(p.customerResumeToken);
    assert.deepEqual(joined.peer, { participantId: p.agentId, role: 'agent' });
    agent.send({ type: 'signal', data: { after: 'the stall' } });
    assert.deepEqual((await customer.next('signal')).data, { after: 'the stall' });
  });

  it('a node that loses its Redis subscription closes its sockets with 1001; they resume and the call goes on', async (t) => {
    const prefix = freshPrefix();
    const [a, b] = (await cluster(t, 2, {}, prefix)) as [Harness, Harness];
    const p = await pair(a, 'lost', b);
    const admin = await redis(t);
    // Each node names its connections after its key prefix and itself (CLIENT LIST shows them).
    const list = await admin.sendCommand<string>(['CLIENT', 'LIST', 'TYPE', 'pubsub']);
    const ours = list.split('\n').filter((line) => line.includes(`name=${prefix}`)).map((line) => /\bid=(\d+)/.exec(line)![1]!);
    assert.equal(ours.length, 2);
    for (const id of ours) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    assert.equal((await p.customer.closed).code, 1001);
    assert.equal((await p.agent.closed).code, 1001);
    const customer = await b.connect('lost');
    await customer.join(p.customerResumeToken);
    const agent = await a.connect('lost');
    await agent.join(p.agentResumeToken);
    customer.send({ type: 'signal', data: { still: 'here' } });
    assert.deepEqual((await agent.next('signal')).data, { still: 'here' });
  });
});

/** `harness`, but connecting to the node at `url`. */
function onNode(harness: Harness, url: string): Harness {
  return { ...harness, connect: (room: string) => TestClient.open(`${url}/v1/rooms/${room}`) };
}
