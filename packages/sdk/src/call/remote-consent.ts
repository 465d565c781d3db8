import { consentRequired, type CaptureConsentSource, type CapturePurpose } from '../capture/consent-source.js';
import { SealcallError } from '../errors.js';
import { Emitter } from '../internal/emitter.js';
import type { PeerMessage } from '../signaling/peer-message.js';

/**
 * Where the agent stands with one purpose, in the words to show them: `agreed` only where a
 * capture may go ahead; `declined` only after the customer said no in this call (or withdrew);
 * an optional box left unticked before the call is `not-asked`.
 */
export type RemoteConsentStatus = 'not-asked' | 'asking' | 'agreed' | 'declined';

/** What the customer's side last said about one capture purpose. */
export interface RemoteConsentState {
  readonly purpose: CapturePurpose;
  readonly granted: boolean;
  /** The customer's grant record id, kept with what is captured under it. */
  readonly ref: string | null;
  /** The grant is the customer's answer to a request made in this call (the consent step). */
  readonly asked: boolean;
  readonly status: RemoteConsentStatus;
}

/** Purposes that need the consent step in every call, whatever the customer agreed to before. */
const ASK_EVERY_CALL: ReadonlySet<CapturePurpose> = new Set(['recording']);

interface Waiter {
  readonly purpose: CapturePurpose;
  readonly resolve: (state: RemoteConsentState) => void;
  readonly reject: (error: SealcallError) => void;
}

/**
 * The agent's view of the customer's capture consent, fed only by the customer's session
 * (CustomerConsentRelay). Until the customer's side has said "granted", `require()` refuses.
 */
export class RemoteConsent implements CaptureConsentSource {
  readonly #send: (message: PeerMessage) => void;
  readonly #states = new Map<CapturePurpose, Omit<RemoteConsentState, 'status'>>();
  /** Purposes the customer refused in this call: an answer of no, or a withdrawal. */
  readonly #refused = new Set<CapturePurpose>();
  readonly #waiters = new Map<string, Waiter>();
  readonly #events = new Emitter<{ change: RemoteConsentState }>();
  #closed: SealcallError | undefined;

  constructor(send: (message: PeerMessage) => void) {
    this.#send = send;
  }

  state(purpose: CapturePurpose): RemoteConsentState {
    const said = this.#states.get(purpose) ?? { purpose, granted: false, ref: null, asked: false };
    return { ...said, status: this.#status(said) };
  }

  #status({ purpose, granted, ref, asked }: Omit<RemoteConsentState, 'status'>): RemoteConsentStatus {
    if ([...this.#waiters.values()].some((waiter) => waiter.purpose === purpose)) return 'asking';
    if (granted && ref !== null && (asked || !ASK_EVERY_CALL.has(purpose))) return 'agreed';
    return this.#refused.has(purpose) ? 'declined' : 'not-asked';
  }

  onChange(listener: (state: RemoteConsentState) => void): () => void {
    return this.#events.on('change', listener);
  }

  /** Asks the customer; resolves with their answer (granted or not). */
  request(purpose: CapturePurpose): Promise<RemoteConsentState> {
    if (this.#closed) return Promise.reject(this.#closed);
    const requestId = crypto.randomUUID();
    const answered = new Promise<RemoteConsentState>((resolve, reject) => this.#waiters.set(requestId, { purpose, resolve, reject }));
    this.#send({ kind: 'consent-request', generation: 0, purpose, requestId });
    this.#events.emit('change', this.state(purpose));
    return answered;
  }

  /** The grant's reference; a recording also needs the customer's answer to this call's consent step. */
  async require(purpose: CapturePurpose): Promise<string> {
    const { ref, asked } = this.state(purpose);
    if (ref === null || (ASK_EVERY_CALL.has(purpose) && !asked)) throw consentRequired(purpose);
    return ref;
  }

  onWithdrawn(purpose: CapturePurpose, listener: () => void): () => void {
    let granted = this.state(purpose).granted;
    return this.onChange((state) => {
      if (state.purpose !== purpose) return;
      if (granted && !state.granted) listener();
      granted = state.granted;
    });
  }

  receive(message: Extract<PeerMessage, { kind: 'consent-state' }>): void {
    const waiter = message.requestId === null ? undefined : this.#waiters.get(message.requestId);
    const answer = waiter?.purpose === message.purpose;
    const previous = this.state(message.purpose);
    const asked = message.granted && (answer || (previous.asked && previous.ref === message.ref));
    if (message.granted) this.#refused.delete(message.purpose);
    else if (!this.#closed && (answer || previous.granted)) this.#refused.add(message.purpose);
    this.#states.set(message.purpose, { purpose: message.purpose, granted: message.granted, ref: message.ref, asked });
    if (waiter && answer && message.requestId !== null) this.#waiters.delete(message.requestId);
    const state = this.state(message.purpose);
    this.#events.emit('change', state);
    if (waiter && answer) waiter.resolve(state);
  }

  /** The call is over: unanswered requests reject, and nothing is granted any more. */
  close(): void {
    this.#closed = new SealcallError('INVALID_STATE', 'The call has ended: there is nobody left to ask for consent.');
    for (const waiter of this.#waiters.values()) waiter.reject(this.#closed);
    this.#waiters.clear();
    for (const purpose of this.#states.keys()) this.receive({ kind: 'consent-state', generation: 0, purpose, granted: false, ref: null, requestId: null });
  }
}
