import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import { GENESIS_HASH, recordHash, sha256Hex, verifyChain } from './record-hash.js';
import type { ConsentNotary } from './http-consent-notary.js';
import type { ConsentMethod, ConsentPurpose, ConsentRecord, ConsentStore } from './types.js';
import { withoutControls } from '../templates/escape.js';

/** What the consent dialog hands over (`<seal-consent-dialog>`'s `ConsentDecision`). */
export interface ConsentDecision {
  readonly accepted: readonly ConsentPurpose[];
  readonly declined: readonly ConsentPurpose[];
  readonly noticeVersion: string;
  readonly locale: string;
  /** Every word the dialog showed, in order, as plain text: what a consent record stores. */
  readonly shownText: string;
}

export interface ConsentContext {
  readonly subjectId: string;
  /** The call the consent is for. A grant without one counts for no call; a withdrawal or refusal without one, for every call. */
  readonly callId?: string;
  readonly method?: ConsentMethod;
  readonly confirmedBy?: string;
}

/** Everything recorded about one person's consent, for them to keep. */
export interface ConsentReceipt {
  readonly subjectId: string;
  readonly issuedAt: string;
  /** True when every text hash, record hash and link of the chain checks out. */
  readonly verified: boolean;
  readonly records: readonly ConsentRecord[];
}

export interface ConsentLedgerEvents {
  recorded: ConsentRecord;
  /** A withdrawal was recorded: recordings of these purposes must stop now. */
  withdrawn: ConsentRecord;
}

export interface ConsentLedgerOptions {
  store: ConsentStore;
  /** Also record what was declined. Default true: a refusal is evidence too. */
  recordRefusals?: boolean;
  /** Countersigns every record before it is kept (`HttpConsentNotary`): if it fails, nothing is kept (CONSENT_NOT_COUNTERSIGNED). */
  notary?: ConsentNotary;
  /** The version of the privacy notice in force: a grant given under any other is not current. Default: any. */
  noticeVersion?: string;
  /** How long a grant stays current, in ms from when it was given. Default: until withdrawn. */
  maxGrantAgeMs?: number;
  now?: () => Date;
}

/**
 * The consent ledger: append-only, hash-chained records of who agreed to what, when, how and
 * having been shown which text. Withdrawal is a new record; the latest record that mentions a
 * purpose decides whether it is granted.
 */
export class ConsentLedger {
  readonly #store: ConsentStore;
  readonly #recordRefusals: boolean;
  readonly #notary: ConsentNotary | undefined;
  readonly #noticeVersion: string | undefined;
  readonly #maxGrantAgeMs: number | undefined;
  readonly #now: () => Date;
  readonly #events = new Emitter<ConsentLedgerEvents>();
  /** Appends per subject run one after another, so the chain has no forks. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: ConsentLedgerOptions) {
    this.#store = options.store;
    this.#recordRefusals = options.recordRefusals ?? true;
    this.#notary = options.notary;
    this.#noticeVersion = options.noticeVersion;
    if (options.maxGrantAgeMs !== undefined && !(Number.isSafeInteger(options.maxGrantAgeMs) && options.maxGrantAgeMs > 0)) {
      throw new SealcallError('INVALID_ARGUMENT', `"maxGrantAgeMs" expected a positive whole number of ms, got ${String(options.maxGrantAgeMs)}`);
    }
    this.#maxGrantAgeMs = options.maxGrantAgeMs;
    this.#now = options.now ?? (() => new Date());
  }

  on<K extends keyof ConsentLedgerEvents>(type: K, listener: (detail: ConsentLedgerEvents[K]) => void): () => void {
    return this.#events.on(type, listener);
  }

  /** Records a dialog's (or invitation's, or verbal) decision: a grant and, if any, a refusal. */
  async recordDecision(decision: ConsentDecision, context: ConsentContext): Promise<{ grant?: ConsentRecord; refusal?: ConsentRecord }> {
    const grant = decision.accepted.length > 0 ? await this.#append('grant', decision.accepted, decision, context) : undefined;
    const refusal = this.#recordRefusals && decision.declined.length > 0 ? await this.#append('refusal', decision.declined, decision, context) : undefined;
    return { ...(grant ? { grant } : {}), ...(refusal ? { refusal } : {}) };
  }

  /** Records a withdrawal, with the text the person saw when withdrawing. */
  async withdraw(purposes: readonly ConsentPurpose[], shown: Omit<ConsentDecision, 'accepted' | 'declined'>, context: ConsentContext): Promise<ConsentRecord> {
    if (purposes.length === 0) throw new SealcallError('INVALID_ARGUMENT', '"purposes" expected at least one purpose to withdraw.');
    const record = await this.#append('withdrawal', purposes, shown, context);
    this.#events.emit('withdrawn', record);
    return record;
  }

  /** Whether `purpose` is granted for call `callId` (`currentGrant`). */
  async isGranted(subjectId: string, purpose: ConsentPurpose, callId: string): Promise<boolean> {
    return (await this.currentGrant(subjectId, purpose, callId)) !== null;
  }

  /**
   * The grant in force for `purpose` in call `callId`: the latest record about the purpose for
   * this call (or for every call: a withdrawal or refusal without a call), if it is a grant that
   * names this call, was given under the notice version in force (`noticeVersion`) and is no
   * older than `maxGrantAgeMs`.
   */
  async currentGrant(subjectId: string, purpose: ConsentPurpose, callId: string): Promise<ConsentRecord | null> {
    const records = await this.#store.list({ subjectId });
    const relevant = records.filter((r) => r.purposes.includes(purpose) && (r.callId === callId || (r.callId === undefined && r.kind !== 'grant')));
    const latest = relevant.at(-1);
    if (latest?.kind !== 'grant') return null;
    if (this.#noticeVersion !== undefined && latest.noticeVersion !== this.#noticeVersion) return null;
    if (this.#maxGrantAgeMs !== undefined && this.#now().getTime() - Date.parse(latest.at) > this.#maxGrantAgeMs) return null;
    return latest;
  }

  /** Throws CONSENT_REQUIRED unless `purpose` is granted for call `callId`. */
  async requireGrant(subjectId: string, purpose: ConsentPurpose, callId: string): Promise<void> {
    if (!(await this.isGranted(subjectId, purpose, callId))) {
      throw new SealcallError('CONSENT_REQUIRED', `No valid consent for "${purpose}": ask for it (the consent dialog) before starting it.`);
    }
  }

  async receipt(subjectId: string): Promise<ConsentReceipt> {
    const records = await this.#store.list({ subjectId });
    return { subjectId, issuedAt: this.#now().toISOString(), verified: verifyChain(records).valid, records };
  }

  #append(kind: ConsentRecord['kind'], purposes: readonly ConsentPurpose[], shown: Omit<ConsentDecision, 'accepted' | 'declined'>, context: ConsentContext): Promise<ConsentRecord> {
    const previous = this.#queues.get(context.subjectId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const existing = await this.#store.list({ subjectId: context.subjectId });
      // Stored as it reads: no controls or bidirectional overrides that could make it read otherwise.
      const shownText = withoutControls(shown.shownText);
      const unhashed: Omit<ConsentRecord, 'hash'> = {
        id: crypto.randomUUID(),
        kind,
        purposes: [...purposes],
        subjectId: context.subjectId,
        ...(context.callId !== undefined ? { callId: context.callId } : {}),
        method: context.method ?? 'dialog',
        ...(context.confirmedBy !== undefined ? { confirmedBy: context.confirmedBy } : {}),
        shownText,
        textSha256: sha256Hex(shownText),
        locale: shown.locale,
        noticeVersion: shown.noticeVersion,
        at: this.#now().toISOString(),
        previousHash: existing.at(-1)?.hash ?? GENESIS_HASH,
      };
      const hashed: ConsentRecord = { ...unhashed, hash: recordHash(unhashed) };
      const record: ConsentRecord = this.#notary === undefined ? hashed : { ...hashed, countersignature: await this.#notary.countersign(hashed) };
      await this.#store.append(record);
      this.#events.emit('recorded', record);
      return record;
    });
    this.#queues.set(context.subjectId, next);
    return next;
  }
}
