import { expect } from '@esm-bundle/chai';
import axe from 'axe-core';

/** Fails with the rule ids and their help when axe-core finds WCAG 2.1 A or AA violations in `element`. */
export async function expectAccessible(element: Element, state = 'this state'): Promise<void> {
  const results = await axe.run(element, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('; ')})`), `accessibility violations in ${state}`).to.deep.equal([]);
}
