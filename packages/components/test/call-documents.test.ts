import { expect } from '@esm-bundle/chai';
import type { SealcallError, SharedDocument } from '@sealcall/sdk';
import '../src/seal-call.js';
import type { SealCall } from '../src/index.js';
import { expectAccessible } from './helpers/axe.js';
import { press } from './helpers/keys.js';
import { until } from '../../sdk/test/helpers/until.js';
import { connectedCallElements, part } from './helpers/call-element.js';
import { senderOf, tapSealedFrames } from '../../sdk/test/helpers/sealed-call.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const pdf = (size: number, fill = 7) => {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};

describe('<seal-call> documents in the chat', () => {
  const { sessions, undo } = cleanUpCalls({ remove: 'seal-call' });

  const connectedCall = () => connectedCallElements(sessions);
  const parts = (element: SealCall, name: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

  async function openChat(element: SealCall) {
    part(element, 'chat-toggle')!.click();
    await element.updateComplete;
  }

  /** What the file picker would hand the page: the file input's `change`, with `file` chosen. */
  async function choose(element: SealCall, file: File) {
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    input.dispatchEvent(new Event('change'));
    await element.updateComplete;
  }

  it('asks before sending, shows the customer what becomes of it, and the agent can save what arrived', async function () {
    this.timeout(40_000);
    const { customerElement, agentElement } = await connectedCall();
    const arrived: SharedDocument[] = [];
    agentElement.addEventListener('seal-document', (event) => arrived.push(event.detail.document));
    await openChat(customerElement);
    await openChat(agentElement);
    const input = customerElement.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).to.equal('application/pdf,image/jpeg,image/png,image/webp');
    expect(part(customerElement, 'chat-attach')!.textContent).to.equal('Attach');

    const hostile = '<img src=x onerror="window.__documentXss=1">claim.pdf';
    const bytes = pdf(250_000);
    await choose(customerElement, new File([bytes], hostile));
    const question = part(customerElement, 'document-confirm')!;
    expect(question.querySelector('.document-question')!.textContent).to.equal(`Send “${hostile}” (250 kB)?`);
    expect(question.textContent).to.include('Your adviser keeps it with the records of this call.');
    expect(customerElement.shadowRoot!.activeElement, 'focus moves to the question').to.equal(part(customerElement, 'document-send'));
    await expectAccessible(customerElement, 'the question before sending a document');
    await press('Enter');
    await until(() => customerElement.shadowRoot!.activeElement === part(customerElement, 'chat-attach'), 'focus back on Attach once the question is gone');

    await until(() => arrived.length === 1, 'the document at the agent');
    await agentElement.updateComplete;
    const item = part(agentElement, 'chat-document')!;
    expect(item.querySelector('.chat-sender')!.textContent).to.equal('Customer');
    expect(item.querySelector('.document-name')!.textContent).to.equal('_img src=x onerror=_window.__documentXss=1__claim.pdf');
    expect(item.querySelector('img')).to.equal(null);
    const save = item.querySelector<HTMLAnchorElement>('[part~="document-save"]')!;
    expect(save.download).to.equal(arrived[0]!.name);
    expect(new Uint8Array(await (await fetch(save.href)).arrayBuffer())).to.deep.equal(bytes);
    await until(() => part(customerElement, 'document-save'), 'the sender to see it arrived');
    expect(part(customerElement, 'document-confirm')).to.equal(null);
    expect((window as { __documentXss?: number }).__documentXss).to.equal(undefined);
    await expectAccessible(agentElement, 'a document that arrived');
    await expectAccessible(customerElement, 'a document that was sent');
  });

  it('says plainly when a file is of a type not allowed, and sends nothing', async function () {
    this.timeout(30_000);
    const { customerElement, agentElement } = await connectedCall();
    const failures: SealcallError[] = [];
    customerElement.addEventListener('seal-error', (event) => failures.push(event.detail.error));
    await openChat(customerElement);
    await choose(customerElement, new File(['<html>not a pdf</html>'], 'invoice.pdf', { type: 'application/pdf' }));
    part(customerElement, 'document-send')!.click();
    await until(() => part(customerElement, 'chat-failed'), 'the refusal');
    expect(part(customerElement, 'chat-failed')!.textContent).to.equal('This type of file cannot be sent. Send a PDF, or a JPEG, PNG or WebP picture.');
    expect(failures.map((e) => e.code)).to.deep.equal(['DOCUMENT_TYPE_NOT_ALLOWED']);
    expect(parts(agentElement, 'chat-document')).to.deep.equal([]);
    await expectAccessible(customerElement, 'a file of a type not allowed');

    await choose(customerElement, new File([pdf(100)], 'x.pdf'));
    expect(part(customerElement, 'chat-failed'), 'a new choice clears the refusal').to.equal(null);
    part(customerElement, 'document-cancel')!.click();
    await customerElement.updateComplete;
    expect(part(customerElement, 'document-confirm')).to.equal(null);
    await until(() => customerElement.shadowRoot!.activeElement === part(customerElement, 'chat-attach'), 'focus back on Attach');
  });

  it('counts a document that arrives while the chat is closed, and announces it', async function () {
    this.timeout(30_000);
    const { agent, customerElement } = await connectedCall();
    await agent.sendDocument(new File([pdf(1000)], 'form.pdf'));
    await until(() => part(customerElement, 'chat-toggle')!.textContent!.trim() === 'Chat (1 new message)', 'the count');
    expect(customerElement.shadowRoot!.querySelector('.announcer:last-of-type')!.textContent).to.equal('New document from Your adviser');
  });

  it('says on both sides that a document damaged on the way did not arrive', async function () {
    this.timeout(30_000);
    let alter = true;
    const tap = tapSealedFrames((frame) => {
      if (!alter || senderOf(frame) !== 'agent' || frame.length < 40_000) return frame;
      alter = false;
      const altered = frame.slice();
      altered[500]! ^= 0x01;
      return altered;
    });
    undo.push(tap.restore);
    const { customerElement, agentElement } = await connectedCall();
    await openChat(customerElement);
    await openChat(agentElement);
    await choose(agentElement, new File([pdf(200_000)], 'form.pdf'));
    expect(part(agentElement, 'document-confirm')!.textContent).to.include('The customer receives it encrypted and can save it on their device.');
    part(agentElement, 'document-send')!.click();
    await until(() => part(agentElement, 'document-failed') && part(customerElement, 'document-failed'), 'both sides to say it failed');
    expect(part(agentElement, 'document-failed')!.textContent).to.equal('This document did not arrive. Send it again.');
    expect(part(customerElement, 'document-failed')!.textContent).to.equal('This document did not arrive whole. Ask for it again.');
    expect(part(agentElement, 'chat-failed'), 'said once, in the log').to.equal(null);
    await expectAccessible(customerElement, 'a document that did not arrive');
  });

  it('speaks every language it ships', async function () {
    this.timeout(30_000);
    const { customerElement } = await connectedCall();
    customerElement.lang = 'de';
    await until(() => part(customerElement, 'chat-toggle')?.textContent?.trim() === 'Chat', 'the German button');
    await openChat(customerElement);
    await choose(customerElement, new File([pdf(1_500_000)], 'Schaden.pdf'));
    expect(part(customerElement, 'document-confirm')!.querySelector('.document-question')!.textContent).to.equal('„Schaden.pdf“ (1,5 MB) senden?');
    expect(part(customerElement, 'chat-attach')!.textContent).to.equal('Anhängen');
  });
});
