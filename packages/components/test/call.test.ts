import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import type { SealCall } from '../src/index.js';
import { button, mount, pressOn, stateEvent } from './helpers/call-element.js';
import { itWithInPageCalls } from '../../sdk/test/helpers/in-page-calls.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

async function framesIn(video: HTMLVideoElement, count = 10): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
}

describe('<seal-call>', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  itWithInPageCalls('joins, admits and hangs up with the keyboard alone; remote video renders inside the element', async () => {
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

    // The digits: the emoji are left out where the fonts lack them.
    const sas = async (element: SealCall) => {
      for (let tries = 0; !element.shadowRoot!.querySelector('.sas-digits') && tries < 300; tries++) await new Promise((r) => setTimeout(r, 50));
      return element.shadowRoot!.querySelector('.sas-digits');
    };
    const [agentCode, customerCode] = [await sas(agent.element), await sas(customer.element)];
    expect(agentCode?.textContent).to.have.length.greaterThan(0);
    expect(agentCode?.textContent).to.equal(customerCode?.textContent);
    const panel = agent.element.shadowRoot!.querySelector('[part~="security-code"]')!;
    expect(panel.getAttribute('aria-labelledby')).to.equal('security-code-title');
    expect(panel.querySelector('h2')?.textContent).to.equal('Security code');
    expect(panel.querySelector('.sas-digits')?.textContent).to.match(/^\d{3} \d{3}$/);
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
