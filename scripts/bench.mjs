import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { createRoomToken, createServer, createStorageToken, openEmbeddedDatabase } from '@sealcall/server';
import { bundle, launchBrowser, servePages } from './browser-pages.mjs';
import { sizes } from './bench-sizes.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { cryptoTable } from './frame-crypto-table.mjs';
import { median } from './bench-stats.mjs';

// `npm run bench`: bundle sizes, per-frame SFrame cost in Chromium and Firefox next to one bare
// WebCrypto AES-GCM encrypt and decrypt in the same page, the time from join() to the first
// decoded remote video frame of an end-to-end encrypted call (median of 10 calls on loopback,
// and 5 for each pairing of Chromium and Firefox), the video gap after a key rotation and after
// an E2EE worker restart (next to the steady frame interval of the same call), and
// encrypt-and-store throughput of a 100 MB recording into IndexedDB and over HTTP, with the
// page's JS heap sampled every 10 MB. Results go, with this command, into docs/benchmarks.md by
// hand. `--json FILE` also writes the figures that stand next to an anchor of the same run, as
// JSON (issue 16's keys).
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt === -1 ? undefined : process.argv[jsonAt + 1];
if (jsonAt !== -1 && !jsonFile) throw new Error('--json needs a file name: npm run bench -- --json results.json');
const RUNS = 10;
const GAP_RUNS = 5;
const CROSS_RUNS = 5;
const RECORDING_BYTES = 100 * 1024 * 1024;
const workerEntry = 'packages/sdk/src/e2ee/e2ee-worker.ts';

async function inBrowser() {
  const secret = randomBytes(32).toString('base64url');
  const storageDirectory = await mkdtemp(join(tmpdir(), 'sealcall-bench-'));
  const database = await openEmbeddedDatabase();
  const signaling = createServer({ secret, database, port: 0, logger: () => {}, storage: { directory: storageDirectory } });
  const { url } = await signaling.listen();
  const web = await servePages({
    '/page.js': await bundle({ contents: `import './bench/join-to-first-frame.ts'; import './bench/bare-join.ts'; import './bench/frame-crypto.ts'; import './bench/video-gap.ts'; import './bench/artifact-store.ts';` }),
    '/e2ee-worker.js': await bundle(workerEntry),
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    page.on('crash', () => console.error('The bench page crashed.'));
    page.on('pageerror', (error) => console.error(`Bench page error: ${error.message}`));
    await page.goto(web.url);
    await page.waitForFunction(() => typeof window.sealcallBench === 'function');
    const frameCrypto = await page.evaluate(() => window.sealcallFrameCrypto());
    const samples = [];
    const bareJoins = [];
    for (let i = 0; i < RUNS; i++) {
      const room = `bench-${i}-${randomBytes(6).toString('hex')}`;
      const agentToken = createRoomToken({ secret, subject: 'test-user', room, role: 'agent' });
      const customerToken = createRoomToken({ secret, subject: 'test-user', room, role: 'customer' });
      samples.push(await page.evaluate((args) => window.sealcallBench(...args), [url, room, agentToken, customerToken]));
      bareJoins.push(await page.evaluate(() => window.sealcallBareJoin()));
    }
    const gaps = [];
    for (let i = 0; i < GAP_RUNS; i++) gaps.push(await page.evaluate(() => window.sealcallVideoGap()));
    const storage = await artifactStore(page, url.replace(/^ws/, 'http'), secret, storageDirectory);
    return { samples, bareJoins, frameCrypto, gaps, storage };
  } finally {
    await browser.close();
    await web.close();
    await signaling.close();
    await database.close();
    await rm(storageDirectory, { recursive: true, force: true });
  }
}

/**
 * The raw anchor of HTTP storage: a bare Node HTTP server on loopback that appends each PUT's
 * body to a file in `directory` and answers once it is on disk (fsync), as the reference server
 * answers a segment. Any origin may PUT (the bench page has its own).
 */
async function rawSink(directory) {
  const server = createHttpServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-methods', 'PUT');
    res.setHeader('access-control-allow-headers', 'content-type');
    if (req.method !== 'PUT') return res.writeHead(204).end();
    const path = join(directory, `raw-${randomBytes(6).toString('hex')}`);
    req.pipe(createWriteStream(path)).on('finish', async () => {
      const file = await open(path, 'r+');
      await file.sync();
      await file.close();
      await rm(path);
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/raw`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Stores RECORDING_BYTES through the vault into each target while sampling the page's JS heap over CDP; then the raw anchor. */
async function artifactStore(page, storageUrl, secret, sinkDirectory) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let heap = [];
  await page.exposeFunction('benchHeapSample', async (bytesWritten) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    heap.push({ mb: bytesWritten / 2 ** 20, bytes: metrics.find((m) => m.name === 'JSHeapUsedSize').value });
  });
  const results = {};
  for (const kind of ['indexeddb', 'http']) {
    heap = [];
    await cdp.send('HeapProfiler.collectGarbage');
    const callId = `bench-${randomBytes(6).toString('hex')}`;
    const token = createStorageToken({ secret, subject: 'test-user', dataSubject: 'bench-subject', room: callId, role: 'agent' });
    const { bytes, ms } = await page.evaluate((args) => window.sealcallArtifactStore(...args), [{ kind, baseUrl: storageUrl, token, callId }, RECORDING_BYTES]);
    results[kind] = { mbPerSecond: bytes / 2 ** 20 / (ms / 1000), seconds: ms / 1000, heap };
  }
  const sink = await rawSink(sinkDirectory);
  try {
    const { bytes, ms } = await page.evaluate((args) => window.sealcallRawHttp(...args), [sink.url, RECORDING_BYTES]);
    results.raw = { mbPerSecond: bytes / 2 ** 20 / (ms / 1000), seconds: ms / 1000 };
  } finally {
    await sink.close();
  }
  return results;
}

/**
 * Firefox's SFrame cost, and joins between Chromium and Firefox through the reference server:
 * the agent joins first and admits on the knock; the customer's page times its join() to its
 * first presented remote frame. The pairings take turns.
 */
async function acrossBrowsers() {
  const secret = randomBytes(32).toString('base64url');
  const database = await openEmbeddedDatabase();
  const signaling = createServer({ secret, database, port: 0, logger: () => {} });
  const { url } = await signaling.listen();
  const pages = await servePages(
    {
      '/call.js': await bundle('packages/sdk/test/cross-browser/call-page.ts'),
      '/frame-crypto.js': await bundle('bench/frame-crypto.ts'),
      '/e2ee-worker.js': await bundle(workerEntry),
    },
    ['/call.js', '/frame-crypto.js'],
  );
  const browsers = { chromium: await launchBrowser('chromium'), firefox: await launchBrowser('firefox') };
  try {
    const cryptoPage = await browsers.firefox.open(pages.url);
    const firefoxCrypto = await cryptoPage.evaluate(() => window.sealcallFrameCrypto(), undefined);
    await cryptoPage.close();
    const pairs = [['chromium', 'chromium'], ['chromium', 'firefox'], ['firefox', 'chromium'], ['firefox', 'firefox']];
    const joins = Object.fromEntries(pairs.map((pair) => [pair.join(' -> '), []]));
    for (let run = 0; run < CROSS_RUNS; run++) {
      for (const [agentIn, customerIn] of pairs) {
        const room = `cross-${run}-${randomBytes(6).toString('hex')}`;
        const callSecret = randomBytes(32).toString('base64url');
        const agent = await browsers[agentIn].open(pages.url);
        const customer = await browsers[customerIn].open(pages.url);
        await agent.evaluate((o) => window.sealcallCall.join(o), { url, room, role: 'agent', token: createRoomToken({ secret, subject: 'test-user', room, role: 'agent' }), secret: callSecret });
        await customer.evaluate((o) => window.sealcallCall.join(o), { url, room, role: 'customer', token: createRoomToken({ secret, subject: 'test-user', room, role: 'customer' }), secret: callSecret });
        let firstFrameMs;
        for (const deadline = Date.now() + 20_000; firstFrameMs === undefined && Date.now() < deadline; ) {
          await new Promise((r) => setTimeout(r, 50));
          ({ firstFrameMs } = await customer.evaluate(() => window.sealcallCall.probe(), undefined));
        }
        if (firstFrameMs === undefined) throw new Error(`No frame at the customer (${customerIn}) within 20 s of joining an agent in ${agentIn}.`);
        joins[`${agentIn} -> ${customerIn}`].push(firstFrameMs);
        for (const page of [agent, customer]) {
          await page.evaluate(() => window.sealcallCall.hangUp(), undefined);
          await page.close();
        }
      }
    }
    const errors = [...browsers.chromium.errors, ...browsers.firefox.errors];
    if (errors.length > 0) console.error(`Page errors: ${errors.join('; ')}`);
    return { firefoxCrypto, joins };
  } finally {
    await Promise.all(Object.values(browsers).map((b) => b.close()));
    await pages.close();
    await signaling.close();
    await database.close();
  }
}

console.log('Bundle sizes (esbuild, minified, code splitting, each file gzip -9):');
const { rows: sizeRows, widget } = await sizes();
console.table(sizeRows);

const { samples, bareJoins, frameCrypto, gaps, storage } = await inBrowser();
const { firefoxCrypto, joins } = await acrossBrowsers();
const frameSizes = [...new Set(frameCrypto.map((r) => r.bytes))];
console.log(`SFrame encrypt + decrypt of one frame (SFrameContext; the worker path, FrameCryptor, on a VP8 key frame), median, Chromium, sizes ${frameSizes.join(', ')} bytes:`);
console.table(cryptoTable(frameCrypto));
console.log('The same in Firefox ESR:');
console.table(cryptoTable(firefoxCrypto));
const summary = (key) => ({
  median: `${median(samples.map((s) => s[key])).toFixed(0)} ms`,
  min: `${Math.min(...samples.map((s) => s[key])).toFixed(0)} ms`,
  max: `${Math.max(...samples.map((s) => s[key])).toFixed(0)} ms`,
});
console.log(`join() to first decoded remote video frame, end-to-end encrypted, ${RUNS} calls on loopback through the reference server:`);
console.table({ 'at the customer': summary('customerMs'), 'at the agent': summary('agentMs') });
const spreadOf = (values) => ({ median: `${median(values).toFixed(0)} ms`, min: `${Math.min(...values).toFixed(0)} ms`, max: `${Math.max(...values).toFixed(0)} ms` });
console.log(`The floor, taking turns with those calls: two bare RTCPeerConnections in the page, the same fake media, offer, answer and candidates handed over directly:`);
console.table({ 'bare pair, at the customer (anchor)': spreadOf(bareJoins), 'customer / anchor (medians)': { median: `${(median(samples.map((s) => s.customerMs)) / median(bareJoins)).toFixed(2)}x` } });
console.log(`Customer's join() to its first decoded remote video frame, agent -> customer browser, ${CROSS_RUNS} calls each, taking turns, through the reference server:`);
console.table(Object.fromEntries(Object.entries(joins).map(([pair, values]) => [pair, spreadOf(values)])));

const gapSummary = (key) => ({
  median: `${median(gaps.map((g) => g[key])).toFixed(0)} ms`,
  min: `${Math.min(...gaps.map((g) => g[key])).toFixed(0)} ms`,
  max: `${Math.max(...gaps.map((g) => g[key])).toFixed(0)} ms`,
});
console.log(`Remote video of an end-to-end encrypted call (BroadcastChannel signaling, loopback), ${GAP_RUNS} calls, each measured in the same call:`);
console.table({
  'steady: median frame interval (anchor)': gapSummary('steadyMedianMs'),
  'steady: longest gap in 3 s (anchor)': gapSummary('steadyMaxGapMs'),
  'key rotation: longest gap in the 3 s after': gapSummary('rotationMaxGapMs'),
  'worker terminated: until the heartbeat notices': gapSummary('restartDetectMs'),
  'worker terminated: until the next frame': gapSummary('restartGapMs'),
});

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
console.log(`Encrypt (AES-256-GCM, 64 KiB segments) and store a ${RECORDING_BYTES / 2 ** 20} MiB recording in 256 KiB pieces, 32 of them in flight, Chromium; JS heap of the page sampled every 10 MiB:`);
const { raw, ...stored } = storage;
console.table(
  Object.fromEntries(
    Object.entries(stored).map(([kind, r]) => [
      kind === 'http' ? 'HttpStorage -> reference server (loopback, disk)' : 'IndexedDBStorage',
      {
        throughput: `${r.mbPerSecond.toFixed(1)} MiB/s`,
        total: `${r.seconds.toFixed(1)} s`,
        'heap at 10 MiB': mib(r.heap[0].bytes),
        'heap at 50 MiB': mib(r.heap[4].bytes),
        'heap at 100 MiB': mib(r.heap.at(-1).bytes),
        'peak heap': mib(Math.max(...r.heap.map((h) => h.bytes))),
      },
    ]),
  ),
);
console.log('The anchor of HTTP storage, after them: the same bytes PUT as Blobs in 4 MiB requests to a bare Node HTTP server on loopback that answers once each is on disk:');
console.table({
  'bare PUT to disk (anchor)': { throughput: `${raw.mbPerSecond.toFixed(1)} MiB/s`, total: `${raw.seconds.toFixed(1)} s` },
  'HttpStorage / anchor': { throughput: `${(stored.http.mbPerSecond / raw.mbPerSecond).toFixed(2)}x` },
});

if (jsonFile) {
  const worker = frameCrypto.filter((r) => r.backend === 'worker' && [1024, 10240, 51200].includes(r.bytes));
  const sealcallJoin = median(samples.map((s) => s.customerMs));
  const results = {
    date: new Date().toISOString(),
    sframe: {
      path: "the E2EE worker's (FrameCryptor), AES_128_GCM_SHA256_128, a VP8 key frame; anchor: bare WebCrypto AES-128-GCM taking turns with it",
      sizes: worker.map((r) => r.bytes),
      sealcall_us: worker.map((r) => r.medianUs),
      webcrypto_gcm_us: worker.map((r) => r.anchorUs),
      ratio: worker.map((r) => r.medianUs / r.anchorUs),
      floor_note: 'the anchor plus the two frame-sized copies the layout needs (SFrame header before the ciphertext, VP8 header before the plaintext), taking turns with both',
      floor_us: worker.map((r) => r.floorUs),
      floor_ratio: worker.map((r) => r.floorUs / r.anchorUs),
      ratio_to_floor: worker.map((r) => r.medianUs / r.floorUs),
      send_copy_floor_us: worker.map((r) => r.sendCopyFloorUs),
      send_copy_floor_ratio: worker.map((r) => r.sendCopyFloorUs / r.anchorUs),
    },
    bundle: widget,
    join: { sealcall_ms: sealcallJoin, bare_ms: median(bareJoins), ratio: sealcallJoin / median(bareJoins) },
    storage: { idb_mibs: stored.indexeddb.mbPerSecond, http_mibs: stored.http.mbPerSecond, raw_http_mibs: raw.mbPerSecond, http_ratio: stored.http.mbPerSecond / raw.mbPerSecond },
  };
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${jsonFile}.`);
}
