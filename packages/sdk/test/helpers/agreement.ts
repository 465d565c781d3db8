import { createCallSecret } from '../../src/index.js';
import type { Role } from '../../src/index.js';
import { macKey } from '../../src/e2ee/worker/key-schedule.js';
import { KeyAgreement, type AgreementMessage, type AgreementStep } from '../../src/e2ee/worker/key-agreement.js';
import type { X25519Backend } from '../../src/e2ee/worker/x25519.js';

export const ROOM = 'room-1';

export async function agreement(role: Role, callSecret: Uint8Array, options: { room?: string; x25519?: X25519Backend; firstKid?: number } = {}): Promise<KeyAgreement> {
  const context = { room: options.room ?? ROOM, role, callSecret, macKey: await macKey(callSecret), x25519: options.x25519 ?? 'webcrypto' };
  return new KeyAgreement(context, options.firstKid ?? (role === 'agent' ? 0 : 1));
}

export interface Side {
  readonly name: string;
  readonly agreement: KeyAgreement;
  /** Every step this side took, in order. */
  readonly steps: AgreementStep[];
}

/**
 * Two sides exchanging key-agreement messages through `wire`, which may drop, duplicate,
 * reorder or alter them (it returns what is delivered). Runs until nothing is in flight.
 */
export async function converse(
  agentSide: Side,
  customerSide: Side,
  wire: (message: AgreementMessage, to: Side) => AgreementMessage[] = (m) => [m],
): Promise<void> {
  const inFlight: Array<{ to: Side; from: Side; message: AgreementMessage }> = [];
  const post = (from: Side, to: Side, step: AgreementStep) => {
    from.steps.push(step);
    for (const message of step.send) for (const delivered of wire(message, to)) inFlight.push({ from, to, message: delivered });
  };
  post(agentSide, customerSide, await agentSide.agreement.begin(customerSide.name));
  post(customerSide, agentSide, await customerSide.agreement.begin(agentSide.name));
  for (let guard = 0; inFlight.length > 0; guard++) {
    if (guard > 200) throw new Error('The key agreement did not settle within 200 messages.');
    const { from, to, message } = inFlight.shift()!;
    post(to, from, await to.agreement.receive(from.name, message));
  }
}

export async function sides(agentSecret = createCallSecret(), customerSecret = agentSecret, x25519: [X25519Backend, X25519Backend] = ['webcrypto', 'webcrypto']): Promise<[Side, Side]> {
  return [
    { name: 'agent-1', agreement: await agreement('agent', agentSecret, { x25519: x25519[0] }), steps: [] },
    { name: 'customer-1', agreement: await agreement('customer', customerSecret, { x25519: x25519[1] }), steps: [] },
  ];
}

/** The keys of the last completed handshake of a side, if any. */
export function lastKeys(side: Side) {
  return [...side.steps].reverse().find((s) => s.keys)?.keys;
}
