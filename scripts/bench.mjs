import { createServer as createHttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { createRoomToken, createServer } from '@sealcall/server';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

// `npm run bench`: bundle sizes, per-frame SFrame cost in the browser, and the time from
// join() to the first decoded remote video frame of an end-to-end encrypted call, median of 10
// calls on loopback. Results go, with this
// command, into docs/benchmarks.md by hand.
const RUNS = 10;
const workerEntry = 'packages/sdk/src/e2ee/e2ee-worker.ts';

/** Bundles one module (a file, or `{ contents }` to bundle an import of it) as the browser gets it. */
async function bundle(entry) {
  const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' } };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function sizes() {
  const entries = {
    '@sealcall/sdk (CallSession, both adapters, E2EE key agreement, with simple-peer and noble)': { contents: `export * from '@sealcall/sdk';` },
    '@sealcall/sdk/e2ee-worker.js (the E2EE worker, with @sealcall/sframe and noble)': workerEntry,
    '@sealcall/components/seal-call.js (<seal-call> with lit; the SDK is imported separately)': { contents: `export * from '@sealcall/components/seal-call.js';` },
  };
  const rows = [];
  for (const [name, entry] of Object.entries(entries)) {
    const bytes = await bundle(entry);
    rows.push({ name, minified: kb(bytes.byteLength), gzip: kb(gzipSync(bytes, { level: 9 }).byteLength) });
  }
  return rows;
}

async function inBrowser() {
  const secret = randomBytes(32).toString('base64url');
  const signaling = createServer({ secret, port: 0, logger: () => {} });
  const { url } = await signaling.listen();
  const script = await bundle({ contents: `import './bench/join-to-first-frame.ts'; import './bench/frame-crypto.ts';` });
  const worker = await bundle(workerEntry);
  const web = createHttpServer((req, res) => {
    if (req.url === '/bench.js' || req.url === '/e2ee-worker.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(req.url === '/bench.js' ? script : worker);
    } else {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><script type="module" src="/bench.js"></script>');
    }
  });
  await new Promise((resolve) => web.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    page.on('crash', () => console.error('The bench page crashed.'));
    page.on('pageerror', (error) => console.error(`Bench page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${web.address().port}/`);
    await page.waitForFunction(() => typeof window.sealcallBench === 'function');
    const frameCrypto = await page.evaluate(() => window.sealcallFrameCrypto());
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const room = `bench-${i}-${randomBytes(6).toString('hex')}`;
      const agentToken = createRoomToken({ secret, room, role: 'agent' });
      const customerToken = createRoomToken({ secret, room, role: 'customer' });
      samples.push(await page.evaluate((args) => window.sealcallBench(...args), [url, room, agentToken, customerToken]));
    }
    return { samples, frameCrypto };
  } finally {
    await browser.close();
    web.close();
    await signaling.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log('Bundle sizes (esbuild, minified, gzip -9):');
console.table(await sizes());

const { samples, frameCrypto } = await inBrowser();
const suiteNames = { 1: 'AES_128_CTR_HMAC_SHA256_80', 4: 'AES_128_GCM_SHA256_128' };
const frameSizes = [...new Set(frameCrypto.map((r) => r.bytes))];
const rows = {};
for (const r of frameCrypto) {
  const name = `${suiteNames[r.suite]}, ${r.backend}`;
  rows[name] ??= {};
  rows[name][r.bytes >= 1024 ? `${r.bytes / 1024} KB` : `${r.bytes} B`] = `${r.medianUs} us`;
}
console.log(`SFrame encrypt + decrypt of one frame (SFrameContext), median, Chromium, sizes ${frameSizes.join(', ')} bytes:`);
console.table(rows);
const summary = (key) => ({
  median: `${median(samples.map((s) => s[key])).toFixed(0)} ms`,
  min: `${Math.min(...samples.map((s) => s[key])).toFixed(0)} ms`,
  max: `${Math.max(...samples.map((s) => s[key])).toFixed(0)} ms`,
});
console.log(`join() to first decoded remote video frame, end-to-end encrypted, ${RUNS} calls on loopback through the reference server:`);
console.table({ 'at the customer': summary('customerMs'), 'at the agent': summary('agentMs') });
