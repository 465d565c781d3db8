import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRoomToken, createServer, openEmbeddedDatabase, type Database } from '@sealcall/server';
import { bundle, launchBrowser, servePages, type DrivenBrowser, type DrivenPage } from '../../../scripts/browser-pages.mjs';
import type { CallProbe, JoinOptions } from './cross-browser/call-page.js';

// End-to-end encrypted calls between two browsers through the real reference server: each side
// in its own browser, through its own transform API (createEncodedStreams in Chromium,
// RTCRtpScriptTransform in Firefox), the real worker and SFrame.

type Browser = DrivenBrowser;
type Page = DrivenPage;

const secret = randomBytes(32).toString('base64url');
let database: Database;
let server: ReturnType<typeof createServer>;
let signalingUrl: string;
let pages: Awaited<ReturnType<typeof servePages>>;
const browsers: Partial<Record<'chromium' | 'firefox', Browser>> = {};

before(async () => {
  database = await openEmbeddedDatabase();
  server = createServer({ secret, database, port: 0, logger: () => {} });
  ({ url: signalingUrl } = await server.listen());
  pages = await servePages({
    '/page.js': await bundle('packages/sdk/test/cross-browser/call-page.ts'),
    '/e2ee-worker.js': await bundle('packages/sdk/src/e2ee/e2ee-worker.ts'),
  });
  browsers.chromium = await launchBrowser('chromium');
  browsers.firefox = await launchBrowser('firefox');
});

after(async () => {
  assert.deepEqual([browsers.chromium?.errors, browsers.firefox?.errors], [[], []], 'no page error, teardown included');
  await Promise.all(Object.values(browsers).map((b) => b.close()));
  await pages?.close();
  await server?.close();
  await database?.close();
});

const join = (page: Page, options: JoinOptions) => page.evaluate((o) => window.sealcallCall.join(o), options);
const probe = (page: Page) => page.evaluate(() => window.sealcallCall.probe(), undefined);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Both sides' probes once `condition` holds for both. */
async function bothUntil(what: string, agent: Page, customer: Page, condition: (p: CallProbe, side: 0 | 1) => boolean): Promise<[CallProbe, CallProbe]> {
  let probes: [CallProbe, CallProbe] | undefined;
  await until(what, async () => {
    probes = [await probe(agent), await probe(customer)];
    return condition(probes[0], 0) && condition(probes[1], 1);
  });
  return probes!;
}

async function call(agentIn: Browser, customerIn: Browser, secrets: { agent: string; customer: string }) {
  const room = `x-${randomBytes(8).toString('hex')}`;
  const agent = await agentIn.open(pages.url);
  const customer = await customerIn.open(pages.url);
  await join(agent, { url: signalingUrl, room, role: 'agent', token: createRoomToken({ secret, subject: 'test-user', room, role: 'agent' }), secret: secrets.agent });
  await join(customer, { url: signalingUrl, room, role: 'customer', token: createRoomToken({ secret, subject: 'test-user', room, role: 'customer' }), secret: secrets.customer });
  return { agent, customer };
}

for (const [agentName, customerName] of [['chromium', 'firefox'], ['firefox', 'chromium']] as const) {
  describe(`agent in ${agentName}, customer in ${customerName}`, () => {
    test('encrypted both ways: the same code, video and audio decoding, through key rotations', { timeout: 120_000 }, async () => {
      const callSecret = randomBytes(32).toString('base64url');
      const { agent, customer } = await call(browsers[agentName]!, browsers[customerName]!, { agent: callSecret, customer: callSecret });
      try {
        const [a, c] = await bothUntil('both sides connected and encrypted', agent, customer, (p) => p.state === 'connected' && p.e2ee.state === 'active');
        assert.ok(a.e2ee.sas, 'a security code');
        assert.equal(a.e2ee.sas, c.e2ee.sas, 'the same security code on both sides');
        await bothUntil('video and audio to decode both ways', agent, customer, (p) => p.framesDecoded > 30 && p.audioSamples > 48_000);

        const sendKids = [await agent.evaluate(() => window.sealcallCall.rotate(), undefined), await customer.evaluate(() => window.sealcallCall.rotate(), undefined)];
        assert.deepEqual(sendKids, [a.e2ee.sendKid! + 2, c.e2ee.sendKid! + 2], 'both sides rotated');
        const before = [await probe(agent), await probe(customer)];
        await bothUntil('video to keep decoding after the rotations', agent, customer, (p, side) => p.framesDecoded > before[side]!.framesDecoded + 30);
        const [a3, c3] = await bothUntil('frames under the rotated keys', agent, customer, (p) => p.decrypted > 0);
        assert.equal(a3.authFailures + c3.authFailures, 0, 'no frame failed authentication');

        // Chat, sealed under the data keys of the same agreement, both ways.
        await agent.evaluate((text) => window.sealcallCall.chat(text), `Hello from ${agentName}`);
        await customer.evaluate((text) => window.sealcallCall.chat(text), `Hello back from ${customerName}`);
        const received = async (page: Page, text: string) => {
          for (let i = 0; i < 100 && !(await page.evaluate(() => window.sealcallCall.received(), undefined)).includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 100));
          return page.evaluate(() => window.sealcallCall.received(), undefined);
        };
        assert.deepEqual(await received(customer, `Hello from ${agentName}`), [`Hello from ${agentName}`]);
        assert.deepEqual(await received(agent, `Hello back from ${customerName}`), [`Hello back from ${customerName}`]);
        assert.deepEqual([browsers[agentName]!.errors, browsers[customerName]!.errors], [[], []]);
      } finally {
        await Promise.all([agent, customer].map((p) => p.evaluate(() => window.sealcallCall.hangUp(), undefined).finally(() => p.close())));
      }
    });

    test('a wrong call secret: nothing decodes on either side', { timeout: 60_000 }, async () => {
      const { agent, customer } = await call(browsers[agentName]!, browsers[customerName]!, {
        agent: randomBytes(32).toString('base64url'),
        customer: randomBytes(32).toString('base64url'),
      });
      try {
        await bothUntil('both sides to report interference', agent, customer, (p) => p.state === 'connected' && p.e2ee.interference);
        await new Promise((r) => setTimeout(r, 3000));
        const [a, c] = [await probe(agent), await probe(customer)];
        assert.deepEqual([a.framesDecoded, c.framesDecoded, a.audioSamples, c.audioSamples, a.decrypted, c.decrypted], [0, 0, 0, 0, 0, 0]);
        assert.equal(a.e2ee.state, 'negotiating');
      } finally {
        await Promise.all([agent, customer].map((p) => p.evaluate(() => window.sealcallCall.hangUp(), undefined).finally(() => p.close())));
      }
    });
  });
}
