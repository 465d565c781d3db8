// `npm run bench:load`: the limits of one signaling node, each next to its floor in the same run.
//
// - Idle connections: joined agents, each in a room of its own, added 50 at a time up to IDLE
//   (or LOAD_DEADLINE_MS), the server's memory after a full garbage collection every 1,000: heap
//   per connection (least squares; RSS moves with what the allocator keeps), and how many 1 GB of
//   RSS would hold at that rate. The joins/s of the same phase. On embedded PGlite, and on
//   PostgreSQL where SEALCALL_TEST_DATABASE_URL names one (npm run bench:load starts one).
// - Relay latency: BUSY rooms, agent and customer each sending a signal every second, while a
//   probe pair in one more room, in a process of its own (scripts/load-probe.mjs), bounces PROBES
//   signals off each other (round trip, ms). The floor is a bare `ws` relay
//   (scripts/load-bare-relay.mjs) under the same load. On PostgreSQL with a
//   Redis (npm run bench:load starts one), also two nodes sharing rooms through it, every agent on
//   one and every customer on the other. Each is measured twice, the second time in reverse
//   order, and the percentiles are of both runs. With Redis, a second floor: two bare relays
//   sharing rooms through it (scripts/load-bare-redis-relay.mjs), the least a second node costs.
//   With each, how late the server's event loop ran while the probes went.
// LOAD_PHASES=idle or LOAD_PHASES=relay runs one phase only.
//
// Every server and client is on loopback; every loop is bounded in count and time.
//   node --conditions=source --import tsx scripts/bench-load.mjs   (npm run bench:load)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freshPostgresUrl } from '../packages/server/test/fresh-postgres.ts';
import { percentiles } from './bench-stats.mjs';
import { joined, relayClients } from './load-clients.mjs';

const IDLE = 10_000;
const BUSY = 1_000;
const PROBES = 500;
const PROBE_INTERVAL_MS = 20;
const JOIN_CONCURRENCY = 50;
const LOAD_DEADLINE_MS = 240_000;
// Signs the room tokens of every client here and in the probe; the servers take it too.
const secret = (process.env.SEALCALL_SECRET = randomBytes(32).toString('base64url'));
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** A child process that prints a line of JSON (a server's {"url"}) once ready, and answers questions over IPC (load-ipc.mjs). */
async function child(script, env = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const process_ = spawn(process.execPath, [...(process.env.LOAD_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOAD_PROFILE] : []), '--expose-gc', '--conditions=source', '--import', 'tsx', path], {
    env: { ...process.env, ...env, SEALCALL_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = await createInterface({ input: process_.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]);
  const { url } = JSON.parse(line);
  return {
    url,
    ask: (question) => new Promise((resolve) => (process_.once('message', resolve), process_.send(question))),
    stop: () => new Promise((resolve) => (process_.once('exit', resolve), process_.kill('SIGTERM'))),
  };
}

/** The least-squares slope of y over x. */
function slope(x, y) {
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  return x.reduce((sum, xi, i) => sum + (xi - mx) * (y[i] - my), 0) / x.reduce((sum, xi) => sum + (xi - mx) ** 2, 0);
}

/** `count` tasks, `concurrency` at a time, until `deadline`; how many ran. */
async function inBatches(count, concurrency, deadline, task) {
  let next = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadline) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Math.min(next, count);
}

async function idleConnections(env) {
  const server = await child('./load-server.mjs', env);
  const sockets = [];
  const samples = [{ connections: 0, ...(await server.ask('memory')) }];
  const deadline = Date.now() + LOAD_DEADLINE_MS;
  const started = performance.now();
  try {
    await inBatches(IDLE, JOIN_CONCURRENCY, deadline, async (i) => {
      sockets.push((await joined(server.url, `idle-${i}`, 'agent')).socket);
      if (sockets.length % 1000 === 0) samples.push({ connections: sockets.length, ...(await server.ask('memory')) });
    });
    const seconds = (performance.now() - started) / 1000;
    const fitted = samples.slice(1);
    const perConnection = slope(fitted.map((s) => s.connections), fitted.map((s) => s.heap));
    const last = samples.at(-1);
    return { samples, perConnection, joinsPerSecond: sockets.length / seconds, atOneGb: last.connections + Math.floor((2 ** 30 - last.rss) / perConnection) };
  } finally {
    for (const s of sockets) s.ws.terminate();
    await server.stop();
  }
}

/**
 * Round trips of a probe pair (in the probe's own process) while `rooms` pairs each send a signal
 * a second from both sides.
 */
async function relayLatency(servers, clients, prober) {
  const urls = servers.map((server) => server.url);
  const { pair, wrap } = relayClients[clients];
  const loopDelays = async () => {
    const delays = await Promise.all(servers.map((server) => server.ask('loop-delay')));
    return { p99: Math.max(...delays.map((d) => d.p99)), max: Math.max(...delays.map((d) => d.max)) };
  };
  const deadline = Date.now() + LOAD_DEADLINE_MS;
  const pairs = [];
  await inBatches(BUSY, JOIN_CONCURRENCY, deadline, async (i) => pairs.push(await pair(urls, `busy-${i}-${randomBytes(3).toString('hex')}`)));
  const timers = pairs.flatMap(({ agent, customer }, i) =>
    [agent, customer].map((socket) => {
      const start = setTimeout(() => (socket.timer = setInterval(() => socket.send(wrap({ load: i })), 1000)), (i * 997) % 1000);
      return () => (clearTimeout(start), clearInterval(socket.timer));
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await loopDelays();
  const { rtts } = await prober.ask({ urls, clients, probes: PROBES, intervalMs: PROBE_INTERVAL_MS });
  const loopDelay = await loopDelays();
  timers.forEach((stop) => stop());
  for (const { agent, customer } of pairs) (agent.ws.terminate(), customer.ws.terminate());
  return { rooms: pairs.length, rtts, loopDelay };
}

const ms = (value) => `${value.toFixed(2)} ms`;
const phases = (process.env.LOAD_PHASES ?? 'idle,relay').split(',');
const postgresUrl = process.env.SEALCALL_TEST_DATABASE_URL;
const redisUrl = process.env.SEALCALL_TEST_REDIS_URL;
const prober = await child('./load-probe.mjs');
for (const [name, database] of [['PGlite', undefined], ...(postgresUrl ? [['PostgreSQL', await freshPostgresUrl(postgresUrl)]] : [])]) {
  const env = database ? { LOAD_DATABASE_URL: database.url } : {};
  if (phases.includes('idle')) {
    const idle = await idleConnections(env);
    console.log(`Idle connections on one node, ${name} (joined agents, ${JOIN_CONCURRENCY} joins at a time), after a full GC:`);
    console.table(idle.samples.map(({ connections, rss, heap }) => ({ connections, rss: mb(rss), 'heap + external': mb(heap) })));
    console.table({
      'heap per connection (least squares from 1,000 on)': { value: `${(idle.perConnection / 1024).toFixed(1)} KB` },
      'connections 1 GB RSS holds at that rate': { value: idle.atOneGb },
      'agent joins/s while filling': { value: idle.joinsPerSecond.toFixed(0) },
    });
  }
  if (phases.includes('relay')) {
    const relays = {
      'one node': { nodes: 1, script: './load-server.mjs', env, clients: 'server', rounds: [] },
      // Every agent on one node and every customer on the other: each signal crosses Redis.
      ...(database && redisUrl ? { 'two nodes, Redis': { nodes: 2, script: './load-server.mjs', env: { ...env, LOAD_REDIS_URL: redisUrl }, clients: 'server', rounds: [] } } : {}),
      'bare ws relay (anchor)': { nodes: 1, script: './load-bare-relay.mjs', env: {}, clients: 'bare', rounds: [] },
      // The least any two nodes sharing rooms through Redis pay: one PUBLISH and its delivery.
      ...(redisUrl ? { 'two bare ws relays, Redis (floor across nodes)': { nodes: 2, script: './load-bare-redis-relay.mjs', env: { LOAD_REDIS_URL: redisUrl }, clients: 'bare', rounds: [] } } : {}),
    };
    // Each twice, the second time in reverse order, so that a machine getting slower or faster weighs on all alike.
    const order = Object.keys(relays);
    for (const relayName of [...order, ...[...order].reverse()]) {
      const relay = relays[relayName];
      const servers = [];
      for (let i = 0; i < relay.nodes; i++) servers.push(await child(relay.script, relay.env));
      relay.rounds.push(await relayLatency(servers, relay.clients, prober));
      for (const server of servers) await server.stop();
    }
    const summary = ({ rounds }) => ({
      rooms: Math.min(...rounds.map((r) => r.rooms)),
      ...percentiles(rounds.flatMap((r) => r.rtts)),
      loopDelay: { p99: Math.max(...rounds.map((r) => r.loopDelay.p99)), max: Math.max(...rounds.map((r) => r.loopDelay.max)) },
    });
    const floor = summary(relays['bare ws relay (anchor)']);
    const acrossFloor = relays['two bare ws relays, Redis (floor across nodes)'] && summary(relays['two bare ws relays, Redis (floor across nodes)']);
    console.log(`Signal round trip of a probe pair (2 x ${PROBES} probes) while ${BUSY} rooms each send two signals a second, ${name}, next to the floor in the same run:`);
    const table = {};
    for (const [relayName, relay] of Object.entries(relays)) {
      const { rooms, p50, p99, loopDelay } = summary(relay);
      table[relayName] = { rooms, p50: ms(p50), p99: ms(p99), 'p50 / anchor': `${(p50 / floor.p50).toFixed(2)}x`, 'p99 / anchor': `${(p99 / floor.p99).toFixed(2)}x`, ...(acrossFloor ? { 'p99 / floor across nodes': `${(p99 / acrossFloor.p99).toFixed(2)}x` } : {}), 'event loop late p99': ms(loopDelay.p99), 'late at most': ms(loopDelay.max) };
    }
    console.table(table);
  }
  await database?.drop();
}
await prober.stop();
