import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { firefoxPath, firefoxPrefs } from './firefox-path.mjs';

// Pages in real browsers, driven from Node: for the cross-browser call tests and `npm run bench`.

/** esbuild's options for one module (a file, or `{ contents }` to bundle an import of it) as the browser gets it. */
export function bundleOptions(entry, external = []) {
  const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' } };
  return { ...input, external, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['source'], write: false, logLevel: 'silent' };
}

/** One module and everything it imports, dynamic imports included, in one file. */
export async function bundle(entry, external = []) {
  const result = await build(bundleOptions(entry, external));
  return result.outputFiles[0].contents;
}

/**
 * Serves `scripts` (path to bytes) on loopback, and at every other path a page that loads
 * `pageScripts` (each an entry point of its own: a module imported for its side effects from
 * inside a `sideEffects: false` package would be dropped by the bundler). The E2EE worker must be
 * at `/e2ee-worker.js`, next to them.
 */
export async function servePages(scripts, pageScripts = ['/page.js']) {
  const page = `<!doctype html>${pageScripts.map((src) => `<script type="module" src="${src}"></script>`).join('')}`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    const script = scripts[path];
    res.setHeader('content-type', script ? 'text/javascript' : 'text/html');
    res.end(script ?? page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Debian's Chromium (through Playwright) or Firefox ESR (through Puppeteer over WebDriver
 * BiDi), with fake devices and loopback ICE. Their pages share `goto`, `evaluate(fn, arg)` and
 * `waitForFunction`; page errors are collected in `errors`.
 */
export async function launchBrowser(name) {
  const browser =
    name === 'chromium'
      ? await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs })
      : await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath(), headless: true, extraPrefsFirefox: firefoxPrefs });
  const errors = [];
  return {
    name,
    errors,
    async open(url) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
      await page.goto(url);
      return page;
    },
    close: () => browser.close(),
  };
}
