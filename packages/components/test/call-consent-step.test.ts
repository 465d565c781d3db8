import { expect } from '@esm-bundle/chai';
import { press } from './helpers/keys.js';
import { BroadcastChannelSignaling, CallSession, ConsentLedger, createCallSecret, MemoryConsentStore, type ConsentDecision, type SealcallError } from '@sealcall/sdk';
import '../src/seal-call.js';
import type { ConsentNotice, SealCall, SealConsentDialog } from '../src/index.js';
import { until } from '../../sdk/test/helpers/until.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const notice: ConsentNotice = {
  controller: 'Example Insurance',
  purposes: [
    { id: 'recording', label: 'Record the call', description: 'Kept 90 days as evidence of the inspection.', required: false },
    { id: 'pictures', label: 'Pictures of the damage', description: 'Kept with your claim.', required: false },
    { id: 'location', label: 'Your location, once', description: 'So that we find where the damage is.', required: false },
  ],
  retention: '90 days',
  dpoContact: 'dpo@example.com',
  privacyPolicyUrl: 'https://example.com/privacy',
  version: 'capture-v1',
};


describe('<seal-call> consent step before a capture', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  async function connectedCall(declinedBefore: string[] = []) {
    const room = `step-${crypto.randomUUID()}`;
    const secret = createCallSecret();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision({ accepted: ['call'], declined: declinedBefore, noticeVersion: 'v1', locale: 'en', shownText: 'call notice' }, { subjectId, callId: room });
    const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret } });
    const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret }, consent: { ledger, subjectId, callId: room } });
    sessions.push(agent, customer);
    const [agentElement, customerElement] = [document.createElement('seal-call'), document.createElement('seal-call')];
    agentElement.session = agent;
    customerElement.session = customer;
    customerElement.captureNotice = notice;
    document.body.append(agentElement, customerElement);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await until(() => agent.state === 'connected' && customer.state === 'connected', 'both connected');
    return { agent, customer, agentElement, customerElement, ledger, room };
  }

  const dialogIn = (element: SealCall) => element.shadowRoot!.querySelector<SealConsentDialog>('seal-consent-dialog');

  it('shows the customer only the purpose asked, answers by keyboard, and shows the agent the answer', async () => {
    const { agent, agentElement, customerElement, ledger, room } = await connectedCall();
    const answer = agent.requestConsent('recording');
    const dialog = await until(() => dialogIn(customerElement), 'the consent step');
    await dialog.updateComplete;
    const root = dialog.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('May we record this call?');
    expect(root.querySelectorAll('input[type="checkbox"]').length).to.equal(1);
    const accept = root.querySelector<HTMLButtonElement>('button.accept')!;
    expect(accept.disabled, 'accept is disabled until the purpose is ticked').to.equal(true);

    root.querySelector<HTMLInputElement>('#purpose-recording')!.focus();
    await press('Space');
    await dialog.updateComplete;
    accept.focus();
    await press('Enter');

    const state = await answer;
    expect(state.granted).to.equal(true);
    const grant = await ledger.currentGrant(subjectId, 'recording', room);
    expect(state.ref).to.equal(grant!.id);
    expect(grant!.shownText).to.include('May we record this call?');
    expect(grant!.noticeVersion).to.equal('capture-v1');
    await until(() => dialogIn(customerElement) === null, 'the dialog to close');
    const line = await until(() => agentElement.shadowRoot!.querySelector('[part="consent-answer"]'), "the agent's answer line");
    expect(line.textContent).to.equal('The customer agreed to recording.');
  });

  it('records a decline, and lets the page take the step over by cancelling the event', async () => {
    const { agent, agentElement, customer, customerElement } = await connectedCall();
    const first = agent.requestConsent('pictures');
    const dialog = await until(() => dialogIn(customerElement), 'the consent step');
    await dialog.updateComplete;
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.focus();
    await press('Enter');
    expect((await first).granted).to.equal(false);
    const line = await until(() => agentElement.shadowRoot!.querySelector('[part="consent-answer"]'), "the agent's answer line");
    expect(line.textContent).to.equal('The customer did not agree to pictures.');

    customerElement.addEventListener('seal-consent-request', (event) => event.preventDefault(), { once: true });
    const requested = new Promise<CustomEvent>((resolve) => document.addEventListener('seal-consent-request', resolve as EventListener, { once: true }));
    const second = agent.requestConsent('pictures');
    expect((await requested).detail.purpose).to.equal('pictures');
    await customerElement.updateComplete;
    expect(dialogIn(customerElement)).to.equal(null);
    const decision: ConsentDecision = { accepted: ['pictures'], declined: [], noticeVersion: 'own', locale: 'en', shownText: 'Our own wording.' };
    await customer.answerConsentRequest(decision);
    expect((await second).granted).to.equal(true);
  });

  it('tells the agent of no decline for an optional box left unticked before the call, only of answers given in it', async () => {
    const { agent, agentElement } = await connectedCall(['recording', 'pictures']);
    await until(() => agent.remoteConsentState('pictures').ref === null && agentElement.shadowRoot!.querySelector('[part="status"]')!.textContent === 'Connected.', 'connected');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await agentElement.updateComplete;
    expect(agentElement.shadowRoot!.querySelector('[part="consent-answer"]')?.textContent ?? null, 'nothing was asked yet').to.equal(null);
    const answer = agent.requestConsent('pictures');
    const dialog = await until(() => dialogIn(agentElement.nextElementSibling as SealCall), 'the consent step');
    await dialog.updateComplete;
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part~="decline"]')!.click();
    expect((await answer).status).to.equal('declined');
    const line = await until(() => agentElement.shadowRoot!.querySelector('[part="consent-answer"]'), 'the answer line');
    expect(line.textContent).to.equal('The customer did not agree to pictures.');
  });

  it("takes the page's logo and styles into the consent step: the consent-logo slot and the forwarded consent-… parts", async () => {
    const style = document.createElement('style');
    style.textContent = 'seal-call::part(consent-accept) { outline: 3px solid rgb(1, 2, 3) } seal-call::part(consent-box) { border-radius: 3px }';
    document.head.append(style);
    try {
      const { agent, customerElement } = await connectedCall();
      const logo = Object.assign(document.createElement('img'), { slot: 'consent-logo', alt: 'Example Insurance' });
      customerElement.append(logo);
      const answer = agent.requestConsent('pictures');
      const dialog = await until(() => dialogIn(customerElement), 'the consent step');
      await dialog.updateComplete;
      const logoSlot = dialog.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
      expect(logoSlot.assignedElements({ flatten: true })).to.deep.equal([logo]);
      const accept = dialog.shadowRoot!.querySelector<HTMLElement>('[part~="accept"]')!;
      expect(getComputedStyle(accept).outlineColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(dialog.shadowRoot!.querySelector<HTMLElement>('[part~="dialog"]')!).borderTopLeftRadius).to.equal('3px');
      dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part~="decline"]')!.click();
      expect((await answer).granted).to.equal(false);
    } finally {
      style.remove();
    }
  });

  it('shows each step in a dialog of its own: the location asked meanwhile opens once the capture step closed itself', async () => {
    const { agent, customer, customerElement } = await connectedCall();
    const locationAsked = new Promise((resolve) => customer.on('location-request', resolve));
    const capture = agent.requestConsent('pictures');
    const pictures = await until(() => dialogIn(customerElement), 'the capture step');
    await pictures.updateComplete;
    const location = agent.requestLocation().catch((error: unknown) => error);
    await locationAsked;
    pictures.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.click();
    expect((await capture).status).to.equal('declined');
    const where = await until(() => {
      const dialog = dialogIn(customerElement);
      return dialog?.shadowRoot?.querySelector('h2')?.textContent === 'May we see where you are?' ? dialog : undefined;
    }, 'the location step');
    await where.updateComplete;
    expect(where === pictures, 'a dialog of its own').to.equal(false);
    expect(where.shadowRoot!.querySelector('dialog')!.open, 'open, not left closed by the capture step').to.equal(true);
    where.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.click();
    expect(((await location) as SealcallError).code).to.equal('LOCATION_DECLINED');
  });
});
