import { createCallSecret, createInvite } from '@sealcall/sdk';
import { showProblem, startCall } from './demo.js';

interface DemoRoom {
  room: string;
  signalingUrl: string;
  agentToken: string;
  customerToken: string;
}

async function createRoom(): Promise<DemoRoom> {
  const response = await fetch('/api/rooms', { method: 'POST' });
  if (!response.ok) throw new Error(`Creating a room failed (HTTP ${response.status}).`);
  return (await response.json()) as DemoRoom;
}

try {
  const { room, signalingUrl, agentToken, customerToken } = await createRoom();
  // The call secret is made here, in the agent's browser, and leaves it only inside the link.
  const secret = createCallSecret();
  const link = createInvite(new URL('/customer.html', location.href), { room, token: customerToken, secret, signalingUrl });
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
  startCall({ role: 'agent', room, token: agentToken, secret, signalingUrl });
} catch (error) {
  showProblem(error instanceof Error ? error.message : String(error));
}
