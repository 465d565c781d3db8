import { expect } from '@esm-bundle/chai';
import { createInvite } from '../src/e2ee/invite.js';
import { SealcallError } from '../src/errors.js';
import { TEMPLATE_LOCALES, TEMPLATE_STRING_KEYS, templateCatalogues } from '../src/templates/catalogues.js';
import { placeholdersOf } from '../src/i18n/message-format.js';
import { INVITATION_STRING_KEYS } from '@sealcall/protocol';
import { renderInvitation } from '../src/templates/render.js';
import { tenantTemplateOverrides } from '../src/templates/tenant-overrides.js';
import { measureSms } from '../src/templates/sms-encoding.js';
import type { InvitationChannel, InvitationVariables, RenderedInvitations } from '../src/templates/types.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
const link = createInvite('https://claims.example-insurer.eu/call', { room: 'claim-4711', token: 'rt_8fK2mQ9xZp4Lw7Vb', secret });
const privacyUrl = 'https://www.example-insurer.eu/privacy';
const CHANNELS: readonly InvitationChannel[] = ['email', 'sms', 'whatsapp'];

function variables(changes: Partial<Record<keyof InvitationVariables, unknown>> = {}): InvitationVariables {
  return {
    organisation: 'Example Insurance',
    customerName: 'Sam Jansen',
    link,
    time: new Date('2030-03-14T09:30:00Z'),
    timeZone: 'Europe/Amsterdam',
    privacyUrl,
    dpoContact: 'privacy@example-insurer.eu',
    retention: { days: 30 },
    ...changes,
  } as InvitationVariables;
}

function render<C extends InvitationChannel>(channel: C, locale = 'en', changes = {}): RenderedInvitations[C] {
  return renderInvitation({ channel, locale, variables: variables(changes) });
}

function thrown(action: () => unknown): SealcallError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(SealcallError);
    return error as SealcallError;
  }
  throw new Error('expected a SealcallError, nothing was thrown');
}

function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('renderInvitation: every channel in every language', () => {
  for (const locale of TEMPLATE_LOCALES) {
    it(`${locale}: the email carries the link, the time, the privacy notice and the rights`, () => {
      const { subject, html, text } = render('email', locale);
      expect(subject).to.include('Example Insurance').and.not.include('\n');
      expect(subject).not.to.include(link);
      expect(text).to.include(link).and.include(privacyUrl).and.include('privacy@example-insurer.eu');
      for (const right of ['rightAccess', 'rightRectification', 'rightErasure', 'rightObjection', 'rightComplaint'] as const) {
        expect(text).to.include(templateCatalogues[locale][right]);
      }
      const doc = parseHtml(html);
      const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal([link, privacyUrl]);
      expect(doc.documentElement.lang).to.equal(locale);
      expect(doc.title).to.equal(subject);
      expect(doc.body.textContent).to.include(link).and.include('Sam Jansen');
      expect(doc.querySelectorAll('li')).to.have.length(5);
      expect(html).not.to.match(/style=|<style/);
    });

    it(`${locale}: the SMS carries the link and the privacy notice within 3 segments`, () => {
      const sms = render('sms', locale);
      expect(sms.text).to.include(link).and.include(privacyUrl).and.include('Example Insurance');
      expect(sms.segments).to.be.at.most(3);
      expect({ encoding: sms.encoding, length: sms.length, segments: sms.segments }).to.deep.equal(measureSms(sms.text));
    });

    it(`${locale}: the WhatsApp message carries the link, the privacy notice and the rights`, () => {
      const { text } = render('whatsapp', locale);
      expect(text).to.include(link).and.include(privacyUrl);
      expect(text.startsWith(`*${templateCatalogues[locale].emailSubject.replace('{organisation}', 'Example Insurance')}*\n`)).to.equal(true);
      expect(text).to.include(`- ${templateCatalogues[locale].rightComplaint}`);
    });
  }

  it('writes the time in the customer’s language and time zone', () => {
    expect(render('email', 'nl').text).to.include('donderdag 14 maart 2030 om 10:30');
    expect(render('email', 'de').text).to.include('Donnerstag, 14. März 2030 um 10:30');
    expect(render('email', 'fr').text).to.include('jeudi 14 mars 2030 à 10:30');
    expect(render('email', 'en').text).to.include('Thursday, March 14, 2030 at 10:30 AM');
    expect(render('email', 'en-GB', { timeZone: 'Europe/London' }).text).to.include('Thursday, 14 March 2030 at 09:30');
  });

  it('writes a retention period out in each language', () => {
    const expected = { en: '30 days', nl: '30 dagen', de: '30 Tage', fr: '30 jours', pl: '30 dni' };
    for (const locale of TEMPLATE_LOCALES) expect(render('email', locale).text).to.include(expected[locale]);
    expect(render('email', 'en', { retention: { months: 6 } }).text).to.include('6 months');
    expect(render('email', 'en', { retention: 'until your claim is settled' }).text).to.include('until your claim is settled');
  });

  it('greets neutrally without a customer name', () => {
    expect(render('email', 'en', { customerName: undefined }).text.split('\n')[0]).to.equal('Dear customer,');
    expect(render('whatsapp', 'nl', { customerName: '  ' }).text).to.include('Beste klant,');
  });

  it('falls back from a regional tag to its language and formats for the region', () => {
    const { subject, html } = render('email', 'nl-BE');
    expect(subject).to.equal('Uw videogesprek met Example Insurance');
    expect(parseHtml(html).documentElement.lang).to.equal('nl-BE');
  });
});

describe('the catalogues', () => {
  const english = templateCatalogues.en;
  it('name the strings a tenant\'s settings may reword, no more and no fewer', () => {
    expect([...TEMPLATE_STRING_KEYS].sort()).to.deep.equal([...INVITATION_STRING_KEYS].sort());
  });

  for (const locale of TEMPLATE_LOCALES) {
    it(`${locale} has every string, with the placeholders of the English one`, () => {
      const strings = templateCatalogues[locale];
      expect(Object.keys(strings).sort()).to.deep.equal([...TEMPLATE_STRING_KEYS].sort());
      for (const key of TEMPLATE_STRING_KEYS) {
        expect(strings[key].trim(), `${locale}.${key}`).not.to.equal('');
        expect(placeholdersOf(strings[key]).sort(), `${locale}.${key}`).to.deep.equal(placeholdersOf(english[key]).sort());
      }
    });
  }
});

describe('renderInvitation: hostile values', () => {
  const html = '<img src=x onerror=alert(1)>';
  const breakout = '"><script>alert(1)</script>';

  it('escapes every value in the email HTML, text and attributes alike', () => {
    const { html: out } = render('email', 'en', { customerName: html, organisation: breakout, dpoContact: "x' onmouseover='alert(1)" });
    expect(out).not.to.include('<img').and.not.include('<script').and.not.include("x' onmouseover");
    expect(out).to.include('&lt;img src=x onerror=alert(1)&gt;').and.include('&quot;&gt;&lt;script&gt;').and.include('x&#39; onmouseover=&#39;alert(1)');
    const doc = parseHtml(out);
    expect(doc.querySelectorAll('img, script')).to.have.length(0);
    expect(doc.querySelector('p')?.textContent).to.equal(`Dear ${html},`);
    expect(doc.title).to.equal(`Your video call with ${breakout}`);
  });

  it('escapes the strings of the HTML too: they are text', () => {
    const { html: out } = renderInvitation({ channel: 'email', locale: 'en', variables: variables(), overrides: { strings: { signOff: 'Thanks & <b>bye</b>' } } });
    expect(out).to.include('Thanks &amp; &lt;b&gt;bye&lt;/b&gt;');
  });

  for (const [what, bad] of [
    ['javascript:', 'javascript:alert(document.cookie)//#k=x'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['plain http', 'http://claims.example-insurer.eu/call#k=x'],
    ['credentials', 'https://claims.example-insurer.eu@evil.example/call#k=x'],
    ['no URL at all', 'call me'],
  ] as const) {
    it(`refuses a ${what} link on every channel, and a ${what} privacy URL`, () => {
      for (const channel of CHANNELS) {
        const error = thrown(() => render(channel, 'en', { link: bad }));
        expect(error.code).to.equal('TEMPLATE_UNSAFE_LINK');
        expect(error.message).to.include('"link"').and.not.include(bad);
        expect(thrown(() => render(channel, 'en', { privacyUrl: bad })).code).to.equal('TEMPLATE_UNSAFE_LINK');
      }
    });
  }

  it('accepts http on localhost, for demos', () => {
    const local = createInvite('http://localhost:5173/call', { room: 'demo', token: 't', secret });
    expect(render('sms', 'en', { link: local }).text).to.include(local);
  });

  it('neutralises WhatsApp formatting in values, not in the template', () => {
    const { text } = render('whatsapp', 'en', { organisation: '*FREE* _money_ ~now~ ```code```', customerName: '*Sam*' });
    expect(text).not.to.match(/\*FREE\*|_money_|~now~|`/);
    expect(text).to.include('\u2217FREE\u2217 \u02cdmoney\u02cd \u02dcnow\u02dc \u02cb\u02cb\u02cbcode\u02cb\u02cb\u02cb');
    expect(text).to.include('Dear \u2217Sam\u2217,');
    expect(text).to.match(/^\*Your video call with [^*]+\*$/m);
    expect(text).to.include(link);
  });

  it('collapses line breaks in values so none can start a line, on every channel', () => {
    const injected = 'Sam\r\n\r\nURGENT: pay at https://evil.example\u2028now';
    for (const channel of CHANNELS) {
      const out = render(channel, 'en', { customerName: injected, organisation: 'Example\nInsurance' });
      const lines = Object.values(out)
        .filter((v): v is string => typeof v === 'string')
        .flatMap((v) => v.split(/\r\n|\r|\n|\u2028/));
      expect(lines.some((line) => line.startsWith('URGENT')), channel).to.equal(false);
      expect(lines.some((line) => /^Insurance/.test(line)), channel).to.equal(false);
    }
    expect(render('email', 'en', { organisation: 'Acme\r\nBcc: all@evil.example' }).subject).to.equal('Your video call with Acme Bcc: all@evil.example');
    expect(render('sms', 'en', { organisation: 'Acme\nInsurance' }).text).to.include('Acme Insurance invites you');
  });

  it('strips control and bidirectional override characters', () => {
    const { text } = render('sms', 'en', { organisation: 'Acme\u202Eecnarusni\u0007' });
    expect(text).to.include('Acmeecnarusni invites');
  });

  it('never fills a placeholder inside a value', () => {
    expect(render('email', 'en', { customerName: '{link}' }).text).to.include('Dear {link},');
  });
});

describe('renderInvitation: missing and wrong input', () => {
  for (const name of ['organisation', 'link', 'time', 'timeZone', 'privacyUrl', 'dpoContact', 'retention'] as const) {
    it(`a missing "${name}" throws TEMPLATE_VARIABLE_MISSING naming it`, () => {
      for (const channel of CHANNELS) {
        const error = thrown(() => render(channel, 'en', { [name]: undefined }));
        expect(error.code).to.equal('TEMPLATE_VARIABLE_MISSING');
        expect(error.message).to.include(`"${name}"`);
      }
    });
  }

  it('an empty or blank required variable is missing, not an empty gap', () => {
    expect(thrown(() => render('sms', 'en', { organisation: '' })).code).to.equal('TEMPLATE_VARIABLE_MISSING');
    expect(thrown(() => render('sms', 'en', { dpoContact: ' \n ' })).code).to.equal('TEMPLATE_VARIABLE_MISSING');
  });

  it('a placeholder for an absent optional variable throws, naming it', () => {
    const error = thrown(() =>
      renderInvitation({ channel: 'email', locale: 'en', variables: variables({ customerName: undefined }), overrides: { strings: { greetingNoName: 'Hi {customerName},' } } }),
    );
    expect(error.code).to.equal('TEMPLATE_VARIABLE_MISSING');
    expect(error.message).to.include('{customerName}').and.include('strings.greetingNoName');
  });

  it('a placeholder that names no variable throws, naming it', () => {
    const error = thrown(() => renderInvitation({ channel: 'sms', locale: 'en', variables: variables(), overrides: { strings: { sms: 'Claim {claimNumber}: {link} {privacyUrl}' } } }));
    expect(error.code).to.equal('TEMPLATE_VARIABLE_MISSING');
    expect(error.message).to.include('{claimNumber}');
  });

  it('an unknown locale throws TEMPLATE_UNKNOWN_LOCALE listing the available ones', () => {
    for (const locale of ['it', 'zz-ZZ', 'not a locale!', '']) {
      const error = thrown(() => render('email', locale));
      expect(error.code).to.equal('TEMPLATE_UNKNOWN_LOCALE');
      expect(error.message).to.include('en, nl, de, fr, pl');
    }
  });

  it('wrong types and values are INVALID_ARGUMENT', () => {
    const cases: Array<() => unknown> = [
      () => render('email', 'en', { timeZone: 'Mars/Olympus_Mons' }),
      () => render('email', 'en', { time: new Date('nonsense') }),
      () => render('email', 'en', { time: '2030-03-14' }),
      () => render('email', 'en', { organisation: 42 }),
      () => render('email', 'en', { customerName: 'x'.repeat(257) }),
      () => render('email', 'en', { retention: { days: -1 } }),
      () => render('email', 'en', { retention: { weeks: 2 } }),
      () => renderInvitation({ channel: 'fax' as 'sms', locale: 'en', variables: variables() }),
      () => renderInvitation({ channel: 'sms', locale: 'en', variables: variables(), maxSegments: 0 }),
    ];
    for (const action of cases) expect(thrown(action).code).to.equal('INVALID_ARGUMENT');
  });
});

describe('renderInvitation: overrides', () => {
  it('takes the tenant\'s wording for the exact locale, else its language, else none', () => {
    const settings = {
      invitationTemplates: [
        { locale: 'nl', strings: { emailSubject: 'Videogesprek met {organisation}' } },
        { locale: 'nl-BE', strings: { emailSubject: 'Videogesprek (BE) met {organisation}' } },
        { locale: 'de', templates: { whatsapp: '{organisation}: {link} {privacyUrl}' } },
      ],
    };
    const subject = (locale: string) => renderInvitation({ channel: 'email', locale, variables: variables(), overrides: tenantTemplateOverrides(settings, locale) }).subject;
    expect(subject('nl-BE')).to.equal('Videogesprek (BE) met Example Insurance');
    expect(subject('nl-NL')).to.equal('Videogesprek met Example Insurance');
    expect(subject('en')).to.equal(render('email').subject);
    expect(tenantTemplateOverrides(settings, 'DE')).to.deep.equal({ templates: { whatsapp: '{organisation}: {link} {privacyUrl}' } });
  });

  it('replaces single strings, keeping the rest of the locale', () => {
    const email = renderInvitation({
      channel: 'email',
      locale: 'nl',
      variables: variables(),
      overrides: { strings: { emailSubject: 'Uw schadeafspraak met {organisation}', signOff: undefined } },
    });
    expect(email.subject).to.equal('Uw schadeafspraak met Example Insurance');
    expect(email.text).to.include('Met vriendelijke groet,');
  });

  it('replaces the SMS wording, which must keep the link and the privacy notice', () => {
    const sms = renderInvitation({ channel: 'sms', locale: 'en', variables: variables(), overrides: { strings: { sms: 'Call {organisation}: {link} Privacy: {privacyUrl}' } } });
    expect(sms.text).to.equal(`Call Example Insurance: ${link} Privacy: ${privacyUrl}`);
    const error = thrown(() => renderInvitation({ channel: 'sms', locale: 'en', variables: variables(), overrides: { strings: { sms: 'Call us: {link}' } } }));
    expect(error.code).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.include('{privacyUrl}');
  });

  it('replaces the whole email HTML: the markup is kept, the values escaped', () => {
    const template = '<html><style>a { color: navy }</style><body><p>Hello {customerName}</p><a href="{link}">Join</a> <a href="{privacyUrl}">Privacy</a></body></html>';
    const { html, text } = renderInvitation({
      channel: 'email',
      locale: 'en',
      variables: variables({ customerName: '<b>Sam</b>' }),
      overrides: { templates: { emailHtml: template } },
    });
    expect(html).to.include('<style>a { color: navy }</style>').and.include('<p>Hello &lt;b&gt;Sam&lt;/b&gt;</p>');
    expect(parseHtml(html).querySelector('a')?.getAttribute('href')).to.equal(link);
    expect(text).to.include(link);
  });

  it('replaces the WhatsApp text and the email text', () => {
    const whatsapp = renderInvitation({
      channel: 'whatsapp',
      locale: 'en',
      variables: variables({ organisation: '*Acme*' }),
      overrides: { templates: { whatsapp: '*{organisation}*: {link}\n_Privacy:_ {privacyUrl}' } },
    });
    expect(whatsapp.text).to.equal(`*\u2217Acme\u2217*: ${link}\n_Privacy:_ ${privacyUrl}`);
    const email = renderInvitation({ channel: 'email', locale: 'en', variables: variables(), overrides: { templates: { emailText: 'Join: {link}\nPrivacy: {privacyUrl}' } } });
    expect(email.text).to.equal(`Join: ${link}\nPrivacy: ${privacyUrl}`);
  });

  it('refuses a whole template without the link, and an unknown string', () => {
    const noLink = () => renderInvitation({ channel: 'whatsapp', locale: 'en', variables: variables(), overrides: { templates: { whatsapp: 'Hi {customerName}' } } });
    expect(thrown(noLink).code).to.equal('INVALID_ARGUMENT');
    const unknown = () => renderInvitation({ channel: 'email', locale: 'en', variables: variables(), overrides: { strings: { subject: 'x' } as object } });
    expect(thrown(unknown).code).to.equal('INVALID_ARGUMENT');
    const inherited = () => renderInvitation({ channel: 'email', locale: 'en', variables: variables(), overrides: { strings: { constructor: 'x' } as object } });
    expect(thrown(inherited).code).to.equal('INVALID_ARGUMENT');
  });

  it('takes a whole catalogue for a language the SDK does not ship', () => {
    const italian = { ...templateCatalogues.en, emailSubject: 'La sua videochiamata con {organisation}', invitation: '{organisation} la invita a una videochiamata sicura: {time}.' };
    const email = renderInvitation({ channel: 'email', locale: 'it-IT', variables: variables(), overrides: { catalogue: italian } });
    expect(email.subject).to.equal('La sua videochiamata con Example Insurance');
    expect(email.text).to.include('giovedì 14 marzo 2030');
    const incomplete = { emailSubject: 'x' } as unknown as typeof italian;
    expect(thrown(() => renderInvitation({ channel: 'email', locale: 'it', variables: variables(), overrides: { catalogue: incomplete } })).code).to.equal('INVALID_ARGUMENT');
  });
});
