import { createServer as createHttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import { createRoomToken, createServer } from '@sealcall/server';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

// `npm run bench`: bundle sizes of the SDK and the components, and the time from join() to
// the first decoded remote video frame, median of 10 calls on loopback. Results go, with this
// command, into docs/benchmarks.md by hand.
const RUNS = 10;

async function bundle(contents, resolveDir = process.cwd()) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
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
    '@sealcall/sdk (CallSession + both adapters, with simple-peer)': `export * from '@sealcall/sdk';`,
    '@sealcall/components/seal-call.js (<seal-call> with lit; the SDK is imported separately)': `export * from '@sealcall/components/seal-call.js';`,
  };
  const rows = [];
  for (const [name, code] of Object.entries(entries)) {
    const bytes = await bundle(code);
    rows.push({ name, minified: kb(bytes.byteLength), gzip: kb(gzipSync(bytes, { level: 9 }).byteLength) });
  }
  return rows;
}

async function joinToFirstFrame() {
  const secret = randomBytes(32).toString('base64url');
  const signaling = createServer({ secret, port: 0, logger: () => {} });
  const { url } = await signaling.listen();
  const script = await bundle(`import './bench/join-to-first-frame.ts';`);
  const web = createHttpServer((req, res) => {
    if (req.url === '/bench.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(script);
    } else {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><script type="module" src="/bench.js"></script>');
    }
  });
  await new Promise((resolve) => web.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${web.address().port}/`);
    await page.waitForFunction(() => typeof window.sealcallBench === 'function');
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const room = `bench-${i}-${randomBytes(6).toString('hex')}`;
      const agentToken = createRoomToken({ secret, room, role: 'agent' });
      const customerToken = createRoomToken({ secret, room, role: 'customer' });
      samples.push(await page.evaluate((args) => window.sealcallBench(...args), [url, room, agentToken, customerToken]));
    }
    return samples;
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

const samples = await joinToFirstFrame();
const summary = (key) => ({
  median: `${median(samples.map((s) => s[key])).toFixed(0)} ms`,
  min: `${Math.min(...samples.map((s) => s[key])).toFixed(0)} ms`,
  max: `${Math.max(...samples.map((s) => s[key])).toFixed(0)} ms`,
});
console.log(`join() to first decoded remote video frame, ${RUNS} calls on loopback through the reference server:`);
console.table({ 'at the customer': summary('customerMs'), 'at the agent': summary('agentMs') });
