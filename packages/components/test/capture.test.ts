import { expect } from '@esm-bundle/chai';
import '../src/seal-call.js';
import { press as pressKey } from './helpers/keys.js';
import {
  ArtifactVault,
  BroadcastChannelSignaling,
  CallSession,
  ConsentLedger,
  createCallSecret,
  DeviceKeyProvider,
  MemoryConsentStore,
  MemoryStorage,
  type ConsentDecision,
} from '@sealcall/sdk';
import '../src/seal-capture.js';
import type { SealCapture, SealDocumentStoredDetail, SealPictureStoredDetail, SealRecordingStoppedDetail, SealTranscriptStoredDetail } from '../src/index.js';
import { until } from '../../sdk/test/helpers/until.js';
import { expectAccessible } from './helpers/axe.js';
import { itWithInPageCalls } from '../../sdk/test/helpers/in-page-calls.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const decision = (accepted: string[], declined: string[] = []): ConsentDecision => ({ accepted, declined, noticeVersion: 'v1', locale: 'en', shownText: 'May we?' });


function eventOnce<T>(type: string): Promise<T> {
  return new Promise((resolve) => document.addEventListener(type, (e) => resolve((e as CustomEvent<T>).detail), { once: true }));
}

describe('<seal-capture>', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-capture' });

  async function setup(answer: (purpose: string) => ConsentDecision | undefined, beforeTheCall = decision(['call'])) {
    const room = `capture-${crypto.randomUUID()}`;
    const secret = createCallSecret();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(beforeTheCall, { subjectId, callId: room });
    const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret } });
    const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret }, consent: { ledger, subjectId, callId: room } });
    sessions.push(agent, customer);
    customer.on('consent-request', ({ purpose }) => {
      const reply = answer(purpose);
      if (reply) void customer.answerConsentRequest(reply);
    });
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await until(() => agent.state === 'connected' && customer.state === 'connected', 'the call to connect');
    const storage = new MemoryStorage();
    const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `capture-keys-${room}` })] });
    const element = document.createElement('seal-capture');
    Object.assign(element, { session: agent, vault, subjectId, pictureType: 'image/png' });
    document.body.append(element);
    await element.updateComplete;
    return { agent, customer, element, vault, storage, ledger };
  }

  const part = (element: SealCapture, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  const buttonNamed = (element: SealCapture, label: string) =>
    [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label && !b.disabled);

  async function press(element: SealCapture, label: string): Promise<void> {
    const button = await until(() => buttonNamed(element, label), `an enabled "${label}" button`);
    button.focus();
    await pressKey('Enter');
  }

  itWithInPageCalls('asks the customer, then takes, redacts by keyboard and keeps a picture whose box is black in storage', async () => {
    const { element, vault } = await setup((purpose) => decision([purpose]));
    const stored = eventOnce<SealPictureStoredDetail>('seal-picture-stored');
    await press(element, 'Take picture');
    await until(() => part(element, 'preview'), 'the picture to review');
    expect(element.shadowRoot!.activeElement?.id).to.equal('review-title');

    await press(element, 'Add black box');
    const canvas = part(element, 'preview') as HTMLCanvasElement;
    expect(element.shadowRoot!.activeElement).to.equal(canvas);
    await pressKey('ArrowRight');
    await pressKey('Shift+ArrowDown');
    expect(canvas.getAttribute('aria-label')).to.equal('The picture, with 1 redaction box');
    await expectAccessible(element);

    await press(element, 'Keep picture');
    const { metadata } = await stored;
    expect(metadata.kind).to.equal('picture');
    expect(metadata.mimeType).to.equal('image/png');
    await element.updateComplete;
    expect(part(element, 'status')!.textContent).to.equal('Picture saved, encrypted.');

    const { stream } = await vault.read(metadata.id);
    const bitmap = await createImageBitmap(await new Response(stream).blob());
    const width = bitmap.width;
    const height = bitmap.height;
    const box = { x: Math.round((width - width / 4) / 2) + Math.round(width * 0.02), y: Math.round((height - height / 5) / 2), w: Math.round(width / 4), h: Math.round(height / 5) + Math.round(height * 0.02) };
    const context = new OffscreenCanvas(width, height).getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const inside = context.getImageData(box.x + 2, box.y + 2, box.w - 4, box.h - 4).data;
    expect(inside.every((v, i) => (i % 4 === 3 ? v === 255 : v === 0)), 'every pixel of the box is black').to.equal(true);
    const outside = context.getImageData(0, 0, width, Math.max(1, box.y - 2)).data;
    expect(outside.some((v, i) => i % 4 !== 3 && v !== 0), 'the rest of the picture is still there').to.equal(true);
  });

  it("shows the agent where the customer's consent stands: not asked yet, asking, agreed, declined; never a decline nobody asked for", async () => {
    const answers: Array<(reply: ConsentDecision) => void> = [];
    const { element, agent, customer } = await setup(() => undefined, decision(['call'], ['pictures', 'recording']));
    customer.on('consent-request', () => answers.push((reply) => void customer.answerConsentRequest(reply)));
    const consent = () => [...part(element, 'consent')!.querySelectorAll('dl > div')].map((row) => `${row.querySelector('dt')!.textContent}: ${row.querySelector('dd')!.textContent}`);
    await until(() => part(element, 'consent'), "the customer's consent");
    expect(part(element, 'consent')!.querySelector('h3')!.textContent).to.equal("The customer's consent");
    expect(consent(), 'unticked before the call is not a decline').to.deep.equal(['Pictures: not asked yet', 'Recording: not asked yet', 'Chat transcript: not asked yet']);
    await expectAccessible(element);

    await press(element, 'Take picture');
    await until(() => consent()[0] === 'Pictures: asking…', 'asking');
    await until(() => answers.length === 1, 'the request to reach the customer');
    answers[0]!(decision([], ['pictures']));
    await until(() => consent()[0] === 'Pictures: declined', 'the decline');

    const recording = agent.requestConsent('recording');
    await until(() => answers.length === 2, 'the second request');
    answers[1]!(decision(['recording']));
    expect((await recording).status).to.equal('agreed');
    await until(() => consent()[1] === 'Recording: agreed', 'the grant');
    expect(consent()[0]).to.equal('Pictures: declined');
    await expectAccessible(element);
  });

  it("keeps the call's chat only once the customer agreed, encrypted, one line per message", async () => {
    const { element, storage, agent, customer, vault, ledger } = await setup((purpose) => decision([purpose]));
    expect(buttonNamed(element, 'Keep chat transcript'), 'nothing to keep before a message').to.equal(undefined);
    await until(() => agent.e2ee?.state === 'active' && customer.e2ee?.state === 'active', 'the call, encrypted', 20_000);
    await agent.sendChatMessage('Where is the leak?');
    await customer.sendChatMessage('Under the sink,\nnext to the pipe');
    await until(() => agent.chatMessages.length === 2, 'both messages at the agent');
    const stored = eventOnce<SealTranscriptStoredDetail>('seal-transcript-stored');
    await press(element, 'Keep chat transcript');
    const { metadata } = await stored;
    const grant = await ledger.currentGrant(subjectId, 'transcript', agent.room);
    expect(metadata).to.include({ kind: 'transcript', consentRef: grant!.id, status: 'complete' });
    await until(() => part(element, 'status')?.textContent === 'Chat transcript kept, encrypted.', 'the kept status');
    const ciphertext = new TextDecoder().decode(new Uint8Array(await new Response(await storage.getContent(metadata.id)).arrayBuffer()));
    expect(ciphertext).not.to.include('sink');
    const { stream } = await vault.read(metadata.id);
    const lines = (await new Response(stream).text()).split('\n');
    expect(lines[0]).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z agent: Where is the leak\?$/);
    expect(lines[1]).to.match(/ customer: Under the sink,$/);
    expect(lines[2]).to.equal('    next to the pipe');
    await expectAccessible(element);
  });

  it('keeps each document the customer sends, encrypted under their grant, and none the agent sends', async () => {
    const { element, storage, agent, customer, vault, ledger } = await setup(() => undefined);
    await until(() => agent.e2ee?.state === 'active' && customer.e2ee?.state === 'active', 'the call, encrypted', 20_000);
    const scan = new Uint8Array(120_000).fill(0x41);
    scan.set(new TextEncoder().encode('%PDF-1.7\nInsured: Anna Example'));
    const stored = eventOnce<SealDocumentStoredDetail>('seal-document-stored');
    await customer.sendDocument(new File([scan], 'policy scan.pdf'), { consent: decision(['document']) });
    const { metadata, document } = await stored;
    expect(document).to.include({ name: 'policy scan.pdf', from: 'customer' });
    const grant = await ledger.currentGrant(subjectId, 'document', agent.room);
    expect(metadata).to.include({ kind: 'document', mimeType: 'application/pdf', consentRef: grant!.id, status: 'complete', subjectId, callId: agent.room });
    await until(() => part(element, 'status')?.textContent === '“policy scan.pdf” from the customer kept, encrypted.', 'the kept status');
    const ciphertext = new TextDecoder().decode(new Uint8Array(await new Response(await storage.getContent(metadata.id)).arrayBuffer()));
    expect(ciphertext).not.to.include('Anna Example');
    const { stream } = await vault.read(metadata.id);
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).to.deep.equal(scan);
    await agent.sendDocument(new File([scan], 'form.pdf'));
    expect((await storage.listByCall(agent.room)).map((a) => a.id)).to.deep.equal([metadata.id]);
    await expectAccessible(element);
  });

  it('keeps no chat when the customer declines, and says so', async () => {
    const { element, storage, agent, customer } = await setup((purpose) => decision([], [purpose]));
    await until(() => agent.e2ee?.state === 'active' && customer.e2ee?.state === 'active', 'the call, encrypted', 20_000);
    await customer.sendChatMessage('Hello');
    await until(() => agent.chatMessages.length === 1, 'the message at the agent');
    await press(element, 'Keep chat transcript');
    await until(() => part(element, 'status')?.textContent === 'The customer did not agree to keeping the chat.', 'the refusal to show');
    expect(await storage.listByCall(agent.room)).to.deep.equal([]);
  });

  it('takes no picture when the customer declines, and says so', async () => {
    const { element, storage, agent } = await setup((purpose) => decision([], [purpose]));
    await press(element, 'Take picture');
    await until(() => part(element, 'status')?.textContent === 'The customer did not agree to pictures.', 'the refusal to show');
    expect(part(element, 'preview')).to.equal(null);
    expect(await storage.listByCall(agent.room)).to.deep.equal([]);
  });

  it('records with the indicator on both sides, stops on request, and stops and deletes the recording at once when consent is withdrawn', async () => {
    const { element, agent, customer, ledger, vault } = await setup((purpose) => decision([purpose]));
    // The customer's call: the indicator with its running duration, and what a screen reader hears.
    const customerCall = Object.assign(document.createElement('seal-call'), { session: customer });
    document.body.append(customerCall);
    const indicator = () => customerCall.shadowRoot!.querySelector('[part~="recording"]')?.textContent?.replace(/\s+/g, ' ').trim();
    const announced = () => customerCall.shadowRoot!.querySelector('.announcer')!.textContent!.trim();
    await press(element, 'Start recording');
    await until(() => buttonNamed(element, 'Stop recording'), 'the recording to start');
    await until(() => agent.recording.local && customer.recording.remote, 'both sides to show the recording');
    await until(() => part(element, 'status')?.textContent?.startsWith('Recording:'), 'the progress', 15_000);
    await until(() => /^Recording (?!0:00)\d+:\d\d: the other participant is recording this call\.$/.test(indicator() ?? ''), "the seconds on the customer's indicator", 5000);
    expect(announced()).to.equal('Recording started.');
    await expectAccessible(customerCall, 'recording');
    const stopped = eventOnce<SealRecordingStoppedDetail>('seal-recording-stopped');
    await press(element, 'Stop recording');
    const first = await stopped;
    expect(first.reason).to.equal('stopped');
    expect(first.metadata.status).to.equal('complete');
    await until(() => !agent.recording.local && !customer.recording.remote, 'both indicators off');
    await until(() => indicator() === undefined && announced() === 'Recording stopped.', 'the stop, said');
    customerCall.remove();

    await press(element, 'Start recording');
    await until(() => buttonNamed(element, 'Stop recording'), 'the second recording to start');
    const withdrawn = eventOnce<SealRecordingStoppedDetail>('seal-recording-stopped');
    await ledger.withdraw(['recording'], decision([]), { subjectId });
    const second = await withdrawn;
    expect({ reason: second.reason, deleted: second.deleted }).to.deep.equal({ reason: 'consent-withdrawn', deleted: true });
    expect(await vault.storage.listByCall(second.metadata.callId), 'the withdrawn recording').to.deep.equal([first.metadata]);
    await element.updateComplete;
    expect(part(element, 'status')!.textContent).to.equal('The customer withdrew consent: the recording stopped and was deleted.');
    await until(() => !customer.recording.remote, "the customer's indicator off");
  });
});
