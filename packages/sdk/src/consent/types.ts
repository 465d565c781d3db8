import type { Countersignature } from '@sealcall/protocol';

/** Built-in purposes; integrators add their own ids. */
export type ConsentPurpose = 'call' | 'recording' | 'pictures' | 'location' | (string & {});

/** How consent was given: in the dialog, by replying to an invitation, or aloud and confirmed by the agent. */
export type ConsentMethod = 'dialog' | 'invitation' | 'verbal-confirmed-by-agent';

/**
 * One entry of the consent ledger. Records are never edited: a withdrawal or a refusal is a
 * record of its own. `hash` chains each record of a subject to the one before it, so a
 * receipt shows whether anything was changed or removed.
 */
export interface ConsentRecord {
  readonly id: string;
  readonly kind: 'grant' | 'withdrawal' | 'refusal';
  readonly purposes: readonly ConsentPurpose[];
  /** Pseudonymous: an HMAC of your customer id, never the id itself. */
  readonly subjectId: string;
  readonly callId?: string;
  readonly method: ConsentMethod;
  /** For verbal consent: the (pseudonymous) agent who confirmed it. */
  readonly confirmedBy?: string;
  /** The exact text the person was shown, and its SHA-256 (hex). */
  readonly shownText: string;
  readonly textSha256: string;
  readonly locale: string;
  readonly noticeVersion: string;
  /** ISO 8601. */
  readonly at: string;
  /** The SHA-256 (hex) of the subject's previous record, or 64 zeros for the first. */
  readonly previousHash: string;
  /** SHA-256 (hex) over this record's fields and `previousHash`. */
  readonly hash: string;
  /**
   * The server's signature of `hash` with its own time (a ledger with a `notary`): a record
   * changed afterwards no longer matches it. Outside the hash, which it signs.
   */
  readonly countersignature?: Countersignature;
}

export interface ConsentQuery {
  readonly subjectId?: string;
  readonly callId?: string;
}

/**
 * Where consent records live. Append-only by contract: an implementation never updates or
 * deletes a record through this interface (erasure of a subject is the governance module's
 * job, and removes the whole chain). `list` returns records in the order they were appended.
 */
export interface ConsentStore {
  append(record: ConsentRecord): Promise<void>;
  list(query: ConsentQuery): Promise<ConsentRecord[]>;
}
