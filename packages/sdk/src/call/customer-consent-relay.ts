import { CAPTURE_PURPOSES, type CapturePurpose } from '../capture/consent-source.js';
import type { ConsentDecision } from '../consent/consent-ledger.js';
import { SealcallError } from '../errors.js';
import type { PeerMessage } from '../signaling/peer-message.js';
import type { ConsentGate } from './types.js';

export interface ConsentRequest {
  readonly purpose: CapturePurpose;
  readonly requestId: string;
}

/**
 * The customer's side of the second consent step. It tells the agent's session what the
 * customer's own ledger says about recording and pictures: on connecting, whenever a record
 * changes it (a grant, a refusal, a withdrawal), and in answer to the agent's request. The agent
 * learns consent from here and nowhere else, so it cannot start a capture the customer did not
 * agree to.
 */
export class CustomerConsentRelay {
  readonly #gate: ConsentGate;
  readonly #send: (message: PeerMessage) => void;
  readonly #pending = new Map<CapturePurpose, string>();

  constructor(gate: ConsentGate, send: (message: PeerMessage) => void) {
    this.#gate = gate;
    this.#send = send;
  }

  /** Follows the ledger; returns the unsubscribe. */
  attach(): () => void {
    return this.#gate.ledger.on('recorded', (record) => {
      if (record.subjectId !== this.#gate.subjectId) return;
      for (const purpose of CAPTURE_PURPOSES) if (record.purposes.includes(purpose)) void this.#announce(purpose);
    });
  }

  /** Tells a (re)connected agent where both capture purposes stand. */
  announceAll(): void {
    for (const purpose of CAPTURE_PURPOSES) void this.#announce(purpose);
  }

  /** An agent's request: kept until the customer answers it. */
  receive(message: Extract<PeerMessage, { kind: 'consent-request' }>): ConsentRequest {
    this.#pending.set(message.purpose, message.requestId);
    return { purpose: message.purpose, requestId: message.requestId };
  }

  get pending(): readonly ConsentRequest[] {
    return [...this.#pending].map(([purpose, requestId]) => ({ purpose, requestId }));
  }

  /**
   * Records the customer's answer in the ledger (a grant and, if recorded, a refusal) and tells
   * the agent. An answer to a purpose nobody asked about is recorded all the same.
   */
  async answer(decision: ConsentDecision): Promise<void> {
    const asked = CAPTURE_PURPOSES.filter((p) => decision.accepted.includes(p) || decision.declined.includes(p));
    if (asked.length === 0) {
      throw new SealcallError('INVALID_ARGUMENT', `The answer decides none of ${CAPTURE_PURPOSES.map((p) => `"${p}"`).join(', ')} (accepted: ${decision.accepted.join(', ') || 'none'}): answer with the purpose that was asked.`);
    }
    const { subjectId, callId } = this.#gate;
    const { grant, refusal } = await this.#gate.ledger.recordDecision(decision, { subjectId, callId, method: 'dialog' });
    // A recorded grant or refusal is announced by attach()'s listener; an unrecorded refusal is not.
    const recorded = new Set([...(grant?.purposes ?? []), ...(refusal?.purposes ?? [])]);
    for (const purpose of asked) if (!recorded.has(purpose) && this.#pending.has(purpose)) await this.#announce(purpose);
  }

  async #announce(purpose: CapturePurpose): Promise<void> {
    const { ledger, subjectId, callId } = this.#gate;
    const grant = await ledger.currentGrant(subjectId, purpose, callId);
    const requestId = this.#pending.get(purpose) ?? null;
    this.#pending.delete(purpose);
    this.#send({ kind: 'consent-state', generation: 0, purpose, granted: grant !== null, ref: grant?.id ?? null, requestId });
  }
}
