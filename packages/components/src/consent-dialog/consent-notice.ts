import { withoutControls } from '@sealcall/sdk';

/** One thing the customer is asked to agree to. */
export interface ConsentPurpose {
  /** `call`, `recording`, `pictures`, `location`, or your own. */
  readonly id: string;
  readonly label: string;
  /** Plain text, or the small rich-text subset of `rich-text.ts`. */
  readonly description: string;
  /** Required purposes must be ticked before Accept is enabled. Nothing is ever pre-ticked. */
  readonly required: boolean;
}

/** What the dialog tells the customer before anything is collected (GDPR Art. 13). */
export interface ConsentNotice {
  /** The controller: the insurer or bank responsible for the processing. */
  readonly controller: string;
  readonly purposes: readonly ConsentPurpose[];
  /** How long the data is kept, in words: "30 days after the claim is settled". */
  readonly retention: string;
  readonly dpoContact: string;
  readonly privacyPolicyUrl: string;
  /** Your version of this notice; stored with every consent record. */
  readonly version: string;
  /** Replaces the localised summary of the customer's rights. */
  readonly rights?: string;
}

/** `notice` with every text `withoutControls`: what the dialog shows and records. */
export function cleanNotice(notice: ConsentNotice): ConsentNotice {
  const clean = withoutControls;
  return {
    ...notice,
    controller: clean(notice.controller),
    purposes: notice.purposes.map((purpose) => ({ ...purpose, label: clean(purpose.label), description: clean(purpose.description) })),
    retention: clean(notice.retention),
    dpoContact: clean(notice.dpoContact),
    privacyPolicyUrl: clean(notice.privacyPolicyUrl),
    ...(notice.rights === undefined ? {} : { rights: clean(notice.rights) }),
  };
}

/** What the customer decided, with the exact text they were shown: what `ConsentLedger.recordDecision` takes. */
export type { ConsentDecision } from '@sealcall/sdk';
