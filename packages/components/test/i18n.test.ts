import { expect } from '@esm-bundle/chai';
import '../src/seal-call.js';
import '../src/seal-consent-dialog.js';
import type { SealCall } from '../src/seal-call.js';
import type { SealConsentDialog } from '../src/seal-consent-dialog.js';
import type { ConsentDecision, ConsentNotice } from '../src/consent-dialog/consent-notice.js';
import { registerLocale, registeredLocales, type SealcallCatalogue } from '../src/index.js';
import en from '../src/locales/en.json';

const notice: ConsentNotice = {
  controller: 'Aseguradora SA',
  version: '2026-12',
  retention: '30 días.',
  dpoContact: 'dpd@aseguradora.example',
  privacyPolicyUrl: 'https://aseguradora.example/privacidad',
  purposes: [{ id: 'call', label: 'Videollamada', description: 'Una videollamada.', required: true }],
};

/** A complete sixth language: every English message, marked, placeholders kept. */
function marked<T>(messages: T): T {
  if (typeof messages === 'string') return `ES ${messages}` as T;
  return Object.fromEntries(Object.entries(messages as object).map(([key, value]) => [key, marked(value)])) as T;
}

const status = (element: SealCall) => element.shadowRoot!.querySelector('[part="status"]')!.textContent;

async function mountCall(parent: HTMLElement = document.body): Promise<SealCall> {
  const element = document.createElement('seal-call');
  parent.append(element);
  await element.updateComplete;
  return element;
}

async function settle(element: SealCall | SealConsentDialog): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await element.updateComplete;
}

describe('the locale registry, on the elements', () => {
  const documentLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = documentLang;
    document.querySelectorAll('seal-call, seal-consent-dialog, div.scope').forEach((e) => e.remove());
  });

  // First in this file: German is fetched here, the first time an element shows it.
  it('renders a page in a shipped language in that language from its first render, fetched on demand', async () => {
    const scope = Object.assign(document.createElement('div'), { className: 'scope', lang: 'de' });
    document.body.append(scope);
    const call = await mountCall(scope);
    expect(status(call)).to.equal('Bereit zur Teilnahme.');
    const dialog = document.createElement('seal-consent-dialog');
    dialog.notice = notice;
    dialog.open = true;
    scope.append(dialog);
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('button.decline')!.textContent!.trim()).to.equal('Ablehnen');
  });

  it('re-renders in a sixth language once it is registered, and records that language with a decision', async () => {
    const scope = Object.assign(document.createElement('div'), { className: 'scope', lang: 'es-MX' });
    document.body.append(scope);
    const call = await mountCall(scope);
    expect(status(call)).to.equal('Ready to join.');

    registerLocale('es', marked(en as SealcallCatalogue));
    await settle(call);
    expect(status(call)).to.equal('ES Ready to join.');
    expect(registeredLocales()).to.include('es');

    const dialog = document.createElement('seal-consent-dialog');
    dialog.notice = notice;
    scope.append(dialog);
    dialog.open = true;
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('#intro')!.textContent).to.equal(
      'ES Aseguradora SA asks for your consent first. Your camera and microphone stay off, and nothing is recorded, until you agree.',
    );
    const decided = new Promise<ConsentDecision>((resolve) => dialog.addEventListener('seal-consent-decline', (e) => resolve((e as CustomEvent<ConsentDecision>).detail)));
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('button.decline')!.click();
    const decision = await decided;
    expect(decision.locale).to.equal('es');
    expect(decision.shownText).to.contain('ES Before your video call');
  });

  it('merges a region over its language: de-AT changes one message and reads German for the rest', async () => {
    registerLocale('de-AT', { call: { states: { idle: 'Servus, bereit.' } } });
    const call = await mountCall();
    call.lang = 'de-AT';
    await settle(call);
    expect(status(call)).to.equal('Servus, bereit.');
    expect(call.shadowRoot!.querySelector('[part="controls"]')!.getAttribute('aria-label')).to.equal('Anrufsteuerung');
    call.lang = 'de-CH';
    await settle(call);
    expect(status(call)).to.equal('Bereit zur Teilnahme.');
  });

  it("follows a change of the document's lang", async () => {
    const call = await mountCall();
    document.documentElement.lang = 'fr';
    await settle(call);
    expect(status(call)).to.equal('Prêt à rejoindre.');
    document.documentElement.lang = 'pl';
    await settle(call);
    expect(status(call)).to.equal('Gotowe do dołączenia.');
  });

  it('merges the messages property deeply: one state changed, the others kept', async () => {
    const call = await mountCall();
    call.lang = 'nl';
    call.messages = { states: { idle: 'Welkom.' }, e2ee: {} };
    await settle(call);
    expect(status(call)).to.equal('Welkom.');
    expect(call.shadowRoot!.querySelector('[part="controls"]')!.getAttribute('aria-label')).to.equal('Gespreksknoppen');
  });

  it('refuses a sixth language with messages missing, and the elements keep theirs', async () => {
    const call = await mountCall();
    call.lang = 'it';
    expect(() => registerLocale('it', { call: { join: 'Partecipa' } })).to.throw(/The it catalogue is a new language and needs every message; missing: call\.hangUp/);
    await settle(call);
    expect(status(call)).to.equal('Ready to join.');
  });
});
