import { ArtifactVault, createCallSecret, createInvite, GovernanceClient, HttpStorage, RecipientKeyProvider, DeviceOutbox, type ResumedUpload, type RetriedDelete } from '@sealcall/sdk';
import '@sealcall/components/seal-capture.js';
import { callElement, showProblem, startCall } from './demo.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { languageSwitch } from './language.js';

languageSwitch();

interface DemoSignIn {
  /** The agent's access token from the identity provider. */
  accessToken: string;
  serverUrl: string;
  signalingUrl: string;
  /** The insurer's public records key (X25519, base64url). */
  recordsKey: string;
}

/**
 * The storage token of each call this tab started, for sending what a closed or crashed page left
 * in the upload buffer. Your portal would ask its back end for a token of that call instead.
 */
const storageTokens = {
  get: (callId: string): string | undefined => (JSON.parse(sessionStorage.getItem('sealcall-demo-storage-tokens') ?? '{}') as Record<string, string>)[callId],
  set(callId: string, token: string): void {
    const all = JSON.parse(sessionStorage.getItem('sealcall-demo-storage-tokens') ?? '{}') as Record<string, string>;
    sessionStorage.setItem('sealcall-demo-storage-tokens', JSON.stringify({ ...all, [callId]: token }));
  },
};

/** Your portal's OpenID Connect login does this; the demo's back end signs its agent in directly. */
async function signIn(): Promise<DemoSignIn> {
  const response = await fetch('/api/sign-in', { method: 'POST' });
  if (!response.ok) throw new Error(`Signing in failed (HTTP ${response.status}).`);
  return (await response.json()) as DemoSignIn;
}

/**
 * The call this tab started, kept for the tab's life: an agent who reloads the page rejoins it
 * (with the newest resume token) instead of starting another. Your portal keeps its calls the
 * same way, or on its back end.
 */
interface DemoCall {
  room: string;
  subjectId: string;
  agentToken: string;
  invitationToken: string;
  storageToken: string;
  /** The call secret, base64url. */
  secret: string;
}

const CALL_KEY = 'sealcall-demo-call';

async function startOrResumeCall(governance: GovernanceClient): Promise<{ started: DemoCall; rejoining: boolean }> {
  const kept = sessionStorage.getItem(CALL_KEY);
  if (kept) return { started: JSON.parse(kept) as DemoCall, rejoining: true };
  // The signed-in agent starts the call on the Sealcall server, which files it under the agent.
  const { callId: room, subjectId, agentToken, invitationToken, storageToken } = await governance.startCall();
  if (storageToken === undefined) throw new Error('The Sealcall server keeps no artifacts: start it with storage.');
  // The call secret is made here, in the agent's browser, and leaves it only inside the link.
  const started = { room, subjectId, agentToken, invitationToken, storageToken, secret: toBase64Url(createCallSecret()) };
  sessionStorage.setItem(CALL_KEY, JSON.stringify(started));
  return { started, rejoining: false };
}

try {
  const { accessToken, serverUrl, signalingUrl, recordsKey } = await signIn();
  const governance = new GovernanceClient({ baseUrl: serverUrl, token: accessToken });
  const { started, rejoining } = await startOrResumeCall(governance);
  const { room, subjectId, agentToken, invitationToken, storageToken } = started;
  storageTokens.set(room, storageToken);
  const stored = document.querySelector<HTMLUListElement>('#stored')!;
  const list = (text: string) => stored.append(Object.assign(document.createElement('li'), { textContent: text }));
  // Each chunk stays in this browser's outbox, encrypted, only until the server confirms it.
  const storage = new HttpStorage({
    baseUrl: serverUrl,
    token: ({ callId }) => storageTokens.get(callId ?? room) ?? storageToken,
    region: 'eu-central',
    outbox: new DeviceOutbox(),
  });
  const flush = () => storage.flushOutbox().then(({ uploads, deletes }) => [...uploads.map(resumed), ...deletes.map(retried)].forEach(list), problem);
  flush();
  addEventListener('online', flush);
  const secret = fromBase64Url(started.secret);
  const link = createInvite(new URL('/customer.html', location.href), { room, token: invitationToken, secret, signalingUrl });
  const output = document.querySelector<HTMLOutputElement>('#customer-link')!;
  const copy = document.querySelector<HTMLButtonElement>('#copy-link')!;
  output.value = link;
  copy.disabled = false;
  copy.addEventListener('click', () => {
    navigator.clipboard.writeText(link).then(
      () => (copy.textContent = 'Copied'),
      () => showProblem('Copying failed: select the link and copy it by hand.'),
    );
  });
  const parameters = { role: 'agent' as const, room, token: agentToken, secret, signalingUrl };
  const call = callElement((action) => {
    if (action === 'new-call') {
      sessionStorage.removeItem(CALL_KEY);
      location.reload();
    } else {
      capture.session = startCall(call, parameters, { join: true, rejoin: action === 'rejoin' });
    }
  });
  // Whether the security codes matched goes to the call's audit trail.
  call.addEventListener('seal-security-code', ({ detail }) => governance.recordSecurityCode(room, detail.matches).catch(problem));
  // After a reload the agent takes its place in the call again at once: the customer waits.
  const session = startCall(call, parameters, { join: rejoining, rejoin: rejoining });
  // Pictures, recordings and the customer's documents are encrypted here, to the insurer's records key, and stored on the
  // Sealcall server: this browser cannot read them back, and nothing stays on this device.
  // The back office decrypts them with the private key.
  const vault = new ArtifactVault({
    storage,
    keyProviders: [new RecipientKeyProvider(fromBase64Url(recordsKey))],
  });
  const capture = document.querySelector('seal-capture')!;
  Object.assign(capture, { session, vault, subjectId });
  capture.addEventListener('seal-picture-stored', ({ detail }) => list(`Picture, ${detail.metadata.size} bytes encrypted`));
  capture.addEventListener('seal-recording-stopped', ({ detail }) => list(`Recording (${detail.reason}), ${detail.metadata.size} bytes encrypted`));
  capture.addEventListener('seal-document-stored', ({ detail }) => list(`Document, ${detail.metadata.size} bytes encrypted`));
} catch (error) {
  problem(error);
}

function problem(error: unknown): void {
  showProblem(error instanceof Error ? error.message : String(error));
}

function retried({ outcome }: RetriedDelete): string {
  return outcome === 'deleted' ? 'A deletion that failed earlier is now done on the server' : 'A deletion the server has not confirmed yet stays queued in this browser';
}

function resumed({ outcome, sent }: ResumedUpload): string {
  switch (outcome) {
    case 'sent':
      return `An upload cut off earlier is now on the server (${sent} more ${sent === 1 ? 'piece' : 'pieces'} sent)`;
    case 'gone':
    case 'expired':
      return 'An upload cut off earlier is no longer kept: removed from this browser';
    case 'busy':
      return 'An upload is still running in another tab';
    case 'kept':
      return 'An upload cut off earlier could not be sent yet: it stays encrypted in this browser until it can';
  }
}
