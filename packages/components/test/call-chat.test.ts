import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { SealcallError, type ChatMessage } from '@sealcall/sdk';
import '../src/seal-call.js';
import { expectAccessible } from './helpers/axe.js';
import { press } from './helpers/keys.js';
import { until } from '../../sdk/test/helpers/until.js';
import { connectedCallElements, part } from './helpers/call-element.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

describe('<seal-call> chat', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  const connectedCall = () => connectedCallElements(sessions);

  it('sends by keyboard, shows the other side a count until it opens, and renders markup and links as text', async function () {
    this.timeout(30_000);
    const { agentElement, customerElement } = await connectedCall();
    const events: ChatMessage[] = [];
    customerElement.addEventListener('seal-chat-message', (event) => events.push(event.detail.message));

    const toggle = part(agentElement, 'chat-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();
    await press('Enter');
    await agentElement.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const input = part(agentElement, 'chat-input') as HTMLInputElement;
    input.focus();
    const hostile = '<img src=x onerror="window.__chatXss=1"><b>bold</b> javascript:alert(1) https://insurer.example/form?id=7.';
    await sendKeys({ type: hostile });
    await press('Enter');
    await until(() => events.length === 1, 'the message at the customer');
    expect(input.value, 'the line is empty once sent').to.equal('');

    await customerElement.updateComplete;
    const customerToggle = part(customerElement, 'chat-toggle')!;
    expect(customerToggle.textContent!.trim()).to.equal('Chat (1 new message)');
    expect(customerElement.shadowRoot!.querySelector('.announcer:last-of-type')!.textContent).to.equal('New message from Your adviser');
    customerToggle.click();
    await customerElement.updateComplete;
    expect(customerToggle.textContent!.trim()).to.equal('Close chat');
    const message = part(customerElement, 'chat-message')!;
    expect(message.querySelector('.chat-sender')!.textContent).to.equal('Your adviser');
    expect(message.querySelector('.chat-text')!.textContent).to.equal(hostile);
    expect(message.querySelector('img, b, script')).to.equal(null);
    const links = [...message.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://insurer.example/form?id=7']);
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as { __chatXss?: number }).__chatXss).to.equal(undefined);

    await expectAccessible(customerElement, 'the customer with the chat open');
    await expectAccessible(agentElement, 'the agent with the chat open');
    expect(part(agentElement, 'chat-message')!.classList.contains('own')).to.equal(true);
    expect(part(agentElement, 'chat-message')!.querySelector('.chat-sender')!.textContent).to.equal('You');
  });

  it('keeps the draft and says so when a message cannot be sent', async function () {
    this.timeout(30_000);
    const { agent, agentElement } = await connectedCall();
    part(agentElement, 'chat-toggle')!.click();
    await agentElement.updateComplete;
    agent.hangUp();
    await agentElement.updateComplete;
    expect(part(agentElement, 'chat'), 'no chat once the call is over').to.equal(null);

    const fresh = await connectedCall();
    const errors: SealcallError[] = [];
    fresh.agentElement.addEventListener('seal-error', (event) => errors.push(event.detail.error));
    fresh.agent.sendChatMessage = () => Promise.reject(new SealcallError('INVALID_STATE', 'refused for the test'));
    part(fresh.agentElement, 'chat-toggle')!.click();
    await fresh.agentElement.updateComplete;
    const input = part(fresh.agentElement, 'chat-input') as HTMLInputElement;
    input.value = 'Please call me back';
    part(fresh.agentElement, 'chat-send')!.click();
    await until(() => part(fresh.agentElement, 'chat-failed'), 'the failure line');
    expect(part(fresh.agentElement, 'chat-failed')!.textContent).to.equal('Your message could not be sent. Try again.');
    expect(input.value).to.equal('Please call me back');
    await expectAccessible(fresh.agentElement, 'a message that could not be sent');
    expect(errors.map((e) => e.code)).to.deep.equal(['INVALID_STATE']);
  });

  it('speaks every language it ships', async function () {
    this.timeout(30_000);
    const { customerElement, agent } = await connectedCall();
    customerElement.lang = 'pl';
    await until(() => part(customerElement, 'chat-toggle')?.textContent?.trim() === 'Czat', 'the Polish button');
    await agent.sendChatMessage('Dzień dobry');
    await agent.sendChatMessage('Proszę pokazać szkodę');
    await until(() => part(customerElement, 'chat-toggle')!.textContent!.trim() === 'Czat (2 nowe wiadomości)', 'the Polish plural');
  });
});
