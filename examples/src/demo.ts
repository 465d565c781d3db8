import { CallSession, trustedWorker, WebSocketSignaling, type ConsentGate, type ProblemAction, type Role } from '@sealcall/sdk';
import e2eeWorkerUrl from '@sealcall/sdk/e2ee-worker.js?worker&url';
import '@sealcall/components/seal-call.js';
import type { SealCall } from '@sealcall/components';

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

/**
 * The newest resume token of this tab's participant in a room: with it a reloaded page, or a
 * participant whose call failed, takes its place in the same call again.
 */
export const resumeTokens = {
  key: (room: string, role: Role) => `sealcall-demo-resume:${room}:${role}`,
  get(room: string, role: Role): string | undefined {
    return sessionStorage.getItem(this.key(room, role)) ?? undefined;
  },
  set(room: string, role: Role, token: string): void {
    sessionStorage.setItem(this.key(room, role), token);
  },
};

/** An end-to-end encrypted call through the Sealcall server's signaling; `rejoin` takes the participant's place again. */
export function createSession({ role, room, token, secret, signalingUrl, consent }: CallParameters, { rejoin = false } = {}): CallSession {
  const resumeToken = rejoin ? resumeTokens.get(room, role) : undefined;
  return new CallSession({
    signaling: new WebSocketSignaling({
      url: signalingUrl,
      room,
      role,
      token,
      ...(resumeToken ? { resumeToken } : {}),
      onResumeToken: (fresh) => resumeTokens.set(room, role, fresh),
    }),
    e2ee: { secret, createWorker },
    ...(consent ? { consent } : {}),
  });
}

/**
 * The page's <seal-call>, with its next-step buttons done by `act` (each page knows how to retry,
 * rejoin or get a new link). The element words every problem for the participant; the developer's
 * message of each error goes to the console.
 */
export function callElement(act: (action: ProblemAction) => void): SealCall {
  const call = document.querySelector('seal-call');
  if (!call) throw new Error('The page has no <seal-call>.');
  call.addEventListener('seal-error', (event) => console.warn(`Sealcall ${event.detail.error.code}: ${event.detail.error.message}`));
  call.addEventListener('seal-problem-action', (event) => act(event.detail.action));
  return call;
}

/** A new session for `call`; `join` joins at once (a retry or a rejoin, which the participant asked for). */
export function startCall(call: SealCall, parameters: CallParameters, { join = false, rejoin = false } = {}): CallSession {
  const session = createSession(parameters, { rejoin });
  call.session = session;
  // A failed join is the session's problem, which the element shows.
  if (join) session.join().catch((error: unknown) => console.warn('Sealcall join:', error));
  return session;
}

export function showProblem(message: string): void {
  const problem = document.querySelector<HTMLElement>('#problem');
  if (!problem) return;
  problem.textContent = message;
  problem.hidden = false;
}
