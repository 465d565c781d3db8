import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import type { CallProblem } from '@sealcall/sdk';
import type { SealCall } from '../src/index.js';
import en from '../src/locales/en.json';
import { joinBoth, mount } from './helpers/call-element.js';
import { until } from '../../sdk/test/helpers/until.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const LANGUAGES = ['en', 'de', 'fr', 'nl', 'pl'];
const WIDTHS = [320, 390, 1280];
/** Everything the element lays out over the video, each measured as a box. */
const BOXES = ['[part~="status"]', '[part~="e2ee"]', '.notices > *', '[part~="local-video"]', '[part~="problem"]', '[part~="security-code"]', '[part~="lobby"]', '[part~="controls"]'];

interface Box {
  readonly what: string;
  readonly rect: DOMRect;
}

function boxes(element: SealCall): Box[] {
  return BOXES.flatMap((selector) =>
    [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)]
      .map((node) => ({ what: `${selector} "${(node.textContent ?? '').trim().slice(0, 40)}"`, rect: node.getBoundingClientRect() }))
      // Visually hidden text (the status line while the problem card shows its words) takes no room.
      .filter(({ rect }) => rect.width > 1 && rect.height > 1),
  );
}

/** Pairs of boxes that overlap, and boxes outside the element or the viewport. */
function overlaps(element: SealCall): string[] {
  const host = element.getBoundingClientRect();
  const found = boxes(element);
  const problems: string[] = [];
  for (const [i, a] of found.entries()) {
    const r = a.rect;
    if (r.left < host.left - 0.5 || r.right > host.right + 0.5 || r.top < host.top - 0.5 || r.bottom > host.bottom + 0.5) problems.push(`${a.what} leaves the element`);
    if (r.right > document.documentElement.clientWidth + 0.5) problems.push(`${a.what} leaves the viewport`);
    for (const b of found.slice(i + 1)) {
      const s = b.rect;
      const apart = r.right <= s.left + 0.5 || s.right <= r.left + 0.5 || r.bottom <= s.top + 0.5 || s.bottom <= r.top + 0.5;
      if (!apart) problems.push(`${a.what} overlaps ${b.what}`);
    }
  }
  return problems;
}

async function eachLayout(elements: SealCall[], check: (where: string) => Promise<void> | void): Promise<void> {
  for (const width of WIDTHS) {
    await setViewport({ width, height: 900 });
    for (const lang of LANGUAGES) {
      for (const element of elements) element.lang = lang;
      await Promise.all(elements.map((element) => element.updateComplete));
      await check(`${lang} at ${width} px`);
    }
  }
}

describe('<seal-call> lays out without overlap at 320, 390 and 1280 px in every language', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('connected, with the security code panel, the encryption line and the controls', async function () {
    this.timeout(60_000);
    const room = `layout-${crypto.randomUUID()}`;
    const agent = mount('agent', room);
    const customer = mount('customer', room);
    sessions.push(agent.session, customer.session);
    await joinBoth(agent.element, customer.element);
    await until(() => customer.element.shadowRoot!.querySelector('[part~="security-code"]'), 'the security code panel');
    await eachLayout([agent.element, customer.element], (where) => {
      for (const element of [agent.element, customer.element]) expect(overlaps(element), where).to.deep.equal([]);
    });
  });

  it('with the longest words of every problem, and its buttons', async function () {
    this.timeout(60_000);
    const customer = document.createElement('seal-call');
    const agent = mount('agent', `layout-${crypto.randomUUID()}`);
    sessions.push(agent.session);
    document.body.append(customer);
    const problems = Object.keys(en.call.problems) as CallProblem[];
    await eachLayout([customer, agent.element], async (where) => {
      for (const problem of problems) {
        customer.problem = problem;
        agent.element.problem = problem;
        await Promise.all([customer.updateComplete, agent.element.updateComplete]);
        expect(overlaps(customer), `customer, ${problem}, ${where}`).to.deep.equal([]);
        expect(overlaps(agent.element), `agent, ${problem}, ${where}`).to.deep.equal([]);
      }
    });
  });
});
