import { showProblem, startCall, type DemoRoom } from './demo.js';

async function createRoom(): Promise<DemoRoom> {
  const response = await fetch('/api/rooms', { method: 'POST' });
  if (!response.ok) throw new Error(`Creating a room failed (HTTP ${response.status}).`);
  return (await response.json()) as DemoRoom;
}

function customerLink({ room, customerToken, signalingUrl }: DemoRoom): string {
  const fragment = new URLSearchParams({ room, token: customerToken, signaling: signalingUrl });
  return new URL(`/customer.html#${fragment}`, location.href).href;
}

try {
  const room = await createRoom();
  const link = customerLink(room);
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
  startCall('agent', room.room, room.agentToken, room.signalingUrl);
} catch (error) {
  showProblem(error instanceof Error ? error.message : String(error));
}
