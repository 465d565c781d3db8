import type { ConsentReceipt } from '../../consent/consent-ledger.js';
import type { RenderedEmail, TemplateStrings } from '../types.js';

/** What the message says. Every value is text: the renderer escapes it. */
export interface RecordsEmailVariables {
  /** Who sends the records, as the customer knows them: "Acme Insurance". */
  readonly organisation: string;
  /** Optional: without it the greeting is the locale's neutral one. */
  readonly customerName?: string;
  /** Where the customer fetches their records (the export ZIP), behind your portal's sign-in: https, or http on localhost. */
  readonly link: string;
  /** Until when the link works. */
  readonly availableUntil: Date;
  /** The IANA time zone the customer reads times in: "Europe/Amsterdam". */
  readonly timeZone: string;
  /** Your privacy notice: https, or http on localhost. */
  readonly privacyUrl: string;
  /** How to reach your data protection officer. */
  readonly dpoContact: string;
}

/** The placeholders the records message's strings may use, as `{name}`. */
export const RECORDS_EMAIL_VARIABLES = ['organisation', 'customerName', 'link', 'availableUntil', 'privacyUrl', 'dpoContact', 'at', 'purposes'] as const;

/** The invitation's strings the records message says the same way. */
export type SharedRecordsStringKey =
  | 'greeting'
  | 'greetingNoName'
  | 'linkFallback'
  | 'rightsHeading'
  | 'rightsIntro'
  | 'rightAccess'
  | 'rightRectification'
  | 'rightErasure'
  | 'rightObjection'
  | 'rightComplaint'
  | 'dpoContact'
  | 'privacyNotice'
  | 'privacyNoticeText'
  | 'signOff';

/** The records message's strings that are not the invitation's: the `recordsEmail` section of a catalogue. */
export type RecordsOwnStrings = Omit<RecordsEmailStrings, SharedRecordsStringKey>;

/** Every string of the records message in one locale: plain text with `{variable}` placeholders. */
export interface RecordsEmailStrings extends Pick<TemplateStrings, SharedRecordsStringKey> {
  readonly recordsSubject: string;
  readonly recordsIntro: string;
  /** The email's button label. */
  readonly recordsButton: string;
  /** The link in running text: must contain `{link}`. */
  readonly recordsLinkText: string;
  /** Must contain `{availableUntil}`. */
  readonly recordsAvailable: string;
  readonly consentHeading: string;
  readonly consentIntro: string;
  /** When the receipt holds no record. */
  readonly consentNone: string;
  /** One line per record: `{at}` and `{purposes}`. */
  readonly consentGranted: string;
  readonly consentRefused: string;
  readonly consentWithdrawn: string;
  /** The built-in purposes, as they read after the three lines above. */
  readonly purposeCall: string;
  readonly purposeRecording: string;
  readonly purposePictures: string;
  readonly purposeLocation: string;
  readonly recordsFooter: string;
}

export interface RenderRecordsEmailOptions {
  /** The customer's language as a BCP 47 tag; one of TEMPLATE_LOCALES unless `overrides.catalogue` is given. */
  readonly locale: string;
  readonly variables: RecordsEmailVariables;
  /** The customer's consent receipt (`ConsentLedger.receipt()`): summarised in the message, attached whole. */
  readonly receipt: ConsentReceipt;
  readonly overrides?: {
    readonly strings?: Partial<RecordsEmailStrings>;
    /** A complete catalogue for a language the SDK does not ship. */
    readonly catalogue?: RecordsEmailStrings;
    /** Your own purposes, as they read in this language: `{ 'claim-evidence': 'evidence for your claim' }`. */
    readonly purposes?: Readonly<Record<string, string>>;
  };
}

export interface RenderedRecordsEmail extends RenderedEmail {
  /** The consent receipt as its JSON file (`consentReceiptFile`): attach it to the message. */
  readonly attachment: File;
}
