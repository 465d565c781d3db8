import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, remoteFrames, screenshots } from './helpers/call-pages.ts';
import { demoForTests } from './helpers/demo.ts';

// The demo's pages speak the browser's language, one of the elements' five, and switch on request;
// the notice, before the call and in it, is in the page's language, and so are the consent records.

const demo = demoForTests();

test("a Polish browser: the customer's page, its notice and the consent step in the call speak Polish, and the records say pl", { timeout: 120_000 }, async () => {
  const violations: string[] = [];
  const agent = await open(demo.browser, demo.agentPageUrl, violations);
  await agent.locator('#customer-link').getByText('/customer.html#').waitFor();
  const link = (await agent.locator('#customer-link').textContent())!;
  await agent.getByLabel('Language').selectOption('pl');
  assert.equal(await agent.evaluate(() => document.documentElement.lang), 'pl');
  await agent.locator('seal-call').getByRole('button', { name: 'Dołącz' }).click();

  const context = await demo.browser.newContext({ locale: 'pl-PL', acceptDownloads: true });
  try {
    const customer = await context.newPage();
    customer.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await customer.goto(link);
    assert.equal(await customer.evaluate(() => document.documentElement.lang), 'pl', "the browser's language");
    assert.equal(await customer.getByRole('heading', { level: 1 }).textContent(), 'Rozmowa wideo z Twoim ubezpieczycielem', 'the page words itself in Polish too');
    const dialog = customer.getByRole('dialog', { name: 'Przed rozmową wideo' });
    await dialog.getByRole('checkbox', { name: /Rozmowa wideo/ }).check();
    await screenshots(customer, 'language-pl-consent');
    await dialog.getByRole('button', { name: 'Zgadzam się i kontynuuję' }).click();
    await customer.locator('seal-call').getByRole('button', { name: 'Dołącz' }).click();
    await agent.getByRole('button', { name: 'Wpuść' }).click();
    await customer.locator('seal-call [part~="status"]').getByText('Połączono.').waitFor();
    assert.ok((await remoteFrames(customer)) > 0);

    await agent.locator('seal-capture').getByRole('button', { name: 'Zrób zdjęcie' }).click();
    const step = customer.getByRole('dialog', { name: 'Czy możemy robić zdjęcia?' });
    await step.getByRole('checkbox', { name: /Zdjęcia/ }).check();
    await screenshots(customer, 'language-pl-consent-step');
    await step.getByRole('button', { name: 'Zgadzam się i kontynuuję' }).click();
    await agent.locator('seal-capture').getByRole('button', { name: 'Zachowaj zdjęcie' }).waitFor();

    // The consent receipt the customer can download holds every record, the step's last.
    const receipt = customer.getByRole('link', { name: 'Pobierz potwierdzenie mojej zgody' });
    type Receipt = { records: Array<{ purposes: string[]; locale: string; shownText: string }> };
    let records: Array<{ purposes: string[]; locale: string; polish: boolean }> = [];
    for (let attempt = 0; attempt < 20 && records.at(-1)?.purposes[0] !== 'pictures'; attempt++) {
      const [download] = await Promise.all([customer.waitForEvent('download'), receipt.click()]);
      const { records: all } = JSON.parse(await readFile((await download.path())!, 'utf8')) as Receipt;
      records = all.map(({ purposes, locale, shownText }) => ({ purposes, locale, polish: shownText.includes('Zdjęcia') || shownText.includes('Rozmowa wideo') }));
      if (records.at(-1)?.purposes[0] !== 'pictures') await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(records.at(-1), { purposes: ['pictures'], locale: 'pl', polish: true }, 'the consent step in the call');
    assert.deepEqual(records.map(({ locale, polish }) => ({ locale, polish })), records.map(() => ({ locale: 'pl', polish: true })), 'every record: what was shown, in the language shown');
  } finally {
    await context.close();
  }
  assert.deepEqual(violations, []);
});
