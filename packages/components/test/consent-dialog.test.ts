import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { press } from './helpers/keys.js';
import '../src/seal-consent-dialog.js';
import type { SealConsentDialog } from '../src/seal-consent-dialog.js';
import type { ConsentDecision, ConsentNotice } from '../src/consent-dialog/consent-notice.js';
import { expectAccessible } from './helpers/axe.js';

const notice: ConsentNotice = {
  controller: 'Verzekeraar NV',
  version: '2026-11',
  retention: 'Recordings: 30 days after the claim is settled.',
  dpoContact: 'dpo@verzekeraar.example',
  privacyPolicyUrl: 'https://verzekeraar.example/privacy',
  purposes: [
    { id: 'call', label: 'Video call', description: 'A live video call with your claims handler.', required: true },
    { id: 'recording', label: 'Recording', description: 'The call is **recorded** as evidence for your claim.', required: false },
    { id: 'pictures', label: 'Pictures', description: 'Stills of the damage you show.', required: false },
  ],
};

async function mount(options: { notice?: ConsentNotice; lang?: string } = {}): Promise<SealConsentDialog> {
  const element = document.createElement('seal-consent-dialog');
  element.notice = options.notice ?? notice;
  if (options.lang) element.setAttribute('lang', options.lang);
  document.body.append(element);
  element.open = true;
  await element.updateComplete;
  return element;
}

const shadow = (element: SealConsentDialog) => element.shadowRoot!;
const accept = (element: SealConsentDialog) => shadow(element).querySelector<HTMLButtonElement>('button.accept')!;
const decline = (element: SealConsentDialog) => shadow(element).querySelector<HTMLButtonElement>('button.decline')!;
const checkbox = (element: SealConsentDialog, id: string) => shadow(element).querySelector<HTMLInputElement>(`#purpose-${id}`)!;

function next<T>(element: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => element.addEventListener(type, (event) => resolve(event as CustomEvent<T>), { once: true }));
}

describe('<seal-consent-dialog>', () => {
  afterEach(async () => {
    document.querySelectorAll('seal-consent-dialog, button.opener').forEach((e) => e.remove());
    await setViewport({ width: 800, height: 600 });
  });

  it('opens as a labelled modal with nothing ticked and Accept disabled until the required purposes are', async () => {
    const element = await mount();
    const dialog = shadow(element).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(shadow(element).getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal('Before your video call');
    expect(['call', 'recording', 'pictures'].map((id) => checkbox(element, id).checked)).to.deep.equal([false, false, false]);
    expect(accept(element).disabled).to.equal(true);
    expect(decline(element).disabled).to.equal(false);
    checkbox(element, 'recording').click();
    await element.updateComplete;
    expect(accept(element).disabled).to.equal(true);
    checkbox(element, 'call').click();
    await element.updateComplete;
    expect(accept(element).disabled).to.equal(false);
  });

  it('works with the keyboard alone, and gives focus back to what opened it', async () => {
    const opener = document.createElement('button');
    opener.className = 'opener';
    opener.textContent = 'Start';
    document.body.append(opener);
    opener.focus();
    const element = await mount();
    expect(shadow(element).activeElement).to.equal(checkbox(element, 'call'));
    await press('Space');
    await element.updateComplete;
    await press('Tab');
    await press('Tab');
    await press('Space');
    const decided = next<ConsentDecision>(element, 'seal-consent-accept');
    accept(element).focus();
    await press('Enter');
    const { detail } = await decided;
    expect(detail.accepted).to.deep.equal(['call', 'pictures']);
    expect(detail.declined).to.deep.equal(['recording']);
    await element.updateComplete;
    expect(element.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('records the exact text shown, the notice version and the language', async () => {
    const element = await mount({ lang: 'nl-BE' });
    checkbox(element, 'call').click();
    await element.updateComplete;
    const decided = next<ConsentDecision>(element, 'seal-consent-accept');
    accept(element).click();
    const { detail } = await decided;
    expect(detail.locale).to.equal('nl');
    expect(detail.noticeVersion).to.equal('2026-11');
    expect(detail.shownText).to.include('Voor uw videogesprek');
    expect(detail.shownText).to.include('The call is recorded as evidence for your claim.');
    expect(detail.shownText).to.include('dpo@verzekeraar.example');
    expect(detail.shownText).to.include('https://verzekeraar.example/privacy');
  });

  it('declines as easily as it accepts, with Escape too, unless the page vetoes closing', async () => {
    const element = await mount();
    const declined = next<ConsentDecision>(element, 'seal-consent-decline');
    decline(element).click();
    expect((await declined).detail.accepted).to.deep.equal([]);
    expect(element.open).to.equal(false);

    element.open = true;
    await element.updateComplete;
    element.addEventListener('seal-request-close', (event) => event.preventDefault(), { once: true });
    await press('Escape');
    await element.updateComplete;
    expect(element.open).to.equal(true);

    const escaped = next<ConsentDecision>(element, 'seal-consent-decline');
    await press('Escape');
    expect((await escaped).detail.declined).to.deep.equal(['call', 'recording', 'pictures']);
    expect(element.open).to.equal(false);
  });

  it('renders a hostile notice as text, and rich text only through its small subset', async () => {
    (window as unknown as { pwned?: boolean }).pwned = false;
    const hostile = '<img src=x onerror="window.pwned=true">';
    const element = await mount({
      notice: {
        ...notice,
        controller: hostile,
        purposes: [{ id: 'call', label: hostile, description: 'See [terms](https://verzekeraar.example/terms) or [this](javascript:alert(1)).', required: true }],
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(shadow(element).querySelector('img')).to.equal(null);
    expect(shadow(element).textContent).to.include(hostile);
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(false);
    const links = [...shadow(element).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['https://verzekeraar.example/terms', 'https://verzekeraar.example/privacy']);
    expect(shadow(element).textContent).to.include('[this](javascript:alert(1))');
  });

  it('shows and records a notice as it reads: a javascript: link as its text, no bidirectional overrides', async () => {
    // "Trojan Source": U+202E turns what follows around on screen, so "Video call" could read as a different promise.
    const element = await mount({
      notice: {
        ...notice,
        controller: 'Verzekeraar\u202e VN\u2066',
        purposes: [{ id: 'call', label: 'Video\u202d call', description: 'We \u202eton od\u202c keep it, see [this](javascript:alert(1)).', required: true }],
      },
    });
    const text = shadow(element).textContent!;
    expect(text).not.to.match(/[\u202a-\u202e\u2066-\u2069]/);
    expect(text).to.include('We ton od keep it');
    checkbox(element, 'call').click();
    await element.updateComplete;
    const accepted = next<ConsentDecision>(element, 'seal-consent-accept');
    accept(element).click();
    const { shownText } = (await accepted).detail;
    expect(shownText).not.to.match(/[\u202a-\u202e\u2066-\u2069]/);
    expect(shownText).to.include('Video call (').and.to.include('[this](javascript:alert(1))').and.to.include('Verzekeraar VN');
  });

  for (const [lang, title] of [['en', 'Before your video call'], ['nl', 'Voor uw videogesprek'], ['de', 'Vor Ihrem Videogespräch'], ['fr', 'Avant votre appel vidéo'], ['pl', 'Przed rozmową wideo']]) {
    it(`speaks ${lang}`, async () => {
      const element = await mount({ lang });
      expect(shadow(element).querySelector('h2')!.textContent).to.equal(title);
    });
  }

  it('takes the integrator\'s wording over its own', async () => {
    const element = await mount();
    element.messages = { accept: 'I agree' };
    await element.updateComplete;
    expect(accept(element).textContent!.trim()).to.equal('I agree');
  });

  it('fits a 320 px wide phone without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const element = await mount();
    const dialog = shadow(element).querySelector('dialog')!;
    expect(dialog.getBoundingClientRect().width).to.be.at.most(320);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    const acceptBox = accept(element).getBoundingClientRect();
    expect(acceptBox.right).to.be.at.most(320);
  });

  it('passes an automated accessibility check', async () => {
    const element = await mount();
    await expectAccessible(element);
  });
});
