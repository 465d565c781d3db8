import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright';

/** Every violation, Trusted Types' included, to the console; a string, so that no compiler helper is missing in the page. */
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) => console.error('Content Security Policy: ' + event.effectiveDirective + ' refused ' + (event.blockedURI || 'inline code')), true);`;

/** A new page at `url` that adds every page error and Content Security Policy report to `problems`. */
export async function open(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(REPORT_VIOLATIONS);
  await page.goto(url);
  return page;
}

/** The customer accepts the notice, both join, the agent admits: both see each other, end-to-end encrypted, with the same code. */
export async function connect(agent: Page, customer: Page): Promise<void> {
  const consent = customer.getByRole('dialog', { name: 'Before your video call' });
  await consent.getByRole('checkbox', { name: /Video call/ }).check();
  await consent.getByRole('button', { name: 'Accept and continue' }).click();
  await agent.getByRole('button', { name: 'Join call' }).click();
  await customer.getByRole('button', { name: 'Join call' }).click();
  await agent.getByRole('button', { name: 'Admit' }).click();

  await agent.getByRole('status').getByText('Connected.').waitFor();
  await customer.getByRole('status').getByText('Connected.').waitFor();
  const securityCode = (page: Page) => page.locator('seal-call .sas-digits').textContent();
  await agent.locator('seal-call').getByText('End-to-end encrypted', { exact: true }).waitFor();
  await customer.locator('seal-call').getByText('End-to-end encrypted', { exact: true }).waitFor();
  assert.equal(await securityCode(agent), await securityCode(customer), 'both sides show the same security code');
  assert.ok((await remoteFrames(agent)) > 0, 'the agent sees the customer');
  assert.ok((await remoteFrames(customer)) > 0, 'the customer sees the agent');
}


/** The width of the other side's video once ten frames were presented: 0 if none arrive. */
export async function remoteFrames(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const video = document.querySelector('seal-call')!.shadowRoot!.querySelector<HTMLVideoElement>('video.remote')!;
    for (let i = 0; i < 10; i++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    return video.videoWidth;
  });
}

/** With DEMO_SCREENSHOTS=<dir>: the page at a small phone's width, a phone's and a desktop's. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.DEMO_SCREENSHOTS;
  if (!dir) return;
  // A page behind another one of the same headless browser paints its videos black.
  await page.bringToFront();
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
}
