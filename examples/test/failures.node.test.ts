import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-path.mjs';
import { connect, open, screenshots } from './helpers/call-pages.ts';
import { demoForTests } from './helpers/demo.ts';

// The failure catalogue (docs/errors.md) on the demo, produced for real: what the customer and
// the agent read, and the button each is offered.

const demo = demoForTests();
/** What the element says, as a screen reader hears it: the status line (the problem card shows the same words). */
const status = (page: Page) => page.locator('seal-call [part~="status"]');
const actions = (page: Page) => page.locator('seal-call [part~="problem-action"]').allTextContents();

async function agentWithLink(violations: string[]): Promise<{ agent: Page; link: string }> {
  const agent = await open(demo.browser, demo.agentPageUrl, violations);
  const output = agent.locator('#customer-link');
  await output.getByText('/customer.html#').waitFor();
  await agent.getByRole('button', { name: 'Join call' }).click();
  await status(agent).getByText('Waiting for the customer to join…').waitFor();
  return { agent, link: (await output.textContent())! };
}

async function consent(customer: Page, button: 'Accept and continue' | 'Decline'): Promise<void> {
  const dialog = customer.getByRole('dialog', { name: 'Before your video call' });
  if (button === 'Accept and continue') await dialog.getByRole('checkbox', { name: /Video call/ }).check();
  await dialog.getByRole('button', { name: button }).click();
}

test('a damaged link, and a link to a signaling server out of reach: the customer reads which, with the way on', { timeout: 90_000 }, async () => {
  const violations: string[] = [];
  const { link } = await agentWithLink(violations);
  // Cut off inside the call secret, as a mail program that wraps long lines might.
  const customer = await open(demo.browser, link.slice(0, link.indexOf('k=') + 10), violations);
  await status(customer).getByText('This link is incomplete or damaged. Open it again from the message you received, or ask for a new one.').waitFor();
  assert.deepEqual(await actions(customer), ['Ask for a new link']);
  assert.equal(await customer.getByRole('dialog').count(), 0, 'no consent is asked for a call that cannot happen');
  await screenshots(customer, 'failure-link-damaged-customer');

  // The same link naming a signaling server out of reach.
  const url = new URL(link);
  const fragment = new URLSearchParams(url.hash.slice(1));
  fragment.set('signaling', 'ws://127.0.0.1:9');
  url.hash = fragment.toString();
  const unreachable = await open(demo.browser, url.href, violations);
  await consent(unreachable, 'Accept and continue');
  await unreachable.getByRole('button', { name: 'Join call' }).click();
  await status(unreachable).getByText('The call cannot be reached. Check your internet connection, then rejoin.').waitFor();
  assert.deepEqual(await actions(unreachable), ['Rejoin the call']);
  await screenshots(unreachable, 'failure-unreachable-customer');
  assert.deepEqual(violations, []);
});

test('a decline: the agent is told; the customer can review the notice, accept, and still join with the same link', { timeout: 90_000 }, async () => {
  const violations: string[] = [];
  const { agent, link } = await agentWithLink(violations);
  const customer = await open(demo.browser, link, violations);
  await consent(customer, 'Decline');
  await status(customer).getByText('You declined, so the call will not take place. Your camera and microphone were not used.').waitFor();
  await status(agent).getByText('The customer declined the notice, so the call will not take place.').waitFor();
  assert.deepEqual(await actions(agent), []);
  await screenshots(customer, 'failure-declined-customer');
  await screenshots(agent, 'failure-declined-agent');

  await customer.locator('seal-call').getByRole('button', { name: 'Review the notice' }).click();
  await consent(customer, 'Accept and continue');
  await customer.getByRole('button', { name: 'Join call' }).click();
  await agent.getByRole('button', { name: 'Admit' }).click();
  await status(agent).getByText('Connected.').waitFor();
  await status(customer).getByText('Connected.').waitFor();
  assert.deepEqual(violations, []);
});

test('a link used twice: the customer reads so, and the agent is told while no customer is in the call', { timeout: 90_000 }, async () => {
  const violations: string[] = [];
  const { agent, link } = await agentWithLink(violations);
  const first = await open(demo.browser, link, violations);
  await consent(first, 'Accept and continue');
  await first.getByRole('button', { name: 'Join call' }).click();
  await agent.getByRole('button', { name: 'Admit' }).waitFor();
  await screenshots(agent, 'lobby-agent');
  await screenshots(first, 'lobby-customer');
  await first.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('button', { name: 'Admit' }).waitFor({ state: 'detached' });

  const again = await open(demo.browser, link, violations);
  await consent(again, 'Accept and continue');
  await again.getByRole('button', { name: 'Join call' }).click();
  await status(again).getByText('This link has already been used, perhaps in another window or tab. Continue there, or ask for a new link.').waitFor();
  assert.deepEqual(await actions(again), ['Ask for a new link']);
  await status(agent).getByText('The customer opened a link that was already used. Start a new call and send them its link.').waitFor();
  assert.deepEqual(await actions(agent), ['Start a new call']);
  await screenshots(again, 'failure-link-used-customer');
  await screenshots(agent, 'failure-link-used-agent');
  assert.deepEqual(violations, []);
});

test('a browser without camera access, then a camera refused in the browser: the customer can try again, and the agent is told each time', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const { agent, link } = await agentWithLink(violations);
  // First a browser that offers no camera or microphone to pages at all.
  const without = await demo.browser.newContext();
  try {
    const customer = await without.newPage();
    customer.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await customer.addInitScript('delete MediaDevices.prototype.getUserMedia');
    await customer.goto(link);
    await consent(customer, 'Accept and continue');
    await customer.getByRole('button', { name: 'Join call' }).click();
    await status(customer).getByText('This browser cannot make secure video calls. Open the link in a current Chrome, Edge, Firefox or Safari.').waitFor();
    assert.deepEqual(await actions(customer), []);
    await status(agent).getByText('The customer’s browser cannot make secure video calls. They were asked to open the link in another browser.').waitFor();
  } finally {
    await without.close();
  }
  // Then a browser whose camera and microphone prompts are answered "Block", as a customer might.
  const blocking = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs.filter((arg) => arg !== '--use-fake-ui-for-media-stream'), '--deny-permission-prompts'] });
  try {
    const context = await blocking.newContext();
    const customer = await context.newPage();
    customer.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await customer.goto(link);
    await consent(customer, 'Accept and continue');
    await customer.getByRole('button', { name: 'Join call' }).click();
    await status(customer).getByText('Your browser blocked the camera or microphone. Allow both for this site (the camera icon in the address bar), then try again.').waitFor();
    assert.deepEqual(await actions(customer), ['Try again']);
    await status(agent).getByText('The customer’s browser blocked their camera or microphone. They were shown how to allow it and try again.').waitFor();
    await screenshots(customer, 'failure-camera-blocked-customer');
    await screenshots(agent, 'failure-camera-blocked-agent');

    await context.grantPermissions(['camera', 'microphone'], { origin: new URL(link).origin });
    await customer.locator('seal-call').getByRole('button', { name: 'Try again' }).click();
    await agent.getByRole('button', { name: 'Admit' }).click();
    await status(customer).getByText('Connected.').waitFor();
  } finally {
    await blocking.close();
  }
  assert.deepEqual(violations, []);
});

test('the agent reloads mid-call: the customer reads that the claims handler is reconnecting, and the call resumes', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(demo.browser, demo.agentPageUrl, violations);
  const output = agent.locator('#customer-link');
  await output.getByText('/customer.html#').waitFor();
  const link = (await output.textContent())!;
  const customer = await open(demo.browser, link, violations);
  await connect(agent, customer);

  await agent.reload();
  await status(customer).getByText('Your claims handler is reconnecting…').waitFor();
  await screenshots(customer, 'failure-agent-reconnecting-customer');
  await agent.locator('#customer-link').getByText('/customer.html#').waitFor();
  assert.equal(await agent.locator('#customer-link').textContent(), link, 'the same call, with the same link');
  await status(agent).getByText('Connected.').waitFor({ timeout: 60_000 });
  await status(customer).getByText('Connected.').waitFor({ timeout: 60_000 });
  assert.deepEqual(violations, []);
});
