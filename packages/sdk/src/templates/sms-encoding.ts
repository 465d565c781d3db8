import type { SmsEncoding, SmsMeasure } from './types.js';

// 3GPP TS 23.038 §6.2.1: the GSM 7-bit default alphabet (0x1B, the escape, is not a character)...
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// ...and §6.2.1.1, its extension table: each of these is sent as escape + character, 2 septets.
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

// 3GPP TS 23.040 §9.2.3.24.1: a concatenated message spends 6 octets of each part on its header.
const LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

export function isGsm7(text: string): boolean {
  for (const char of text) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return false;
  return true;
}

/**
 * How an SMS travels: GSM-7 when every character is in the GSM alphabet, UCS-2 (in practice
 * UTF-16, so an emoji takes 2 units) otherwise. Parts are filled the way phones split them:
 * an escape sequence or a surrogate pair is never cut in two, so a part may hold one unit less.
 */
export function measureSms(text: string): SmsMeasure {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const units = [...text].map((char) => (encoding === 'GSM-7' ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length));
  const length = units.reduce((sum, n) => sum + n, 0);
  const { single, part } = LIMITS[encoding];
  if (length <= single) return { encoding, length, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > part) {
      segments++;
      used = 0;
    }
    used += n;
  }
  return { encoding, length, segments };
}
