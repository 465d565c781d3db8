import { CallSession, trustedWorker, WebSocketSignaling, type ConsentGate, type Role } from '@sealcall/sdk';
import e2eeWorkerUrl from '@sealcall/sdk/e2ee-worker.js?worker&url';
import '@sealcall/components/seal-call.js';

// The pages require Trusted Types (see docs/csp.md): the E2EE worker starts through the SDK's policy.
const createWorker = trustedWorker(e2eeWorkerUrl);

export interface CallParameters {
  role: Role;
  room: string;
  token: string;
  secret: Uint8Array;
  signalingUrl: string;
  /** Customers: where their call consent is recorded. */
  consent?: ConsentGate;
}

/** An end-to-end encrypted call through the Sealcall server's signaling. */
export function createSession({ role, room, token, secret, signalingUrl, consent }: CallParameters): CallSession {
  return new CallSession({
    signaling: new WebSocketSignaling({ url: signalingUrl, room, role, token }),
    e2ee: { secret, createWorker },
    ...(consent ? { consent } : {}),
  });
}

/** Wires an end-to-end encrypted CallSession to the page's <seal-call> and reports what goes wrong. */
export function startCall(parameters: CallParameters): CallSession {
  const session = createSession(parameters);
  const call = document.querySelector('seal-call');
  if (!call) throw new Error('The page has no <seal-call>.');
  call.session = session;
  call.addEventListener('seal-error', (event) => showProblem(event.detail.error.message));
  call.addEventListener('seal-state-change', (event) => {
    if (event.detail.error) showProblem(event.detail.error.message);
  });
  return session;
}

export function showProblem(message: string): void {
  const problem = document.querySelector<HTMLElement>('#problem');
  if (!problem) return;
  problem.textContent = message;
  problem.hidden = false;
}
