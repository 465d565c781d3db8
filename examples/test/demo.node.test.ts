import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright';
import { connect, open, screenshots } from './helpers/call-pages.ts';
import { demoForTests } from './helpers/demo.ts';

// The README's quick start, as a user would follow it: `npm start`, open the agent page, send
// the customer link to a second tab, accept the consent dialog, join on both sides, admit, and
// see each other.

const require = createRequire(import.meta.url);
const demo = demoForTests();

test('the quick start connects an agent and a customer, keeps a picture on the server, and the back office shows it, under a strict CSP', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(demo.browser, demo.agentPageUrl, violations);
  const link = agent.locator('#customer-link');
  await assert.doesNotReject(link.getByText('/customer.html#').waitFor());
  const customerLink = await link.textContent();
  assert.ok(customerLink && !customerLink.includes('?'), 'the token travels in the fragment only');

  const customer = await open(demo.browser, customerLink, violations);
  await connect(agent, customer);
  await screenshots(agent, 'connected-agent');
  await screenshots(customer, 'connected-customer');

  // Chat: the agent writes, the customer sees that a message came and opens the chat.
  await agent.getByRole('button', { name: 'Chat', exact: true }).click();
  await agent.getByLabel('Your message').fill('Could you show me the kitchen window? The form: https://insurer.example/claims');
  await agent.getByRole('button', { name: 'Send' }).click();
  const unread = customer.getByRole('button', { name: 'Chat (1 new message)' });
  await unread.waitFor();
  await screenshots(customer, 'chat-unread-customer');
  await unread.click();
  await customer.getByRole('log').getByText('Could you show me the kitchen window?').waitFor();
  assert.equal(await customer.getByRole('log').getByRole('link').getAttribute('href'), 'https://insurer.example/claims');
  await screenshots(customer, 'chat-open-customer');
  await screenshots(agent, 'chat-open-agent');

  // A document: the customer picks a PDF, reads what becomes of it and agrees to send it (the
  // notice's `document` purpose); the agent can save it, and it goes to the server encrypted.
  const [chooser] = await Promise.all([customer.waitForEvent('filechooser'), customer.getByRole('button', { name: 'Attach' }).click()]);
  await chooser.setFiles({ name: 'claim-photos.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(180_000, 0x20)]) });
  const sendIt = customer.getByRole('dialog', { name: 'Send “claim-photos.pdf” (180 kB)?' });
  await sendIt.getByText('Documents you send').waitFor();
  await sendIt.getByRole('checkbox').check();
  await screenshots(customer, 'document-consent-customer');
  await sendIt.getByRole('button', { name: 'Send document' }).click();
  await agent.getByRole('log').getByRole('link', { name: 'Save' }).waitFor();
  await agent.locator('seal-capture').getByText('“claim-photos.pdf” from the customer kept, encrypted.').waitFor();
  await agent.locator('#stored').getByText(/^Document, \d+ bytes encrypted$/).waitFor();
  await customer.getByRole('log').getByRole('link', { name: 'Save' }).waitFor();
  await screenshots(customer, 'document-sent-customer');
  await screenshots(agent, 'document-received-agent');
  await customer.getByRole('button', { name: 'Close chat' }).click();
  await agent.getByRole('button', { name: 'Close chat' }).click();

  // Location, once: the agent asks, the customer agrees in the call and their browser allows it;
  // the agent sees the place, and it goes to the server encrypted, under the customer's grant.
  // Granting replaces the context's permissions: camera and microphone stay granted, or the call's camera stops.
  await customer.context().grantPermissions(['geolocation', 'camera', 'microphone']);
  await customer.context().setGeolocation({ latitude: 50.85045, longitude: 4.34878, accuracy: 30 });
  await agent.locator('seal-capture').getByRole('button', { name: 'Ask for location' }).click();
  const where = customer.getByRole('dialog', { name: 'May we see where you are?' });
  await where.getByRole('checkbox').check();
  await screenshots(customer, 'location-consent-customer');
  await where.getByRole('button', { name: 'Accept and continue' }).click();
  await agent.locator('seal-capture').getByText('Location: 50.85045, 4.34878, within 30 m').waitFor();
  await agent.locator('seal-capture').getByText('Location kept, encrypted.').waitFor();
  await customer.locator('seal-call').getByText('You shared your location once.').waitFor();
  await screenshots(agent, 'location-agent');
  await screenshots(customer, 'location-shared-customer');

  // A picture: the customer agrees in the call, the agent keeps it, and it goes to the server,
  // encrypted for the back office.
  await agent.locator('seal-capture').getByRole('button', { name: 'Take picture' }).click();
  const ask = customer.getByRole('dialog', { name: 'May we take pictures?' });
  await ask.getByRole('checkbox').check();
  await ask.getByRole('button', { name: 'Accept and continue' }).click();
  await agent.locator('seal-capture').getByRole('button', { name: 'Keep picture' }).click();
  await agent.locator('#stored').getByText(/^Picture, \d+ bytes encrypted$/).waitFor();

  await customer.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('status').getByText('The customer left the call.').waitFor();

  // The back office: the agent finds the call they just made, newest first, and opens the picture.
  const backOffice = await open(demo.browser, new URL('back-office.html', demo.agentPageUrl).href, violations);
  const records = backOffice.locator('seal-records');
  await records.getByText('Signed in as agent').waitFor();
  await records.getByRole('button', { name: 'What was captured' }).first().click();
  await records.locator('[part="artifact"]').filter({ hasText: 'Picture of' }).getByRole('button', { name: 'View' }).click();
  const picture = records.getByRole('img');
  await picture.waitFor();
  assert.ok(await picture.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)) > 0, 'the picture decrypts in the back office');
  await screenshots(backOffice, 'records-agent-picture');
  await records.getByRole('button', { name: 'Close' }).click();
  await records.locator('[part="artifact"]').filter({ hasText: 'Location of' }).getByRole('button', { name: 'View' }).click();
  await records.getByText('50.85045, 4.34878, within 30 m').waitFor();
  await screenshots(backOffice, 'records-agent-location');

  await backOffice.getByLabel('Data protection officer').check();
  await records.getByText('Signed in as data protection officer').waitFor();
  await records.getByRole('button', { name: 'Audit trail' }).first().click();
  await records.getByRole('listitem').filter({ hasText: 'Call started' }).first().waitFor();
  await screenshots(backOffice, 'records-dpo-audit');
  assert.deepEqual(violations, []);
});

test('the customer page written with @sealcall/react connects a call the same way', { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(demo.browser, demo.agentPageUrl, violations);
  const link = agent.locator('#customer-link');
  await link.getByText('/customer.html#').waitFor();
  const customer = await open(demo.browser, (await link.textContent())!.replace('/customer.html#', '/customer-react.html#'), violations);
  await connect(agent, customer);
  await screenshots(customer, 'customer-react-connected');
  await customer.getByRole('button', { name: 'Hang up' }).click();
  await agent.getByRole('status').getByText('The customer left the call.').waitFor();
  assert.deepEqual(violations, []);
});

test("the partner page puts every element in the partner's colours, font, corners and logo from one stylesheet, accessibly, under the same CSP", { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const page = await open(demo.browser, new URL('partner.html', demo.agentPageUrl).href, violations);
  await page.locator('#customer-link').getByText('/customer.html#').waitFor();
  const records = page.locator('seal-records');
  await records.getByText('Signed in as agent').waitFor();
  await records.getByRole('heading', { name: 'Brightline claims archive' }).waitFor();
  const style = (selector: string, property: string) =>
    page.evaluate(([selector, property]) => {
      const [host, inner] = selector!.split(' >> ');
      const element = inner ? document.querySelector(host!)!.shadowRoot!.querySelector(inner)! : document.querySelector(host!)!;
      return getComputedStyle(element).getPropertyValue(property!);
    }, [selector, property]);
  assert.equal(await style('seal-call', 'background-color'), 'rgb(11, 61, 58)', "the call's own custom property");
  assert.equal(await style('seal-call >> [part~="join"]', 'background-color'), 'rgb(242, 193, 78)', 'a ::part rule');
  assert.equal(await style('seal-capture', 'border-top-left-radius'), '4px', 'the radius token');
  assert.match(await style('seal-records', 'font-family'), /^Georgia/, 'the font token');
  assert.equal(await style('seal-records >> [part~="call"]', 'border-left-color'), 'rgb(242, 193, 78)', 'a ::part rule on the back office');
  assert.ok(await page.locator('seal-call img[slot="logo"]').evaluate((logo: HTMLImageElement) => logo.assignedSlot !== null && logo.complete && logo.naturalWidth > 0), "the logo in the call's slot");
  await screenshots(page, 'partner-page');

  await page.getByRole('button', { name: 'Show the consent dialog' }).click();
  const dialog = page.getByRole('dialog', { name: 'Before your video call' });
  await dialog.waitFor();
  assert.ok(await page.locator('seal-consent-dialog img[slot="logo"]').evaluate((logo: HTMLImageElement) => logo.assignedSlot !== null), "the logo in the dialog's slot");
  assert.equal(await style('seal-consent-dialog >> [part~="accept"]', 'font-variant-caps'), 'small-caps', 'a ::part rule on the dialog');
  await screenshots(page, 'partner-consent');
  assert.deepEqual(await axeViolations(page), [], 'the partner theme keeps every element accessible (axe, WCAG 2.1 AA), the consent dialog open');
  await dialog.getByRole('button', { name: 'Decline' }).click();
  assert.deepEqual(await axeViolations(page), [], 'and closed');
  assert.deepEqual(violations, []);
});

/** axe-core's WCAG 2.1 A and AA violations on the page, as `rule: help`. Injected through DevTools, which the page's CSP does not govern. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
  });
}
