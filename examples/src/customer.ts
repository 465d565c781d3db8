import { parseInvite } from '@sealcall/sdk';
import { showProblem, startCall } from './demo.js';

// Everything the customer needs, the call secret included, travels in the link's fragment,
// which browsers never send to a server.
try {
  const { room, token, secret, signalingUrl } = parseInvite(location.href);
  if (!signalingUrl) throw new Error('This link names no signaling server. Ask for a new invitation.');
  startCall({ role: 'customer', room, token, secret, signalingUrl });
} catch (error) {
  showProblem(error instanceof Error ? error.message : String(error));
}
