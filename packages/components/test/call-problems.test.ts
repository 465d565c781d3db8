import { expect } from '@esm-bundle/chai';
import { BroadcastChannelSignaling, CallSession, createCallSecret, problemActions, type CallProblem, type ProblemAction, type Role } from '@sealcall/sdk';
import '../src/seal-call.js';
import type { SealCall, SealProblemActionDetail, SealProblemChangeDetail } from '../src/index.js';
import de from '../src/locales/de.json';
import en from '../src/locales/en.json';
import fr from '../src/locales/fr.json';
import nl from '../src/locales/nl.json';
import pl from '../src/locales/pl.json';
import { expectAccessible } from './helpers/axe.js';
import { mount, pressOn } from './helpers/call-element.js';

const catalogues = { en, de, fr, nl, pl };
/** What the element says: the problem card's words, or else the status line. */
const statusOf = (element: SealCall) => (element.shadowRoot!.querySelector('[part~="problem"] p') ?? element.shadowRoot!.querySelector('[part~="status"]'))!.textContent!.trim();
const actionsOf = (element: SealCall) => [...element.shadowRoot!.querySelectorAll('[part~="problem-action"]')].map((b) => b.textContent!.trim());

/** A session of `role` that never joins: the element takes its role from it. */
function idle(role: Role): CallSession {
  return new CallSession({ signaling: new BroadcastChannelSignaling({ room: `p-${crypto.randomUUID()}`, role }), e2ee: false, consent: false });
}

describe('<seal-call> says every problem of the catalogue', () => {
  afterEach(() => document.querySelectorAll('seal-call').forEach((e) => e.remove()));

  for (const [language, catalogue] of Object.entries(catalogues)) {
    it(`in ${language}: each problem's words for each role that can meet it, with its buttons, accessibly`, async () => {
      const element = Object.assign(document.createElement('seal-call'), { lang: language });
      document.body.append(element);
      const words = catalogue.call.problems as Record<string, { customer?: string; agent?: string }>;
      for (const role of ['customer', 'agent'] as const) {
        element.session = idle(role);
        for (const [problem, text] of Object.entries(words)) {
          if (text[role] === undefined) continue;
          element.problem = problem as CallProblem;
          await element.updateComplete;
          expect(statusOf(element), `${role}, ${problem}`).to.equal(text[role]);
          expect(element.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim(), 'the live region says it too').to.equal(text[role]);
          const labels = problemActions(problem as CallProblem, role).map((action) => catalogue.call.actions[action]);
          expect(actionsOf(element), `${role}, ${problem}`).to.deep.equal(labels);
          // The same markup in every language: axe once, in English.
          if (language === 'en') await expectAccessible(element, `${role}, ${problem}`);
        }
      }
    });
  }

  it('dispatches the action pressed, with the problem, bubbling out of the shadow root', async () => {
    const element = document.createElement('seal-call');
    document.body.append(element);
    element.problem = 'media-denied';
    const pressed: SealProblemActionDetail[] = [];
    document.addEventListener('seal-problem-action', (event) => pressed.push(event.detail), { once: true });
    await pressOn(element, 'Try again');
    expect(pressed).to.deep.equal([{ problem: 'media-denied', action: 'retry' satisfies ProblemAction }]);
    element.session = idle('customer');
    await element.updateComplete;
    expect(element.problem, 'a new session clears a problem the page set').to.equal(undefined);
    expect(statusOf(element)).to.equal(en.call.states.idle);
  });

  it("the agent reads why the customer is not coming: the customer's decline, then a blocked camera", async () => {
    const room = `p-${crypto.randomUUID()}`;
    const agent = mount('agent', room);
    const changes: Array<CallProblem | undefined> = [];
    agent.element.addEventListener('seal-problem-change', (event: CustomEvent<SealProblemChangeDetail>) => changes.push(event.detail.problem));
    await pressOn(agent.element, 'Join call');
    await until(() => statusOf(agent.element) === en.call.problems['peer-not-there'].agent);

    const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret: createCallSecret() }, consent: false });
    await customer.decline();
    expect(customer.problem).to.equal('declined');
    await until(() => statusOf(agent.element) === en.call.problems['peer-declined'].agent);

    const blocked = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret: createCallSecret() }, consent: false, media: { video: { deviceId: { exact: 'no-such-camera' } } } });
    const joining = await blocked.join().then(() => 'joined', (error: { code: string }) => error.code);
    expect(joining).to.equal('MEDIA_NOT_FOUND');
    expect(blocked.problem).to.equal('no-camera');
    await until(() => statusOf(agent.element) === en.call.problems['peer-no-camera'].agent);
    expect(changes).to.deep.equal(['peer-not-there', 'peer-declined', 'peer-no-camera']);
    await expectAccessible(agent.element, 'the customer is not coming');
    agent.session.hangUp();
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`Not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
