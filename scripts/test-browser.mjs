// Runs the browser tests in one browser (`node scripts/test-browser.mjs chromium`), the way
// `npm run test:chromium` and `test:firefox` do. Debian's Chromium 150 crashes a test page now
// and then (a null pointer in the renderer's main thread, the same address every time, in a
// different test file each run: docs/testing.md). When every failed file of a run failed only
// because its page crashed, those files run once more, and their second run decides; any other
// failure fails at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [browser, ...extra] = process.argv.slice(2);
if (browser !== 'chromium' && browser !== 'firefox') {
  console.error('Usage: node scripts/test-browser.mjs chromium|firefox [web-test-runner options]');
  process.exit(2);
}
const folder = mkdtempSync(join(tmpdir(), 'sealcall-browser-'));
const results = join(folder, 'results.json');

function run(args) {
  rmSync(results, { force: true });
  const { status, signal } = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...args],
    { stdio: 'inherit', env: { ...process.env, TEST_BROWSERS: browser, SEALCALL_BROWSER_RESULTS: results } },
  );
  const outcome = (() => {
    try {
      return JSON.parse(readFileSync(results, 'utf8'));
    } catch {
      return undefined;
    }
  })();
  return { status: status ?? (signal ? 1 : 0), outcome };
}

/** The options without `--files` and its values: the second run names its own. */
function withoutFiles(args) {
  const kept = [];
  let skipping = false;
  for (const arg of args) {
    if (arg === '--files') skipping = true;
    else if (arg.startsWith('-')) skipping = false;
    if (!skipping) kept.push(arg);
  }
  return kept;
}

try {
  const first = run(extra);
  if (first.status === 0) process.exit(0);
  const { failed = [], crashed = [] } = first.outcome ?? {};
  if (crashed.length === 0 || failed.some((file) => !crashed.includes(file))) process.exit(first.status);
  console.log(`\n${browser}'s page crashed under ${crashed.join(', ')}, and nothing else failed: running ${crashed.length === 1 ? 'that file' : 'those files'} once more.\n`);
  process.exit(run([...withoutFiles(extra), '--files', ...crashed]).status);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
