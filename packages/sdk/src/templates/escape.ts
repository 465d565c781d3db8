const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

// WhatsApp has no escape character: its markers are swapped for look-alikes that format nothing.
const WHATSAPP_LOOKALIKES: Readonly<Record<string, string>> = { '*': '\u2217', _: '\u02cd', '~': '\u02dc', '`': '\u02cb' };

export function neutraliseWhatsApp(text: string): string {
  return text.replace(/[*_~`]/g, (c) => WHATSAPP_LOOKALIKES[c] as string);
}

// C0 and C1 controls, and the bidirectional overrides and isolates that can make text read
// differently from what it is ("Trojan Source").
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * What every channel does to a value first: no controls, and all whitespace (line breaks, tabs,
 * no-break and narrow spaces) collapsed to single spaces, so no value can start a line, forge a
 * mail header, or push an SMS out of GSM-7 with an invisible space.
 */
export function cleanValue(text: string): string {
  return withoutControls(text).replace(/\s+/g, ' ').trim();
}

/**
 * `text` without C0 and C1 controls (line breaks and tabs stay) and without the bidirectional
 * overrides and isolates: what a consent notice is shown and stored as, so that it reads as
 * what it is.
 */
export function withoutControls(text: string): string {
  return text.replace(INVISIBLE, '');
}
