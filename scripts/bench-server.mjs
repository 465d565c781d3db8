// The server of record, measured: how long the CLI takes to start and how much memory it holds,
// on a new and on an existing PGlite data directory and on PostgreSQL, next to a bare Node start;
// and joins through the lobby (customer token, DB write, `joined`) per second and their latency,
// next to a WebSocket ping round trip on the same server; then the same starts with 100k artifacts
// in the database, and listing one call's artifacts among them next to a /healthz round trip;
// and a whole 100 MiB artifact read from the blob store next to reading its files bare.
// PostgreSQL is measured where
// SEALCALL_TEST_DATABASE_URL names one (scripts/with-postgres.mjs starts one).
//
//   node --conditions=source --import tsx scripts/bench-server.mjs      (or as part of npm run bench)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createRoomToken, createStorageToken, openEmbeddedDatabase, openPostgresDatabase } from '@sealcall/server';
import { freshPostgresUrl } from '../packages/server/test/fresh-postgres.ts';
import { BlobStore, blobDirectoryName } from '../packages/server/src/storage/blob-store.ts';
import { median, percentiles } from './bench-stats.mjs';

const cli = fileURLToPath(new URL('../packages/server/src/cli.ts', import.meta.url));
const secret = randomBytes(32).toString('base64url');
const JOINS = 300;
const CONCURRENCY = 10;
const PINGS = 300;
const STARTS = 3;
const ARTIFACTS = 100_000;
const LISTS = 100;
const BLOB_CHUNK = 64 * 1024;
const BLOB_CHUNKS = 1600;
const BLOB_BATCH = 64;
const BLOB_ROUNDS = 5;

/** `count` artifact rows, ten per call, as a busy year of pictures might leave them. */
async function seedArtifacts(database, count) {
  await database.query(
    `INSERT INTO artifacts (tenant_id, id, call_id, subject_id, kind, mime_type, created_at, expires_at, consent_ref, algorithm,
       key_provider_id, wrapped_key, nonce_prefix, size, status, chunk_count, owner_role, owner_subject)
     SELECT 'default', 'seed-' || n, 'call-' || (n / 10), 'subject-' || (n / 50), 'picture', 'image/jpeg', now(), now() + interval '30 days',
       'consent-' || n, 'sealcall-stream-v1/aes-256-gcm/64k', 'device:default', 'AQIDBA', 'AAAAAAAAAA', 200000, 'complete', 4, 'agent', 'agent-1'
     FROM generate_series(1, $1) AS n`,
    [count],
  );
}

/** GET of one call's ten artifacts among all the others, next to /healthz on the same server; ms. */
async function lists(url) {
  const http = url.replace(/^ws:/, 'http:');
  const token = createStorageToken({ secret, subject: 'agent-1', room: 'call-4242', role: 'agent' });
  const listed = [];
  const health = [];
  for (let i = 0; i < LISTS; i++) {
    let started = performance.now();
    const answer = await fetch(`${http}/v1/artifacts?callId=call-4242`, { headers: { authorization: `Bearer ${token}` } });
    const { artifacts } = await answer.json();
    if (artifacts.length !== 10) throw new Error(`expected the 10 artifacts of call-4242, got ${artifacts.length}`);
    listed.push(performance.now() - started);
    started = performance.now();
    await (await fetch(`${http}/healthz`)).json();
    health.push(performance.now() - started);
  }
  return { list: percentiles(listed), health: percentiles(health) };
}

/** Starts the CLI; resolves with its URL, the time to `listening` and its RSS then. */
async function startCli(args) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, '--port', '0', ...args], {
    env: { ...process.env, SEALCALL_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url;
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line);
    if (entry.event === 'listening') {
      url = entry.url;
      break;
    }
  }
  if (!url) throw new Error('sealcall-server exited before listening');
  const ms = performance.now() - started;
  child.stdout.resume();
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, ms, rssMb: rssKb / 1024, stop };
}

/** A bare `node --import tsx` start to its first line: the anchor of the start times. */
async function bareNodeStart() {
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '-e', 'console.log("up")'], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const _line of createInterface({ input: child.stdout })) break;
  const ms = performance.now() - started;
  await new Promise((resolve) => child.once('exit', resolve));
  return ms;
}

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function next(ws) {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

/** One customer's join through the lobby: open, join with a fresh invitation, `joined`; ms. */
async function oneJoin(url, room) {
  const started = performance.now();
  const ws = await open(`${url}/v1/rooms/${room}`);
  const joined = next(ws);
  ws.send(JSON.stringify({ type: 'join', token: createRoomToken({ secret, subject: 'test-user', room, role: 'customer' }) }));
  const message = await joined;
  if (message.type !== 'joined') throw new Error(`expected joined, got ${JSON.stringify(message)}`);
  const ms = performance.now() - started;
  ws.terminate();
  return ms;
}

async function joins(url) {
  const latencies = [];
  const started = performance.now();
  let n = 0;
  const worker = async () => {
    while (n < JOINS) {
      const room = `bench-${n++}-${randomBytes(4).toString('hex')}`;
      latencies.push(await oneJoin(url, room));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: JOINS / seconds, ...percentiles(latencies) };
}

/** WebSocket ping to pong on an open socket of the same server: the transport's own cost. */
async function pings(url) {
  const ws = await open(`${url}/v1/rooms/anchor`);
  const latencies = [];
  for (let i = 0; i < PINGS; i++) {
    const started = performance.now();
    await new Promise((resolve) => {
      ws.once('pong', resolve);
      ws.ping();
    });
    latencies.push(performance.now() - started);
  }
  ws.terminate();
  return percentiles(latencies);
}

/**
 * A whole artifact read from the blob store, as an export or a download reads it: 100 MiB in
 * 64 KiB chunks, stored in batches of 64 (what HttpStorage sends). In turns: the batch files read
 * bare with readFile (anchor: the bytes off the disk, nothing parsed), `readChunks` (each file
 * listed and opened once), and `readChunk` for each chunk (a listing and an open per chunk).
 */
async function blobReads(dir) {
  const blobs = new BlobStore(join(dir, 'blob-reads'));
  await blobs.open();
  const ref = { tenant: 'default', id: 'bench-100-mib' };
  const chunk = randomBytes(BLOB_CHUNK);
  for (let first = 0; first < BLOB_CHUNKS; first += BLOB_BATCH) await blobs.writeChunks(ref, first, Array.from({ length: BLOB_BATCH }, () => chunk));
  const directory = join(dir, 'blob-reads', 'artifacts', blobDirectoryName(ref));
  const files = await readdir(directory);
  const timed = async (read) => {
    const started = performance.now();
    let bytes = 0;
    for await (const piece of read()) bytes += piece.length;
    if (bytes !== BLOB_CHUNK * BLOB_CHUNKS + (read === bare ? 4 * (BLOB_CHUNKS / BLOB_BATCH) * (1 + BLOB_BATCH) : 0)) throw new Error(`read ${bytes} bytes`);
    return performance.now() - started;
  };
  async function* bare() {
    for (const file of files) yield await readFile(join(directory, file));
  }
  async function* oneByOne() {
    for (let index = 0; index < BLOB_CHUNKS; index++) yield await blobs.readChunk(ref, index);
  }
  const times = { bare: [], whole: [], oneByOne: [] };
  for (let i = 0; i < BLOB_ROUNDS; i++) {
    times.bare.push(await timed(bare));
    times.whole.push(await timed(() => blobs.readChunks(ref, BLOB_CHUNKS)));
    times.oneByOne.push(await timed(oneByOne));
  }
  const [anchor, whole, oneAtATime] = [median(times.bare), median(times.whole), median(times.oneByOne)];
  return {
    'the batch files read bare (anchor)': { median: ms(anchor), ratio: '' },
    'readChunks, the whole artifact': { median: ms(whole), ratio: `${(whole / anchor).toFixed(2)}x` },
    'readChunk for each chunk': { median: ms(oneAtATime), ratio: `${(oneAtATime / anchor).toFixed(2)}x` },
  };
}

const ms = (value) => `${value.toFixed(0)} ms`;
const ms2 = (value) => `${value.toFixed(2)} ms`;

export async function benchServer() {
  const dir = await mkdtemp(join(tmpdir(), 'sealcall-bench-records-'));
  const postgresUrl = process.env.SEALCALL_TEST_DATABASE_URL;
  const postgres = postgresUrl ? await freshPostgresUrl(postgresUrl) : undefined;
  try {
    const WITH = `, ${ARTIFACTS / 1000}k artifacts`;
    const starts = {
      'bare Node with tsx (anchor)': [],
      'PGlite, new data directory': [],
      'PGlite, existing data directory': [],
      [`PGlite, existing data directory${WITH}`]: [],
      PostgreSQL: [],
      [`PostgreSQL${WITH}`]: [],
    };
    const rss = Object.fromEntries(Object.keys(starts).slice(1).map((name) => [name, []]));
    const record = async (name, args) => {
      const server = await startCli(args);
      starts[name].push(server.ms);
      rss[name].push(server.rssMb);
      return server;
    };
    for (let i = 0; i < STARTS; i++) {
      starts['bare Node with tsx (anchor)'].push(await bareNodeStart());
      const dataDir = join(dir, `start-${i}`);
      await (await record('PGlite, new data directory', ['--data-dir', dataDir])).stop();
      await (await record('PGlite, existing data directory', ['--data-dir', dataDir])).stop();
      if (postgres) await (await record('PostgreSQL', ['--database-url', postgres.url])).stop();
    }
    // The same starts and a listing with the artifacts in the database, seeded while no server runs.
    const full = join(dir, 'full');
    await (await startCli(['--data-dir', full])).stop();
    const embedded = await openEmbeddedDatabase({ dataDir: full });
    await seedArtifacts(embedded, ARTIFACTS);
    await embedded.close();
    const fullPostgres = postgres ? await freshPostgresUrl(postgresUrl) : undefined;
    const listing = {};
    try {
      if (fullPostgres) {
        await (await startCli(['--database-url', fullPostgres.url])).stop();
        const server = await openPostgresDatabase({ url: fullPostgres.url });
        await seedArtifacts(server, ARTIFACTS);
        await server.close();
      }
      const places = [['PGlite', ['--data-dir', full]], ...(fullPostgres ? [['PostgreSQL', ['--database-url', fullPostgres.url]]] : [])];
      for (let i = 0; i < STARTS; i++) {
        for (const [name, args] of places) await (await record(name === 'PGlite' ? `PGlite, existing data directory${WITH}` : `PostgreSQL${WITH}`, args)).stop();
      }
      for (const [name, args] of places) {
        const server = await startCli([...args, '--storage-dir', join(dir, `blobs-${name}`)]);
        try {
          const result = await lists(server.url);
          listing[name] = {
            'list by call p50': ms2(result.list.p50),
            'list by call p99': ms2(result.list.p99),
            '/healthz p50 (anchor)': ms2(result.health.p50),
            '/healthz p99 (anchor)': ms2(result.health.p99),
          };
        } finally {
          await server.stop();
        }
      }
    } finally {
      await fullPostgres?.drop();
    }
    const load = {};
    for (const [name, args] of [['PGlite', ['--data-dir', join(dir, 'load')]], ...(postgres ? [['PostgreSQL', ['--database-url', postgres.url]]] : [])]) {
      const server = await startCli(args);
      try {
        const anchor = await pings(server.url);
        const result = await joins(server.url);
        load[name] = {
          'joins/s': result.perSecond.toFixed(0),
          'join p50': ms(result.p50),
          'join p99': ms(result.p99),
          'ping p50 (anchor)': `${anchor.p50.toFixed(2)} ms`,
          'ping p99 (anchor)': `${anchor.p99.toFixed(2)} ms`,
        };
      } finally {
        await server.stop();
      }
    }
    const reads = await blobReads(dir);
    return {
      reads,
      starts: Object.fromEntries(Object.entries(starts).filter(([, v]) => v.length).map(([k, v]) => [k, { median: ms(median(v)), min: ms(Math.min(...v)), max: ms(Math.max(...v)) }])),
      rss: Object.fromEntries(Object.entries(rss).filter(([, v]) => v.length).map(([k, v]) => [k, { 'RSS at listening, median': `${median(v).toFixed(0)} MB` }])),
      load,
      listing,
      postgres: Boolean(postgres),
    };
  } finally {
    await postgres?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function printServerBench(result) {
  console.log(`sealcall-server start to "listening" (${STARTS} starts each, taking turns), next to a bare Node start:`);
  console.table(result.starts);
  console.table(result.rss);
  console.log(`${JOINS} customer joins through the lobby (a fresh invitation each: token check, spend, participant row, joined), ${CONCURRENCY} at a time, next to a WebSocket ping on the same server:`);
  console.table(result.load);
  console.log(`Listing the 10 artifacts of one call among ${ARTIFACTS} (HTTP, token check, indexed query), ${LISTS} times, next to /healthz on the same server:`);
  console.table(result.listing);
  console.log(`A whole artifact read from the blob store: ${(BLOB_CHUNK * BLOB_CHUNKS) / 2 ** 20} MiB in ${BLOB_CHUNKS} chunks, batches of ${BLOB_BATCH}, ${BLOB_ROUNDS} rounds in turns, next to its files read bare:`);
  console.table(result.reads);
  if (!result.postgres) console.log('(no PostgreSQL: set SEALCALL_TEST_DATABASE_URL, or run through scripts/with-postgres.mjs)');
}

if (import.meta.url === `file://${process.argv[1]}`) printServerBench(await benchServer());
