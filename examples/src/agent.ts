import { ArtifactVault, createCallSecret, createInvite, GovernanceClient } from '@sealcall/sdk';
import '@sealcall/components/seal-capture.js';
import { showProblem, startCall } from './demo.js';

interface DemoSignIn {
  /** The agent's access token from the identity provider. */
  accessToken: string;
  serverUrl: string;
  signalingUrl: string;
}

/** Your portal's OpenID Connect login does this; the demo's back end signs its agent in directly. */
async function signIn(): Promise<DemoSignIn> {
  const response = await fetch('/api/sign-in', { method: 'POST' });
  if (!response.ok) throw new Error(`Signing in failed (HTTP ${response.status}).`);
  return (await response.json()) as DemoSignIn;
}

try {
  const { accessToken, serverUrl, signalingUrl } = await signIn();
  // The signed-in agent starts the call on the Sealcall server, which files it under the agent.
  const governance = new GovernanceClient({ baseUrl: serverUrl, token: accessToken });
  const { callId: room, subjectId, agentToken, invitationToken } = await governance.startCall();
  // The call secret is made here, in the agent's browser, and leaves it only inside the link.
  const secret = createCallSecret();
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
  const session = startCall({ role: 'agent', room, token: agentToken, secret, signalingUrl });
  // Pictures and recordings are encrypted here and kept in this browser's IndexedDB, under a
  // key that never leaves it (the defaults of ArtifactVault).
  const capture = document.querySelector('seal-capture')!;
  Object.assign(capture, { session, vault: new ArtifactVault(), subjectId });
  const stored = document.querySelector<HTMLUListElement>('#stored')!;
  const list = (text: string) => stored.append(Object.assign(document.createElement('li'), { textContent: text }));
  capture.addEventListener('seal-picture-stored', ({ detail }) => list(`Picture, ${detail.metadata.size} bytes encrypted`));
  capture.addEventListener('seal-recording-stopped', ({ detail }) => list(`Recording (${detail.reason}), ${detail.metadata.size} bytes encrypted`));
} catch (error) {
  showProblem(error instanceof Error ? error.message : String(error));
}
