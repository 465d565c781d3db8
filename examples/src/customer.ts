import { showProblem, startCall } from './demo.js';

// Everything the customer needs travels in the link's fragment, which browsers never send to a server.
const params = new URLSearchParams(location.hash.slice(1));
const room = params.get('room');
const token = params.get('token');
const signalingUrl = params.get('signaling');

if (room && token && signalingUrl) {
  startCall('customer', room, token, signalingUrl);
} else {
  showProblem('This link is incomplete. Ask for a new invitation.');
}
