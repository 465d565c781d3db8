import { expect } from '@esm-bundle/chai';
import {
  ArtifactVault,
  BroadcastChannelSignaling,
  CallSession,
  ConsentLedger,
  createCallSecret,
  DeviceKeyProvider,
  MemoryConsentStore,
  MemoryStorage,
} from '@sealcall/sdk';
import '../src/seal-call.js';
import '../src/seal-capture.js';
import type { ConsentNotice, SealCall, SealCapture, SealConsentDialog, SealLocationStoredDetail } from '../src/index.js';
import { expectAccessible } from './helpers/axe.js';
import { press } from './helpers/keys.js';
import { until } from '../../sdk/test/helpers/until.js';
import { browserLocation as setBrowserLocation, itWithGeolocation } from '../../sdk/test/helpers/geolocation.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const ZURICH = { latitude: 47.376887, longitude: 8.541694, accuracy: 12 };
const notice: ConsentNotice = {
  controller: 'Example Insurance',
  purposes: [{ id: 'location', label: 'Your location, once', description: 'So that we find where the damage is. Kept 90 days with your claim.', required: false }],
  retention: '90 days',
  dpoContact: 'dpo@example.com',
  privacyPolicyUrl: 'https://example.com/privacy',
  version: 'location-v1',
};

const browserLocation = (allow: boolean) => setBrowserLocation(allow, ZURICH);

describe('Location, asked by <seal-capture> and answered in <seal-call>', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call, seal-capture' });
  afterEach(async () => {
    await browserLocation(false);
  });

  async function setup() {
    const room = `location-${crypto.randomUUID()}`;
    const secret = createCallSecret();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision({ accepted: ['call'], declined: [], noticeVersion: 'v1', locale: 'en', shownText: 'call' }, { subjectId, callId: room });
    const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret } });
    const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret }, consent: { ledger, subjectId, callId: room } });
    sessions.push(agent, customer);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    const call = document.createElement('seal-call');
    call.session = customer;
    call.captureNotice = notice;
    const storage = new MemoryStorage();
    const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `location-keys-${room}` })] });
    const capture = document.createElement('seal-capture');
    Object.assign(capture, { session: agent, vault, subjectId });
    document.body.append(call, capture);
    await agent.join();
    await customer.join();
    await until(() => agent.e2ee?.state === 'active' && customer.e2ee?.state === 'active', 'the call, encrypted', 20_000);
    await capture.updateComplete;
    return { agent, customer, call, capture, storage, ledger, room };
  }

  const part = (element: SealCall | SealCapture, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  const dialogIn = (call: SealCall) => call.shadowRoot!.querySelector<SealConsentDialog>('seal-consent-dialog');

  async function answerStep(call: SealCall, accept: boolean): Promise<void> {
    const dialog = await until(() => dialogIn(call), 'the location consent step');
    await dialog.updateComplete;
    const root = dialog.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('May we see where you are?');
    expect(root.textContent).to.include('So that we find where the damage is.');
    await expectAccessible(call, 'the location consent step');
    if (accept) {
      root.querySelector<HTMLInputElement>('#purpose-location')!.focus();
      await press('Space');
      await dialog.updateComplete;
      root.querySelector<HTMLButtonElement>('button.accept')!.focus();
    } else {
      root.querySelector<HTMLButtonElement>('button.decline')!.focus();
    }
    await press('Enter');
  }

  itWithGeolocation('the customer agrees by keyboard; the agent sees the place and keeps it encrypted under the grant', async function () {
    this.timeout(40_000);
    await browserLocation(true);
    const { capture, call, storage, ledger, room } = await setup();
    const stored = new Promise<SealLocationStoredDetail>((resolve) => capture.addEventListener('seal-location-stored', (e) => resolve(e.detail), { once: true }));
    part(capture, 'ask-location')!.click();
    await until(() => part(capture, 'status')?.textContent === 'Asking the customer to share their location…', 'the asking status');
    await answerStep(call, true);

    const { metadata, location } = await stored;
    expect(location).to.include(ZURICH);
    const grant = await ledger.currentGrant(subjectId, 'location', room);
    expect(metadata).to.include({ kind: 'location', consentRef: grant!.id, mimeType: 'application/geo+json' });
    const bytes = new Uint8Array(await new Response(await storage.getContent(metadata.id)).arrayBuffer());
    expect(new TextDecoder().decode(bytes)).not.to.include('47.37');
    await until(() => part(capture, 'location')?.textContent === 'Location: 47.37689, 8.54169, within 12 m', 'the place shown to the agent');
    await until(() => part(capture, 'status')?.textContent === 'Location kept, encrypted.', 'the kept status');
    await until(() => part(call, 'location-outcome')?.textContent === 'You shared your location once.', 'the customer told');
    await expectAccessible(capture, 'the agent with a shared location');
    await expectAccessible(call, 'the customer after sharing');
  });

  itWithGeolocation('a browser that refuses: both sides read what to do', async function () {
    this.timeout(40_000);
    const { capture, call } = await setup();
    part(capture, 'ask-location')!.click();
    await answerStep(call, true);
    await until(() => part(capture, 'error')?.textContent?.startsWith('The customer agreed, but their browser did not share the location.'), "the agent's words");
    await until(() => part(call, 'location-outcome')?.textContent?.startsWith('Your browser did not share your location.'), "the customer's words");
    expect(part(call, 'location-outcome')!.getAttribute('role')).to.equal('alert');
    await expectAccessible(call, 'the customer whose browser refused');
  });

  it('the customer says no: the agent reads it and nothing is kept', async function () {
    this.timeout(40_000);
    const { capture, call, storage, room } = await setup();
    part(capture, 'ask-location')!.click();
    await answerStep(call, false);
    await until(() => part(capture, 'error')?.textContent === 'The customer chose not to share their location.', "the agent's words");
    expect(await storage.listByCall(room)).to.deep.equal([]);
    expect(part(capture, 'location')).to.equal(null);
    expect(part(call, 'location-outcome')).to.equal(null);
  });
});
