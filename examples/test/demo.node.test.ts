import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';

// The README's quick start, as a user would follow it: `npm start`, open the agent page, send
// the customer link to a second tab, accept the consent dialog, join on both sides, admit, and
// see each other.

let demo: ChildProcess;
let agentPageUrl: string;
let browser: Browser;

before(async () => {
  demo = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/start.mjs'], {
    env: { ...process.env, PORT: '0', SIGNALING_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  agentPageUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    demo.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /Agent page:\s+(\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    demo.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  demo?.kill('SIGTERM');
});

async function open(url: string, violations: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

async function remoteFrames(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const video = document.querySelector('seal-call')!.shadowRoot!.querySelector<HTMLVideoElement>('video.remote')!;
    for (let i = 0; i < 10; i++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    return video.videoWidth;
  });
}

test('the quick start connects an agent and a customer, keeps a picture on the server, and the back office shows it, under a strict CSP', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(agentPageUrl, violations);
  const link = agent.locator('#customer-link');
  await assert.doesNotReject(link.getByText('/customer.html#').waitFor());
  const customerLink = await link.textContent();
  assert.ok(customerLink && !customerLink.includes('?'), 'the token travels in the fragment only');

  const customer = await open(customerLink, violations);
  await connect(agent, customer);
  if (process.env.DEMO_SCREENSHOT) await agent.screenshot({ path: process.env.DEMO_SCREENSHOT, fullPage: true });

  // A picture: the customer agrees in the call, the agent keeps it, and it goes to the server,
  // encrypted for the back office.
  await agent.locator('seal-capture').getByRole('button', { name: 'Take picture' }).click();
  const ask = customer.getByRole('dialog', { name: 'May we take pictures?' });
  await ask.getByRole('checkbox').check();
  await ask.getByRole('button', { name: 'Accept and continue' }).click();
  await agent.locator('seal-capture').getByRole('button', { name: 'Keep picture' }).click();
  await agent.locator('#stored').getByText(/^Picture, \d+ bytes encrypted$/).waitFor();

  await customer.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('status').getByText('The call has ended.').waitFor();

  // The back office: the agent finds the call they just made, newest first, and opens the picture.
  const backOffice = await open(new URL('back-office.html', agentPageUrl).href, violations);
  const records = backOffice.locator('seal-records');
  await records.getByText('Signed in as agent').waitFor();
  await records.getByRole('button', { name: 'What was captured' }).first().click();
  await records.getByRole('button', { name: 'View' }).first().click();
  const picture = records.getByRole('img');
  await picture.waitFor();
  assert.ok(await picture.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)) > 0, 'the picture decrypts in the back office');
  await screenshots(backOffice, 'records-agent-picture');

  await backOffice.getByLabel('Data protection officer').check();
  await records.getByText('Signed in as data protection officer').waitFor();
  await records.getByRole('button', { name: 'Audit trail' }).first().click();
  await records.getByRole('listitem').filter({ hasText: 'Call started' }).first().waitFor();
  await screenshots(backOffice, 'records-dpo-audit');
  assert.deepEqual(violations, []);
});

test('the customer page written with @sealcall/react connects a call the same way', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(agentPageUrl, violations);
  const link = agent.locator('#customer-link');
  await link.getByText('/customer.html#').waitFor();
  const customer = await open((await link.textContent())!.replace('/customer.html#', '/customer-react.html#'), violations);
  await connect(agent, customer);
  await screenshots(customer, 'customer-react-connected');
  await customer.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('status').getByText('The call has ended.').waitFor();
  assert.deepEqual(violations, []);
});

/** The customer accepts the notice, both join, the agent admits: both see each other, end-to-end encrypted, with the same code. */
async function connect(agent: Page, customer: Page): Promise<void> {
  const consent = customer.getByRole('dialog', { name: 'Before your video call' });
  await consent.getByRole('checkbox', { name: /Video call/ }).check();
  await consent.getByRole('button', { name: 'Accept and continue' }).click();
  await agent.getByRole('button', { name: 'Join call' }).click();
  await customer.getByRole('button', { name: 'Join call' }).click();
  await agent.getByRole('button', { name: 'Admit' }).click();

  await agent.getByRole('status').getByText('Connected.').waitFor();
  await customer.getByRole('status').getByText('Connected.').waitFor();
  const securityCode = (page: Page) => page.locator('seal-call .sas').textContent();
  await agent.locator('seal-call').getByText('End-to-end encrypted', { exact: true }).waitFor();
  await customer.locator('seal-call').getByText('End-to-end encrypted', { exact: true }).waitFor();
  assert.equal(await securityCode(agent), await securityCode(customer), 'both sides show the same security code');
  assert.ok((await remoteFrames(agent)) > 0, 'the agent sees the customer');
  assert.ok((await remoteFrames(customer)) > 0, 'the customer sees the agent');
}

/** With DEMO_SCREENSHOTS=<dir>: the page at a phone's width and a desktop's. */
async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.DEMO_SCREENSHOTS;
  if (!dir) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
}
