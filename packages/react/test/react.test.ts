import { expect } from '@esm-bundle/chai';
import { createElement, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { ConsentDecision, ConsentNotice } from '@sealcall/components';
import { eventProp, SealCall, SealCapture, SealConsentDialog, SealRecords } from '../src/index.js';

interface Manifest {
  modules: Array<{ declarations?: Array<{ customElement?: boolean; tagName?: string; events?: Array<{ name: string }> }> }>;
}

const notice: ConsentNotice = {
  controller: 'Acme Insurance',
  version: '2026-12',
  retention: '30 days.',
  dpoContact: 'dpo@acme.example',
  privacyPolicyUrl: 'https://acme.example/privacy',
  purposes: [{ id: 'call', label: 'Video call', description: 'A video call.', required: true }],
};

const wrappers: Record<string, ComponentType<Record<string, unknown>>> = {
  'seal-call': SealCall as ComponentType<Record<string, unknown>>,
  'seal-consent-dialog': SealConsentDialog as ComponentType<Record<string, unknown>>,
  'seal-capture': SealCapture as ComponentType<Record<string, unknown>>,
  'seal-records': SealRecords as ComponentType<Record<string, unknown>>,
};

describe('@sealcall/react', () => {
  let host: HTMLElement;
  let root: Root;
  const render = (element: ReturnType<typeof createElement>) => flushSync(() => root.render(element));

  beforeEach(() => {
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
  });
  afterEach(() => {
    flushSync(() => root.unmount());
    host.remove();
  });

  it('has a wrapper for every element of the Custom Elements Manifest, and an onSeal… prop for each of its events', async () => {
    // The dev server serves JSON as a module.
    const manifest = ((await import(`${'/packages/components/dist/custom-elements.json'}`)) as { default: Manifest }).default;
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
    expect(elements.map((element) => element.tagName).sort()).to.deep.equal(Object.keys(wrappers).sort());
    for (const { tagName, events = [] } of elements) {
      const received: string[] = [];
      const handlers = Object.fromEntries(events.map(({ name }) => [eventProp(name), (event: CustomEvent) => received.push(`${event.type}:${String(event.detail)}`)]));
      render(createElement(wrappers[tagName!]!, handlers));
      const element = host.querySelector(tagName!)!;
      for (const { name } of events) element.dispatchEvent(new CustomEvent(name, { detail: 'marked', bubbles: true, composed: true }));
      expect(received, tagName).to.deep.equal(events.map(({ name }) => `${name}:marked`));
      expect(events.length, `${tagName} has events`).to.be.greaterThan(0);
    }
  });

  it('passes props as properties and calls the typed handler with the decision', async () => {
    const decisions: ConsentDecision[] = [];
    render(createElement(SealConsentDialog, { notice, open: true, onSealConsentDecline: (event) => decisions.push(event.detail) }));
    const element = host.querySelector('seal-consent-dialog')!;
    await element.updateComplete;
    expect(element.notice).to.equal(notice);
    expect(element.shadowRoot!.querySelector('dialog')!.matches(':modal')).to.equal(true);
    element.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.click();
    expect(decisions.map((decision) => decision.declined)).to.deep.equal([['call']]);
    expect(element.open).to.equal(false);
  });

  it('sets messages and passes lang and slotted children through', async () => {
    render(
      createElement(SealCall, { lang: 'de', messages: { states: { idle: 'Bereit, wenn Sie es sind.' } } }, createElement('img', { slot: 'logo', alt: 'Acme', src: 'data:,' })),
    );
    const element = host.querySelector('seal-call')!;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('Bereit, wenn Sie es sind.');
    expect(element.shadowRoot!.querySelector('[part="controls"]')!.getAttribute('aria-label')).to.equal('Anrufsteuerung');
    const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
    expect(slot.assignedElements().map((e) => e.getAttribute('alt'))).to.deep.equal(['Acme']);
  });
});
