import { expect } from '@esm-bundle/chai';
import { createInvite } from '../src/e2ee/invite.js';
import { SealcallError } from '../src/errors.js';
import { TEMPLATE_LOCALES } from '../src/templates/catalogues.js';
import { renderInvitation } from '../src/templates/render.js';
import { isGsm7, measureSms } from '../src/templates/sms-encoding.js';
import type { InvitationVariables } from '../src/templates/types.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

function variables(token = 'rt_8fK2mQ9xZp4Lw7Vb'): InvitationVariables {
  return {
    organisation: 'Example Insurance',
    link: createInvite('https://claims.example-insurer.eu/call', { room: 'claim-4711', token, secret }),
    time: new Date('2030-03-14T09:30:00Z'),
    timeZone: 'Europe/Amsterdam',
    privacyUrl: 'https://www.example-insurer.eu/privacy',
    dpoContact: 'privacy@example-insurer.eu',
    retention: { days: 30 },
  };
}

describe('measureSms', () => {
  const a = (n: number) => 'a'.repeat(n);

  it('GSM-7: 160 septets in one segment, 153 per part beyond', () => {
    expect(measureSms(a(160))).to.deep.equal({ encoding: 'GSM-7', length: 160, segments: 1 });
    expect(measureSms(a(161))).to.deep.equal({ encoding: 'GSM-7', length: 161, segments: 2 });
    expect(measureSms(a(306)).segments).to.equal(2);
    expect(measureSms(a(307)).segments).to.equal(3);
    expect(measureSms('')).to.deep.equal({ encoding: 'GSM-7', length: 0, segments: 1 });
  });

  it('GSM-7 extension characters count two septets', () => {
    expect(measureSms('€'.repeat(80))).to.deep.equal({ encoding: 'GSM-7', length: 160, segments: 1 });
    expect(measureSms('€'.repeat(81))).to.deep.equal({ encoding: 'GSM-7', length: 162, segments: 2 });
    expect(measureSms(a(159) + '{')).to.deep.equal({ encoding: 'GSM-7', length: 161, segments: 2 });
    expect(measureSms('{}[]~|^\\\f€').length).to.equal(20);
  });

  it('never splits an escape sequence between parts', () => {
    // 306 septets would fit in 2 parts, but the € cannot straddle the first part's end.
    expect(measureSms(a(152) + '€' + a(152))).to.deep.equal({ encoding: 'GSM-7', length: 306, segments: 3 });
  });

  it('knows the GSM alphabet: Dutch, German and French accents fit, Polish ones do not', () => {
    expect(isGsm7('Grüße aus Köln, Ärger über Öl; café, à bientôt?')).to.equal(false); // ô
    expect(isGsm7('Grüße aus Köln, Ärger über Öl; café, à demain @ 10:30 £5 §2 ¿¡')).to.equal(true);
    expect(isGsm7('Dziękujemy')).to.equal(false);
    expect(isGsm7('plain text with a `backtick`')).to.equal(false);
    expect(isGsm7('a\u00a0no-break space')).to.equal(false);
  });

  it('UCS-2: 70 in one segment, 67 per part beyond', () => {
    expect(measureSms('ą'.repeat(70))).to.deep.equal({ encoding: 'UCS-2', length: 70, segments: 1 });
    expect(measureSms('ą'.repeat(71))).to.deep.equal({ encoding: 'UCS-2', length: 71, segments: 2 });
    expect(measureSms('ą'.repeat(134)).segments).to.equal(2);
    expect(measureSms('ą'.repeat(135)).segments).to.equal(3);
  });

  it('an emoji is two UTF-16 units and forces UCS-2', () => {
    expect(measureSms('😀'.repeat(35))).to.deep.equal({ encoding: 'UCS-2', length: 70, segments: 1 });
    expect(measureSms(a(69) + '😀')).to.deep.equal({ encoding: 'UCS-2', length: 71, segments: 2 });
    // 66 + a pair that cannot be split: the pair opens the second part.
    expect(measureSms(a(66) + '😀' + a(66)).segments).to.equal(3);
  });
});

describe('renderInvitation: SMS', () => {
  it('Polish diacritics force UCS-2; the other shipped languages stay in GSM-7', () => {
    for (const locale of TEMPLATE_LOCALES) {
      const sms = renderInvitation({ channel: 'sms', locale, variables: variables(), maxSegments: 10 });
      expect(sms.variant, locale).to.equal('full');
      expect(sms.encoding, locale).to.equal(locale === 'pl' ? 'UCS-2' : 'GSM-7');
    }
  });

  it('in Polish, three UCS-2 segments cannot hold the full SMS: the short one, without diacritics, is GSM-7', () => {
    const full = renderInvitation({ channel: 'sms', locale: 'pl', variables: variables(), maxSegments: 10 });
    const sms = renderInvitation({ channel: 'sms', locale: 'pl', variables: variables() });
    expect(full.segments).to.be.above(3);
    expect(sms.variant).to.equal('short');
    expect(sms.encoding).to.equal('GSM-7');
    expect(sms.segments).to.be.at.most(3);
  });

  it('keeps US English in GSM-7 although Intl writes a narrow no-break space before "AM"', () => {
    const sms = renderInvitation({ channel: 'sms', locale: 'en-US', variables: variables() });
    expect(sms.text).to.match(/10:30 AM/);
    expect(sms.encoding).to.equal('GSM-7');
  });

  it('reports segments that match its text', () => {
    for (const locale of TEMPLATE_LOCALES) {
      const sms = renderInvitation({ channel: 'sms', locale, variables: variables() });
      expect(measureSms(sms.text).segments).to.equal(sms.segments);
      expect(sms.variant, locale).to.equal(locale === 'pl' ? 'short' : 'full');
    }
  });

  it('falls back to the short SMS past maxSegments, still with the link and the privacy notice', () => {
    const vars = variables('rt_' + 'x'.repeat(200));
    const full = renderInvitation({ channel: 'sms', locale: 'en', variables: vars, maxSegments: 10 });
    expect(full.variant).to.equal('full');
    const sms = renderInvitation({ channel: 'sms', locale: 'en', variables: vars, maxSegments: full.segments - 1 });
    expect(sms.variant).to.equal('short');
    expect(sms.segments).to.be.at.most(full.segments - 1);
    expect(sms.text).to.include(vars.link).and.include(vars.privacyUrl);
  });

  it('throws TEMPLATE_TOO_LONG when even the short SMS does not fit, without repeating the link', () => {
    const vars = variables('rt_' + 'x'.repeat(400));
    try {
      renderInvitation({ channel: 'sms', locale: 'pl', variables: vars });
      expect.fail('expected TEMPLATE_TOO_LONG');
    } catch (error) {
      expect(error).to.be.instanceOf(SealcallError);
      expect((error as SealcallError).code).to.equal('TEMPLATE_TOO_LONG');
      expect((error as SealcallError).message).to.include('maxSegments=3').and.not.include(vars.link);
    }
  });
});
