import { chromium } from 'playwright';
import { bundle, servePages } from './browser-pages.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';

// `npm run bench:documents [rounds]`: a 10 MB document sent during a call (sealed end to end,
// checked, in chunks) next to the same bytes over a bare data channel, taking turns in one
// Chromium page. Rounds (default 5) alternate the two; the table shows each and the medians.
const rounds = Number(process.argv[2] ?? 5);
const SIZE = 10_000_000;
const web = await servePages({
  '/page.js': await bundle({ contents: `import './bench/document-transfer.ts';` }),
  '/e2ee-worker.js': await bundle('packages/sdk/src/e2ee/e2ee-worker.ts'),
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`Bench page error: ${error.message}`));
  await page.goto(web.url);
  await page.waitForFunction(() => typeof window.sealcallDocumentTransfer === 'function');
  const runs = [];
  for (let round = 0; round < rounds; round++) runs.push(await page.evaluate((size) => window.sealcallDocumentTransfer(size), SIZE));
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const mibs = (ms) => (SIZE / 1024 / 1024 / (ms / 1000)).toFixed(1);
  const rows = runs.map(({ sealcallMs, bareMs }) => ({ 'sendDocument, ms': Math.round(sealcallMs), 'bare data channel, ms': Math.round(bareMs), ratio: (sealcallMs / bareMs).toFixed(2) }));
  const sealcall = median(runs.map((r) => r.sealcallMs));
  const bare = median(runs.map((r) => r.bareMs));
  console.log(`A 10 MB document, customer to agent, ${rounds} rounds, Chromium:`);
  console.table(rows);
  console.log(`median: sendDocument ${Math.round(sealcall)} ms (${mibs(sealcall)} MiB/s), bare data channel ${Math.round(bare)} ms (${mibs(bare)} MiB/s), ratio of medians ${(sealcall / bare).toFixed(2)}x`);
} finally {
  await browser.close();
  await web.close();
}
