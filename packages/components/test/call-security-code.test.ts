import { expect } from '@esm-bundle/chai';
import type { SealSecurityCodeDetail } from '../src/index.js';
import en from '../src/locales/en.json';
import { drawsEmoji } from '../src/call/emoji-support.js';
import { expectAccessible } from './helpers/axe.js';
import { findButton, joinBoth, mount, pressOn } from './helpers/call-element.js';
import { until } from '../../sdk/test/helpers/until.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

describe('<seal-call> security code', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  it('tells emoji the fonts draw as pictures from glyphs they lack or draw as text', () => {
    const font = getComputedStyle(document.body).fontFamily;
    expect(drawsEmoji(['🐶', '🔑', '☂️', '⌛'], font)).to.equal(true);
    // Unassigned code points: no font has them, as a page without an emoji font lacks the emoji.
    expect(drawsEmoji(['\u{E0FFF}'], font)).to.equal(false);
    expect(drawsEmoji(['🐶', '\u{3FFFD}'], font)).to.equal(false);
    expect(drawsEmoji(['A'], font)).to.equal(false);
  });

  it('shows a labelled panel with the code until a choice; "The codes differ" ends the call and says why on both sides, with the code on record', async () => {
    const room = `sas-${crypto.randomUUID()}`;
    const agent = mount('agent', room);
    const customer = mount('customer', room);
    sessions.push(agent.session, customer.session);
    const chosen: SealSecurityCodeDetail[] = [];
    document.addEventListener('seal-security-code', (event) => chosen.push(event.detail));
    await joinBoth(agent.element, customer.element);
    const panel = await until(() => agent.element.shadowRoot!.querySelector<HTMLElement>('[part~="security-code"]'), 'the panel');
    const digits = panel.querySelector('.sas-digits')!.textContent!;
    expect(panel.querySelector('h2')!.textContent).to.equal(en.call.securityCode.title);
    expect(panel.textContent).to.include(en.call.securityCode.instruction);
    const customerPanel = await until(() => customer.element.shadowRoot!.querySelector('[part~="security-code"]'), "the customer's panel");
    expect(customerPanel.querySelector('.sas-digits')!.textContent).to.equal(digits);
    expect(panel.querySelector('.sas')?.textContent ?? 'no emoji font').to.equal(customerPanel.querySelector('.sas')?.textContent ?? 'no emoji font');
    expect(parseFloat(getComputedStyle(panel.querySelector('.sas-digits')!).fontSize)).to.be.at.least(24);
    await expectAccessible(agent.element, 'the security code panel');

    await pressOn(agent.element, en.call.securityCode.differ);
    expect(chosen).to.have.length(1);
    expect(chosen[0]!.matches).to.equal(false);
    expect(chosen[0]!.code.digits).to.equal(digits.replace(' ', ''));
    expect([agent.session.state, agent.session.problem]).to.deep.equal(['ended', 'code-mismatch']);
    await agent.element.updateComplete;
    expect(agent.element.shadowRoot!.querySelector('[part~="problem"] p')!.textContent).to.equal(en.call.problems['code-mismatch'].agent);
    expect(findButton(agent.element, en.call.actions['new-call'])).to.not.equal(undefined);
    await until(() => customer.element.shadowRoot!.querySelector('[part~="problem"] p')?.textContent === en.call.problems['peer-code-mismatch'].customer, 'the customer told why the call ended');
    expect([customer.session.state, customer.session.problem]).to.deep.equal(['ended', 'peer-code-mismatch']);
    expect(findButton(customer.element, en.call.actions['new-link'])).to.not.equal(undefined);
    await expectAccessible(customer.element, 'told that the codes differed');
    await expectAccessible(agent.element, 'codes differed');
  });
});
