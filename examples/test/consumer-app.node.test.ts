import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';
import { build, guideFiles, prepareConsumerApp, typecheck } from '../../scripts/consumer-app.mjs';
import { connect, open } from './helpers/call-pages.ts';
import { startUntil, type Started } from './helpers/processes.ts';

// docs/getting-started.md, followed by an integrator: the packages installed from their
// tarballs into a fresh app outside the workspace, the guide's files as they stand in the
// guide, type-checked strictly against the published declarations, built with Vite, served,
// and a call connected between two Chromium pages through the server the tarball's
// `sealcall-server` bin starts. Needs `npm run build` first (npm test runs it).

let app: string;
const running: Started[] = [];
let browser: Browser | undefined;

before(async () => {
  app = await prepareConsumerApp();
});

after(async () => {
  await browser?.close();
  for (const started of running) started.stop();
  if (app) await rm(dirname(app), { recursive: true, force: true });
});

test('the guide names every file its app needs, and each is a whole file', async () => {
  const files = await guideFiles();
  assert.deepEqual([...files.keys()].sort(), ['agent.html', 'api.ts', 'backend.ts', 'customer.html', 'src/agent.ts', 'src/customer.ts', 'src/notice.ts', 'src/problem.ts', 'src/worker.ts', 'tsconfig.json', 'vite.config.ts']);
});

test("the guide's app type-checks strictly against the packed declarations, with skipLibCheck off", { timeout: 120_000 }, async () => {
  await assert.doesNotReject(typecheck(app));
});

test("the guide's app builds, and connects a call through the server the tarball's bin starts", { timeout: 240_000 }, async () => {
  const { pages } = await build(app);
  assert.deepEqual(Object.keys(pages).sort(), ['agent', 'customer']);

  const secret = randomBytes(32).toString('base64url');
  const env = { ...process.env, SEALCALL_SECRET: secret };
  const server = await startUntil(join(app, 'node_modules/.bin/sealcall-server'), ['--host', '127.0.0.1', '--port', '0', '--data-dir', join(app, 'sealcall-data')], { cwd: app, env }, /"url":"(ws:\/\/[^"]+)"/);
  running.push(server);
  const backEnd = await startUntil('npx', ['--no-install', 'tsx', 'backend.ts'], { cwd: app, env: { ...env, SEALCALL_URL: server.match[1]!, PORT: '0' } }, /Back end on (\S+)/);
  running.push(backEnd);
  const preview = await startUntil('npx', ['--no-install', 'vite', 'preview', '--host', '127.0.0.1'], { cwd: app, env: { ...env, BACK_END_URL: backEnd.match[1]! } }, /(http:\/\/127\.0\.0\.1:\d+\/)/);
  running.push(preview);

  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const problems: string[] = [];
  const agent = await open(browser, new URL('agent.html', preview.match[1]).href, problems);
  const link = agent.locator('#customer-link');
  await link.getByText('/customer.html#').waitFor();
  const customer = await open(browser, (await link.textContent())!, problems);
  await connect(agent, customer);
  await customer.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('status').getByText('The customer left the call.').waitFor();
  const problem = agent.locator('#problem');
  assert.equal(await problem.isHidden(), true, `the agent page shows no problem, got ${await problem.getAttribute('data-code')}: ${await problem.textContent()}`);
  assert.deepEqual(problems, []);
});
