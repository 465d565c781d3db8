import { expect } from '@esm-bundle/chai';
import { ConsentLedger, MemoryConsentStore, type SharedDocument } from '@sealcall/sdk';
import '../src/seal-call.js';
import type { ConsentNotice, SealCall, SealConsentDialog } from '../src/index.js';
import { expectAccessible } from './helpers/axe.js';
import { press } from './helpers/keys.js';
import { until } from '../../sdk/test/helpers/until.js';
import { randomRoom } from '../../sdk/test/helpers/server.js';
import { connectedCallElements, part } from './helpers/call-element.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const notice: ConsentNotice = {
  controller: 'Example Insurance',
  purposes: [
    { id: 'document', label: 'Documents you send', description: 'Kept with your claim for 90 days. You are asked before each one is sent.', required: false },
    { id: 'pictures', label: 'Pictures', description: 'Pictures of the damage you show.', required: false },
  ],
  retention: '90 days',
  dpoContact: 'dpo@example.com',
  privacyPolicyUrl: 'https://example.com/privacy',
  version: 'documents-v1',
};

const pdf = (size: number) => {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};

describe("<seal-call> a customer's document, under their consent", () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  async function setup() {
    const room = randomRoom();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision({ accepted: ['call'], declined: [], noticeVersion: 'v1', locale: 'en', shownText: 'call' }, { subjectId, callId: room });
    const call = await connectedCallElements(sessions, { room, consent: { ledger, subjectId, callId: room } });
    call.customerElement.captureNotice = notice;
    const arrived: SharedDocument[] = [];
    call.agent.on('document', ({ document }) => arrived.push(document));
    part(call.customerElement, 'chat-toggle')!.click();
    await call.customerElement.updateComplete;
    return { ...call, ledger, room, arrived };
  }

  async function choose(element: SealCall, file: File): Promise<SealConsentDialog> {
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    input.dispatchEvent(new Event('change'));
    const dialog = await until(() => element.shadowRoot!.querySelector<SealConsentDialog>('seal-consent-dialog'), 'the consent step');
    await dialog.updateComplete;
    return dialog;
  }

  it('asks in the consent step, records the grant with what was shown, and the document goes under it', async function () {
    this.timeout(40_000);
    const { customerElement, ledger, room, arrived } = await setup();
    const dialog = await choose(customerElement, new File([pdf(250_000)], 'claim.pdf'));
    const root = dialog.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Send “claim.pdf” (250 kB)?');
    expect(root.textContent).to.include('It travels encrypted. Your adviser keeps it with the records of this call.');
    expect(root.textContent).to.include('Kept with your claim for 90 days.');
    expect(part(customerElement, 'document-confirm') === null, 'not asked twice').to.equal(true);
    await expectAccessible(customerElement, "the consent step before a customer's document");

    root.querySelector<HTMLInputElement>('#purpose-document')!.focus();
    await press('Space');
    await dialog.updateComplete;
    const send = root.querySelector<HTMLButtonElement>('button.accept')!;
    expect(send.textContent!.trim()).to.equal('Send document');
    send.focus();
    await press('Enter');

    await until(() => arrived.length === 1, 'the document at the agent');
    const grant = await ledger.currentGrant(subjectId, 'document', room);
    expect(arrived[0]!.consentRef).to.equal(grant!.id);
    expect(grant!.shownText).to.include('Send “claim.pdf” (250 kB)?');
    expect(grant!.noticeVersion).to.equal('documents-v1');
    await until(() => customerElement.shadowRoot!.activeElement === part(customerElement, 'chat-attach'), 'focus back on Attach');
    expect(customerElement.shadowRoot!.querySelector('seal-consent-dialog') === null, 'the step is gone').to.equal(true);
  });

  it("comes back after the agent's request is answered, which goes first", async function () {
    this.timeout(40_000);
    const { customerElement, agent, arrived } = await setup();
    const dialogs = () => [...customerElement.shadowRoot!.querySelectorAll<SealConsentDialog>('seal-consent-dialog')];
    const first = await choose(customerElement, new File([pdf(1000)], 'claim.pdf'));
    const asked = agent.requestConsent('pictures');
    await until(() => dialogs()[0]?.shadowRoot?.querySelector('h2')?.textContent === 'May we take pictures?', "the agent's request, in front");
    const pictures = dialogs()[0]!;
    pictures.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.click();
    expect((await asked).status).to.equal('declined');
    const back = await until(() => dialogs().find((d) => d.shadowRoot?.querySelector('h2')?.textContent === 'Send “claim.pdf” (1 kB)?'), 'the document step again');
    await back.updateComplete;
    expect(back.open, 'shown, not left closed').to.equal(true);
    expect(back.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    expect(back === first, 'a dialog of its own').to.equal(false);
    expect(back.shadowRoot!.querySelector<HTMLInputElement>('#purpose-document')!.checked, 'nothing ticked from before').to.equal(false);
    back.shadowRoot!.querySelector<HTMLInputElement>('#purpose-document')!.click();
    await back.updateComplete;
    back.shadowRoot!.querySelector<HTMLButtonElement>('button.accept')!.click();
    await until(() => arrived.length === 1, 'the document at the agent');
  });

  it('offers no Attach to a customer whose notice has no purpose for documents: nothing to agree to, so nothing to send', async function () {
    this.timeout(40_000);
    const { customerElement, agentElement } = await setup();
    customerElement.captureNotice = { ...notice, purposes: notice.purposes.filter((purpose) => purpose.id !== 'document') };
    await customerElement.updateComplete;
    expect(part(customerElement, 'chat-input') !== null, 'the chat is open').to.equal(true);
    expect(part(customerElement, 'chat-attach') === null, 'no Attach').to.equal(true);
    expect(customerElement.shadowRoot!.querySelector('input[type="file"]') === null, 'no file input').to.equal(true);
    part(agentElement, 'chat-toggle')!.click();
    await agentElement.updateComplete;
    expect(part(agentElement, 'chat-attach') !== null, "the agent's stays").to.equal(true);
    await expectAccessible(customerElement, 'the chat without Attach');
  });

  it('sends nothing and records nothing when the customer cancels', async function () {
    this.timeout(40_000);
    const { customerElement, ledger, room, arrived, agent } = await setup();
    const offers: unknown[] = [];
    agent.on('document-progress', (transfer) => offers.push(transfer));
    const dialog = await choose(customerElement, new File([pdf(1000)], 'claim.pdf'));
    const cancel = dialog.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!;
    expect(cancel.textContent!.trim()).to.equal('Cancel');
    cancel.focus();
    await press('Enter');
    await until(() => customerElement.shadowRoot!.activeElement === part(customerElement, 'chat-attach'), 'focus back on Attach');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(arrived).to.deep.equal([]);
    expect(offers).to.deep.equal([]);
    expect(await ledger.currentGrant(subjectId, 'document', room)).to.equal(null);
    expect(customerElement.shadowRoot!.querySelector('seal-consent-dialog') === null, 'the step is gone').to.equal(true);
  });
});
