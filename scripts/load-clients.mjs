// The clients of `npm run bench:load`: sockets that join the reference server's rooms (or a bare
// relay's paths) in pairs. SEALCALL_SECRET signs the room tokens.
import WebSocket from 'ws';
import { createRoomToken } from '@sealcall/server';

/** A socket whose messages can be awaited by type, and handed to `onMessage` otherwise. */
export function client(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const waiting = new Map();
    const socket = { ws, onMessage: () => {}, next: (type) => new Promise((r) => waiting.set(type, r)), send: (m) => ws.send(JSON.stringify(m)) };
    ws.on('message', (data) => {
      const message = JSON.parse(data);
      const waiter = waiting.get(message.type);
      if (waiter) {
        waiting.delete(message.type);
        waiter(message);
      } else socket.onMessage(message);
    });
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}

export async function joined(url, room, role) {
  const socket = await client(`${url}/v1/rooms/${room}`);
  const answer = socket.next('joined');
  socket.send({ type: 'join', token: createRoomToken({ secret: process.env.SEALCALL_SECRET, room, role, subject: `${role}-${room}` }) });
  return { socket, joined: await answer };
}

/** An agent (on the first node) and an admitted customer (on the last) in `room`. */
async function serverPair(urls, room) {
  const agent = await joined(urls[0], room, 'agent');
  const knock = agent.socket.next('knock');
  const customer = await joined(urls.at(-1), room, 'customer');
  agent.socket.send({ type: 'admit', participantId: (await knock).participantId });
  await Promise.all([customer.socket.next('peer-joined'), agent.socket.next('peer-joined')]);
  return { agent: agent.socket, customer: customer.socket };
}

/** Two sockets on one path of the bare relay: on the first node and on the last. */
async function barePair(urls, room) {
  return { agent: await client(`${urls[0]}/${room}`), customer: await client(`${urls.at(-1)}/${room}`) };
}

/** How each kind of relay pairs two sockets, and wraps and unwraps what one sends the other. */
export const relayClients = {
  server: { pair: serverPair, wrap: (data) => ({ type: 'signal', data }), unwrap: (message) => message.data },
  bare: { pair: barePair, wrap: (data) => data, unwrap: (message) => message },
};
