import { expect } from '@esm-bundle/chai';
import { ConsentLedger, type ConsentReceipt } from '../src/consent/consent-ledger.js';
import { MemoryConsentStore } from '../src/consent/memory-consent-store.js';
import { verifyConsentReceipt } from '../src/consent/receipt.js';
import { SealcallError } from '../src/errors.js';
import { TEMPLATE_LOCALES } from '../src/templates/catalogues.js';
import { placeholdersOf } from '../src/i18n/message-format.js';
import { recordsCatalogues, RECORDS_STRING_KEYS } from '../src/templates/records/locales.js';
import { renderRecordsEmail } from '../src/templates/records/render.js';
import { RECORDS_EMAIL_VARIABLES, type RecordsEmailVariables, type RenderRecordsEmailOptions } from '../src/templates/records/types.js';

const subjectId = 'subject-records';
const shown = { noticeVersion: 'v3', locale: 'en', shownText: 'May we record this call? The recording is kept for 90 days.' };

function variables(changes: Partial<Record<keyof RecordsEmailVariables, unknown>> = {}): RecordsEmailVariables {
  return {
    organisation: 'Example Insurance',
    customerName: 'Sam Jansen',
    link: 'https://portal.example-insurer.eu/records/8fK2mQ9x',
    availableUntil: new Date('2030-03-21T16:00:00Z'),
    timeZone: 'Europe/Amsterdam',
    privacyUrl: 'https://www.example-insurer.eu/privacy',
    dpoContact: 'privacy@example-insurer.eu',
    ...changes,
  } as RecordsEmailVariables;
}

/** A grant of the call and pictures with recording refused, at 09:30 UTC, and the withdrawal of pictures at 10:00. */
async function receipt(): Promise<ConsentReceipt> {
  let now = new Date('2030-03-14T09:30:00Z');
  const ledger = new ConsentLedger({ store: new MemoryConsentStore(), now: () => now });
  await ledger.recordDecision({ ...shown, accepted: ['call', 'pictures'], declined: ['recording'] }, { subjectId, callId: 'claim-4711' });
  now = new Date('2030-03-14T10:00:00Z');
  await ledger.withdraw(['pictures'], shown, { subjectId, callId: 'claim-4711' });
  return ledger.receipt(subjectId);
}

function render(options: Partial<RenderRecordsEmailOptions> & { receipt: ConsentReceipt }) {
  return renderRecordsEmail({ locale: 'en', variables: variables(), ...options });
}

function codeOf(thrown: () => unknown): string {
  try {
    thrown();
  } catch (error) {
    if (error instanceof SealcallError) return error.code;
    throw error;
  }
  throw new Error('expected a SealcallError');
}

describe('The records email', () => {
  it('says where the records are, until when, and every consent decision in plain words, with the receipt attached', async () => {
    const given = await receipt();
    const { subject, text, html, attachment } = render({ receipt: given });
    expect(subject).to.equal('Your records from Example Insurance');
    expect(text).to.include('Dear Sam Jansen,');
    expect(text).to.include('Download your records: https://portal.example-insurer.eu/records/8fK2mQ9x');
    expect(text).to.match(/The link works until Thursday, March 21, 2030 at 5:00\s?PM\./);
    expect(text).to.match(/- Thursday, March 14, 2030 at 10:30\s?AM: you agreed to the video call and pictures during the call\./);
    expect(text).to.match(/- Thursday, March 14, 2030 at 10:30\s?AM: you refused recording the call\./);
    expect(text).to.match(/- Thursday, March 14, 2030 at 11:00\s?AM: you withdrew your consent to pictures during the call\./);
    expect(text).to.include('privacy@example-insurer.eu');
    expect(html).to.include('<a href="https://portal.example-insurer.eu/records/8fK2mQ9x"><strong>Download your records</strong></a>');
    expect(html).to.include('<html lang="en">');

    expect(attachment.name).to.equal(`consent-receipt-${given.issuedAt.slice(0, 10)}.json`);
    expect(attachment.type).to.equal('application/json');
    const verification = verifyConsentReceipt(await attachment.text());
    expect(verification).to.include({ valid: true, records: 3 });
  });

  it('speaks each of the five languages, with no placeholder, code or English left in the others', async () => {
    const given = await receipt();
    const english = render({ receipt: given });
    for (const locale of TEMPLATE_LOCALES) {
      const { subject, text, html } = render({ receipt: given, locale });
      for (const body of [subject, text, html]) expect(body, locale).not.to.match(/\{[A-Za-z]+\}/);
      if (locale !== 'en') {
        expect(text, locale).not.to.match(/\b(grant|refusal|withdrawal|recording|pictures)\b/);
        expect(subject, locale).not.to.equal(english.subject);
        expect(text, locale).not.to.include('you agreed to');
      }
      expect(html, locale).to.include(`<html lang="${locale}">`);
    }
    expect(render({ receipt: given, locale: 'nl-BE' }).text).to.include('u stemde in met het videogesprek en foto’s tijdens het gesprek');
    expect(render({ receipt: given, locale: 'de' }).text).to.include('Sie haben abgelehnt: die Aufzeichnung des Gesprächs.');
  });

  it('has every string in every language, each using only its variables', () => {
    for (const locale of TEMPLATE_LOCALES) {
      const catalogue = recordsCatalogues[locale];
      for (const key of RECORDS_STRING_KEYS) {
        expect(catalogue[key], `${locale}.${key}`).to.be.a('string').and.not.equal('');
        for (const name of placeholdersOf(catalogue[key])) expect(RECORDS_EMAIL_VARIABLES, `${locale}.${key} uses {${name}}`).to.include(name);
      }
      expect(placeholdersOf(catalogue.recordsLinkText), locale).to.include('link');
      expect(placeholdersOf(catalogue.recordsAvailable), locale).to.include('availableUntil');
      for (const key of ['consentGranted', 'consentRefused', 'consentWithdrawn'] as const) expect(placeholdersOf(catalogue[key]), `${locale}.${key}`).to.have.members(['at', 'purposes']);
    }
  });

  it('escapes what it is given, and refuses unsafe links and purposes it cannot name', async () => {
    const given = await receipt();
    const { html, subject } = render({ receipt: given, variables: variables({ customerName: '<img src=x onerror=alert(1)>', organisation: 'Acme\r\nBcc: all@example.com' }) });
    expect(html).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.to.include('<img');
    expect(subject).to.equal('Your records from Acme Bcc: all@example.com');
    expect(codeOf(() => render({ receipt: given, variables: variables({ link: 'javascript:alert(1)' }) }))).to.equal('TEMPLATE_UNSAFE_LINK');
    expect(codeOf(() => render({ receipt: given, locale: 'it' }))).to.equal('TEMPLATE_UNKNOWN_LOCALE');
    expect(codeOf(() => render({ receipt: given, variables: variables({ availableUntil: undefined }) }))).to.equal('TEMPLATE_VARIABLE_MISSING');

    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision({ ...shown, accepted: ['call', 'claim-evidence'], declined: [] }, { subjectId, callId: 'claim-4712' });
    const own = await ledger.receipt(subjectId);
    expect(codeOf(() => render({ receipt: own }))).to.equal('TEMPLATE_VARIABLE_MISSING');
    expect(render({ receipt: own, overrides: { purposes: { 'claim-evidence': 'evidence for your claim' } } }).text).to.include('you agreed to the video call and evidence for your claim.');
  });

  it('says so when there is no consent on record, and takes string overrides', async () => {
    const empty = await new ConsentLedger({ store: new MemoryConsentStore() }).receipt('subject-none');
    const { text } = render({ receipt: empty, overrides: { strings: { recordsSubject: 'Your data, {organisation}' } } });
    expect(text).to.include('We hold no record of your consent.');
    expect(render({ receipt: empty, overrides: { strings: { recordsSubject: 'Your data, {organisation}' } } }).subject).to.equal('Your data, Example Insurance');
    expect(codeOf(() => render({ receipt: empty, overrides: { strings: { nonsense: 'x' } as object } }))).to.equal('INVALID_ARGUMENT');
  });
});
