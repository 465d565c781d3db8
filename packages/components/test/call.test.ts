import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { BroadcastChannelSignaling, CallSession, createCallSecret, type CallState, type Role } from '@sealcall/sdk';
import '../src/seal-call.js';
import type { SealCall } from '../src/index.js';

const secrets = new Map<string, Uint8Array>();

function mount(role: Role, room: string): { element: SealCall; session: CallSession } {
  if (!secrets.has(room)) secrets.set(room, createCallSecret());
  const session = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role }), e2ee: { secret: secrets.get(room)! }, consent: false });
  const element = document.createElement('seal-call');
  element.session = session;
  document.body.append(element);
  return { element, session };
}

function findButton(element: SealCall, label: string): HTMLButtonElement | undefined {
  return [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
}

function button(element: SealCall, label: string): HTMLButtonElement {
  const found = findButton(element, label);
  if (!found) throw new Error(`No "${label}" button; buttons: ${[...element.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

async function pressOn(element: SealCall, label: string): Promise<void> {
  for (let tries = 0; !findButton(element, label) && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
  button(element, label).focus();
  await sendKeys({ press: 'Enter' });
}

function stateEvent(element: SealCall, state: CallState): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: CustomEvent<{ state: CallState }>) => {
      if (event.detail.state !== state) return;
      document.removeEventListener('seal-state-change', listener as EventListener);
      resolve();
    };
    element.addEventListener('seal-state-change', listener as EventListener);
    document.addEventListener('seal-state-change', listener as EventListener);
  });
}

async function framesIn(video: HTMLVideoElement, count = 10): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
}

describe('<seal-call>', () => {
  const sessions: CallSession[] = [];
  afterEach(() => {
    sessions.splice(0).forEach((s) => s.hangUp());
    document.querySelectorAll('seal-call').forEach((e) => e.remove());
  });

  it('joins, admits and hangs up with the keyboard alone; remote video renders inside the element', async () => {
    const room = `el-${crypto.randomUUID()}`;
    const agent = mount('agent', room);
    const customer = mount('customer', room);
    sessions.push(agent.session, customer.session);

    await pressOn(agent.element, 'Join call');
    await pressOn(customer.element, 'Join call');
    const connected = Promise.all([stateEvent(agent.element, 'connected'), stateEvent(customer.element, 'connected')]);
    await pressOn(agent.element, 'Admit');
    await connected;

    await agent.element.updateComplete;
    const remote = agent.element.shadowRoot!.querySelector<HTMLVideoElement>('video.remote')!;
    expect(remote.srcObject).to.equal(agent.session.remoteStream);
    await framesIn(remote);
    expect(agent.element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Connected.');

    const sas = async (element: SealCall) => {
      for (let tries = 0; !element.shadowRoot!.querySelector('.sas') && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
      return element.shadowRoot!.querySelector('.sas');
    };
    const [agentCode, customerCode] = [await sas(agent.element), await sas(customer.element)];
    expect(agentCode?.textContent).to.have.length.greaterThan(0);
    expect(agentCode?.textContent).to.equal(customerCode?.textContent);
    expect(agentCode?.getAttribute('aria-label')).to.include('Security code');
    expect(agent.element.shadowRoot!.querySelector('[part="e2ee"]')!.textContent).to.include('End-to-end encrypted');

    await pressOn(customer.element, 'Mute microphone');
    expect(customer.session.media.audioMuted).to.equal(true);
    await customer.element.updateComplete;
    expect(button(customer.element, 'Unmute microphone').getAttribute('aria-pressed')).to.equal('true');

    const ended = stateEvent(agent.element, 'ended');
    await pressOn(customer.element, 'Hang up');
    await ended;
  });

  it('dispatches state changes that bubble out of the shadow root', async () => {
    const { element, session } = mount('agent', `el-${crypto.randomUUID()}`);
    sessions.push(session);
    const seen: string[] = [];
    document.addEventListener('seal-state-change', (e) => seen.push(e.detail.state));
    await session.join();
    expect(seen).to.include.members(['joining', 'waiting']);
    expect(element.isConnected).to.equal(true);
  });

  it('stops listening to its session once removed from the page', async () => {
    const { element, session } = mount('agent', `el-${crypto.randomUUID()}`);
    sessions.push(session);
    await element.updateComplete;
    element.remove();
    const update = sinon.spy(element, 'requestUpdate');
    const events = sinon.spy();
    element.addEventListener('seal-state-change', events);
    await session.join();
    session.setAudioMuted(true);
    expect(update.called).to.equal(false);
    expect(events.called).to.equal(false);
  });

  it('speaks the page\'s language', async () => {
    const { element, session } = mount('customer', `el-${crypto.randomUUID()}`);
    sessions.push(session);
    element.setAttribute('lang', 'de');
    element.requestUpdate();
    await element.updateComplete;
    expect(button(element, 'Teilnehmen')).to.exist;
  });

  it('shows the strings it is given instead of its own', async () => {
    const { element, session } = mount('customer', `el-${crypto.randomUUID()}`);
    sessions.push(session);
    element.messages = { join: 'Deelnemen' };
    await element.updateComplete;
    expect(button(element, 'Deelnemen')).to.exist;
  });
});
