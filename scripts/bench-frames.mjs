import { chromium } from 'playwright';
import { bundle, servePages } from './browser-pages.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { cryptoTable } from './frame-crypto-table.mjs';

// `npm run bench:frames [rounds]`: the per-frame part of `npm run bench` alone, in Chromium:
// SFrameContext, and the E2EE worker's frame path, each next to bare WebCrypto AES-GCM taking
// turns with it, in the same page. Rounds (default 2) run one after the other.
const rounds = Number(process.argv[2] ?? 2);
const web = await servePages({ '/page.js': await bundle({ contents: `import './bench/frame-crypto.ts';` }) });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(web.url);
  await page.waitForFunction(() => typeof window.sealcallFrameCrypto === 'function');
  for (let round = 1; round <= rounds; round++) {
    console.log(`Round ${round} of ${rounds}: encrypt + decrypt of one frame, median, Chromium:`);
    console.table(cryptoTable(await page.evaluate(() => window.sealcallFrameCrypto())));
  }
} finally {
  await browser.close();
  await web.close();
}
