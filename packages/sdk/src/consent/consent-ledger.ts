import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import { GENESIS_HASH, recordHash, sha256Hex, verifyChain } from './record-hash.js';
import type { ConsentMethod, ConsentPurpose, ConsentRecord, ConsentStore } from './types.js';

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
  readonly #now: () => Date;
  readonly #events = new Emitter<ConsentLedgerEvents>();
  /** Appends per subject run one after another, so the chain has no forks. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: ConsentLedgerOptions) {
    this.#store = options.store;
    this.#recordRefusals = options.recordRefusals ?? true;
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

  /** Whether the latest record about `purpose` (for this call, if given) is a grant. */
  async isGranted(subjectId: string, purpose: ConsentPurpose, callId?: string): Promise<boolean> {
    return (await this.currentGrant(subjectId, purpose, callId)) !== null;
  }

  /** The grant in force for `purpose` (for this call, if given): the latest record about it, if a grant. */
  async currentGrant(subjectId: string, purpose: ConsentPurpose, callId?: string): Promise<ConsentRecord | null> {
    const records = await this.#store.list({ subjectId });
    const relevant = records.filter((r) => r.purposes.includes(purpose) && (callId === undefined || r.callId === undefined || r.callId === callId));
    const latest = relevant.at(-1);
    return latest?.kind === 'grant' ? latest : null;
  }

  /** Throws CONSENT_REQUIRED unless `purpose` is granted. */
  async requireGrant(subjectId: string, purpose: ConsentPurpose, callId?: string): Promise<void> {
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
      const unhashed: Omit<ConsentRecord, 'hash'> = {
        id: crypto.randomUUID(),
        kind,
        purposes: [...purposes],
        subjectId: context.subjectId,
        ...(context.callId !== undefined ? { callId: context.callId } : {}),
        method: context.method ?? 'dialog',
        ...(context.confirmedBy !== undefined ? { confirmedBy: context.confirmedBy } : {}),
        shownText: shown.shownText,
        textSha256: sha256Hex(shown.shownText),
        locale: shown.locale,
        noticeVersion: shown.noticeVersion,
        at: this.#now().toISOString(),
        previousHash: existing.at(-1)?.hash ?? GENESIS_HASH,
      };
      const record: ConsentRecord = { ...unhashed, hash: recordHash(unhashed) };
      await this.#store.append(record);
      this.#events.emit('recorded', record);
      return record;
    });
    this.#queues.set(context.subjectId, next);
    return next;
  }
}
