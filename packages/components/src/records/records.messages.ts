import type { ArtifactKind, LegalHoldReason, StaffRole } from '@sealcall/sdk';

/** Every string <seal-records> shows. Each is a message of `src/locales/<language>.json`: replace any through the element's `messages` property, or for every element with `registerLocale`. */
export interface RecordsMessages {
  title: string;
  /** Fills {roles}. */
  signedInAs: string;
  roleName: Record<StaffRole, string>;
  noRecords: string;
  find: string;
  subject: string;
  from: string;
  until: string;
  kind: string;
  anyKind: string;
  kindName: Record<ArtifactKind, string>;
  /** A shared location, opened: fills {latitude}, {longitude} (degrees), {accuracy} (metres) and {takenAt} (date and time). */
  locationShown: string;
  search: string;
  clear: string;
  loading: string;
  noCalls: string;
  /** Fills {startedAt}. */
  call: string;
  customer: string;
  agent: string;
  unknown: string;
  showCaptured: string;
  noArtifacts: string;
  /** Fills {kind}, {createdAt}. */
  artifact: string;
  consentGiven: string;
  consentWithdrawn: string;
  noConsent: string;
  /** Fills {date}. */
  keptUntil: string;
  view: string;
  play: string;
  download: string;
  close: string;
  decrypting: string;
  /** Fills {name}. */
  downloaded: string;
  previousPage: string;
  nextPage: string;
  /** Fills {number}. */
  page: string;
  auditTrail: string;
  auditEmpty: string;
  auditAction: Record<string, string>;
  /** Fills {who}. */
  by: string;
  placeHold: string;
  holdReason: string;
  holdReasonName: Record<LegalHoldReason, string>;
  /** Fills {reason}. */
  onHold: string;
  releaseHold: string;
  holdPlaced: string;
  holdReleased: string;
  exportSubject: string;
  exportLanguage: string;
  /** Fills {name}. */
  exported: string;
  erase: string;
  /** Fills {subject}. */
  eraseHint: string;
  eraseLabel: string;
  eraseConfirm: string;
  cancel: string;
  /** Fills {artifacts} and {kept} (plurals). */
  erased: string;
  signInAgain: string;
  notAllowed: string;
  keyMissing: string;
  damaged: string;
  unplayable: string;
  gone: string;
  failed: string;
}
