export type InvitationChannel = 'email' | 'sms' | 'whatsapp';

/** A retention period, written out in the customer's language ("30 days", "30 dagen", "30 Tage"). */
export type RetentionPeriod = { readonly days: number } | { readonly months: number } | { readonly years: number };

/** What an invitation says. Every value is text: the renderer escapes it for the channel. */
export interface InvitationVariables {
  /** Who invites, as the customer knows them: "Acme Insurance". */
  readonly organisation: string;
  /** Optional: without it the greeting is the locale's neutral one ("Dear customer,"). */
  readonly customerName?: string;
  /** The invitation link from `createInvite()`, fragment and all: https, or http on localhost. */
  readonly link: string;
  /** When the call starts. */
  readonly time: Date;
  /** The IANA time zone the customer reads the time in: "Europe/Amsterdam". */
  readonly timeZone: string;
  /** Your privacy notice: https, or http on localhost. */
  readonly privacyUrl: string;
  /** How to reach your data protection officer: an email address, a phone number or a postal address. */
  readonly dpoContact: string;
  /** How long pictures and recordings are kept: a period (written out per locale) or your own words. */
  readonly retention: string | RetentionPeriod;
}

/** The placeholders a string or template may use, as `{name}`. */
export const TEMPLATE_VARIABLES = ['organisation', 'customerName', 'link', 'time', 'privacyUrl', 'dpoContact', 'retention'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/**
 * Every string of one locale. Strings are plain text with `{variable}` placeholders: the renderer
 * escapes them and their values for the channel. In WhatsApp, strings (not values) may use
 * *bold* and _italic_.
 */
export interface TemplateStrings {
  /** Email subject; also the WhatsApp title. */
  readonly emailSubject: string;
  /** Used when `customerName` is given. */
  readonly greeting: string;
  /** Used when it is not. */
  readonly greetingNoName: string;
  readonly invitation: string;
  /** The email's button label. */
  readonly joinButton: string;
  /** The link in running text (email text part, WhatsApp): must contain `{link}`. */
  readonly joinText: string;
  /** Above the link written out, under the email's button. */
  readonly linkFallback: string;
  readonly linkPersonal: string;
  readonly privacyHeading: string;
  readonly privacyEncryption: string;
  readonly privacyConsent: string;
  readonly privacyRetention: string;
  readonly rightsHeading: string;
  readonly rightsIntro: string;
  readonly rightAccess: string;
  readonly rightRectification: string;
  readonly rightErasure: string;
  readonly rightObjection: string;
  readonly rightComplaint: string;
  readonly dpoContact: string;
  /** The email's link label for the privacy notice. */
  readonly privacyNotice: string;
  /** The privacy notice in running text: must contain `{privacyUrl}`. */
  readonly privacyNoticeText: string;
  readonly signOff: string;
  readonly footer: string;
  /** The SMS: must contain `{link}` and `{privacyUrl}`. */
  readonly sms: string;
  /** The SMS used when `sms` takes more than `maxSegments`: `{link}`, `{privacyUrl}`, little else. */
  readonly smsShort: string;
}

export type TemplateStringKey = keyof TemplateStrings;

/**
 * Whole bodies, replacing the built-in layouts. A template is markup (HTML for `emailHtml`,
 * WhatsApp formatting for `whatsapp`) that you write and the renderer leaves alone; only its
 * `{variable}` placeholders are filled, with values escaped for the channel. Each must contain
 * `{link}` and `{privacyUrl}`. Quote HTML attributes: `<a href="{link}">`.
 */
export interface ChannelTemplates {
  readonly emailHtml?: string;
  readonly emailText?: string;
  readonly whatsapp?: string;
}

export interface TemplateOverrides {
  /** Replaces single strings of the locale's catalogue. */
  readonly strings?: Partial<TemplateStrings>;
  /** Replaces whole bodies. */
  readonly templates?: ChannelTemplates;
  /**
   * A complete catalogue for a language the SDK does not ship. With it any BCP 47 locale is
   * accepted, and `locale` only formats the time and the retention period.
   */
  readonly catalogue?: TemplateStrings;
}

export interface RenderInvitationOptions<C extends InvitationChannel = InvitationChannel> {
  readonly channel: C;
  /** The customer's language as a BCP 47 tag. "nl-BE" uses the Dutch strings and Belgian date format. */
  readonly locale: string;
  readonly variables: InvitationVariables;
  readonly overrides?: TemplateOverrides;
  /** SMS only: the most segments the full SMS may take before the short one is used. Default 3. */
  readonly maxSegments?: number;
}

export interface RenderedEmail {
  /** One line: no line breaks can reach a mail header. */
  readonly subject: string;
  /** A complete HTML document without CSS. */
  readonly html: string;
  readonly text: string;
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasure {
  readonly encoding: SmsEncoding;
  /** In the encoding's units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly length: number;
  readonly segments: number;
}

export interface RenderedSms extends SmsMeasure {
  readonly text: string;
  /** Which string was sent: `sms`, or `smsShort` because `sms` took more than `maxSegments`. */
  readonly variant: 'full' | 'short';
}

export interface RenderedWhatsApp {
  readonly text: string;
}

export interface RenderedInvitations {
  email: RenderedEmail;
  sms: RenderedSms;
  whatsapp: RenderedWhatsApp;
}
