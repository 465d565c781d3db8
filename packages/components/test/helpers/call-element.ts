import { press } from './keys.js';
import { BroadcastChannelSignaling, CallSession, createCallSecret, type CallSessionOptions, type CallState, type Role, type SignalingAdapter } from '@sealcall/sdk';
import '../../src/seal-call.js';
import type { SealCall } from '../../src/index.js';
import { sealedCall, type SealedCallOptions } from '../../../sdk/test/helpers/sealed-call.js';

const secrets = new Map<string, Uint8Array>();

export interface MountOptions {
  /** The call secret; default one per room, shared by both sides. */
  secret?: Uint8Array;
  e2ee?: Partial<Exclude<CallSessionOptions['e2ee'], false>>;
  recovery?: CallSessionOptions['recovery'];
  wrap?: (adapter: SignalingAdapter) => SignalingAdapter;
}

/** A <seal-call> in the page, driving a CallSession over BroadcastChannelSignaling. */
export function mount(role: Role, room: string, options: MountOptions = {}): { element: SealCall; session: CallSession } {
  if (!secrets.has(room)) secrets.set(room, createCallSecret());
  const signaling = new BroadcastChannelSignaling({ room, role });
  const session = new CallSession({
    signaling: options.wrap ? options.wrap(signaling) : signaling,
    e2ee: { secret: options.secret ?? secrets.get(room)!, ...options.e2ee },
    consent: false,
    recovery: options.recovery,
  });
  const element = document.createElement('seal-call');
  element.session = session;
  document.body.append(element);
  return { element, session };
}

export function findButton(element: SealCall, label: string): HTMLButtonElement | undefined {
  return [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
}

export function button(element: SealCall, label: string): HTMLButtonElement {
  const found = findButton(element, label);
  if (!found) throw new Error(`No "${label}" button; buttons: ${[...element.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
}

/** Waits for the button, focuses it and presses Enter, as a keyboard user would. */
export async function pressOn(element: SealCall, label: string): Promise<void> {
  for (let tries = 0; !findButton(element, label) && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
  button(element, label).focus();
  await press('Enter');
}

export function stateEvent(element: SealCall, state: CallState): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: CustomEvent<{ state: CallState }>) => {
      if (event.detail.state !== state) return;
      element.removeEventListener('seal-state-change', listener as EventListener);
      resolve();
    };
    element.addEventListener('seal-state-change', listener as EventListener);
  });
}

/** Joins both, the agent admitting the customer, and waits until both are connected. */
export async function joinBoth(agent: SealCall, customer: SealCall): Promise<void> {
  await pressOn(agent, 'Join call');
  await pressOn(customer, 'Join call');
  const connected = Promise.all([stateEvent(agent, 'connected'), stateEvent(customer, 'connected')]);
  await pressOn(agent, 'Admit');
  await connected;
}

/** An agent and a customer connected end to end encrypted, each shown by a `<seal-call>` on the page; the sessions go into `sessions`. */
export async function connectedCallElements(sessions: CallSession[], options: SealedCallOptions = {}): Promise<{ agent: CallSession; customer: CallSession; agentElement: SealCall; customerElement: SealCall }> {
  const { agent, customer } = await sealedCall(sessions, options);
  const agentElement = Object.assign(document.createElement('seal-call'), { session: agent });
  const customerElement = Object.assign(document.createElement('seal-call'), { session: customer });
  document.body.append(agentElement, customerElement);
  await Promise.all([agentElement.updateComplete, customerElement.updateComplete]);
  return { agent, customer, agentElement, customerElement };
}

/** The first element of `element`'s shadow root with the part `name`. */
export const part = (element: SealCall, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
