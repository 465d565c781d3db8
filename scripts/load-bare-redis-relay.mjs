// The floor of `npm run bench:load` across two nodes: the bare `ws` relay of load-bare-relay.mjs,
// in several processes sharing rooms through the Redis LOAD_REDIS_URL names, with nothing but
// the hop a second node needs. Each process subscribes to a room's channel when its first socket
// on that path arrives; each text frame is published there once, behind this process's id, and
// every other process hands it to its own sockets on the path. No JSON, no tokens, no Lua, no
// database. Prints {"url"} once listening, answers load-ipc.mjs's questions; SIGTERM stops it.
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import WebSocket from 'ws';
import { answerLoadQuestions } from './load-ipc.mjs';

answerLoadQuestions();
const node = randomBytes(4).toString('hex');
const publisher = createClient({ url: process.env.LOAD_REDIS_URL });
const subscriber = publisher.duplicate();
await Promise.all([publisher.connect(), subscriber.connect()]);
const channel = (path) => `bare-relay:${path}`;
const rooms = new Map();

const deliver = (path, data, except) => {
  for (const socket of rooms.get(path) ?? []) if (socket !== except) socket.send(data);
};

const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws, req) => {
  const path = req.url;
  const room = rooms.get(path) ?? [];
  rooms.set(path, [...room, ws]);
  const subscribed =
    room.length > 0
      ? Promise.resolve()
      : subscriber.subscribe(channel(path), (message) => {
          const from = message.slice(0, 8);
          if (from !== node) deliver(path, message.slice(9));
        });
  ws.on('message', async (data) => {
    await subscribed;
    const text = data.toString();
    deliver(path, text, ws);
    publisher.sendCommand(['PUBLISH', channel(path), `${node} ${text}`]).catch((error) => process.stderr.write(`${error}\n`));
  });
  ws.on('close', () => rooms.set(path, (rooms.get(path) ?? []).filter((s) => s !== ws)));
});
wss.on('listening', () => process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${wss.address().port}` })}\n`));
process.once('SIGTERM', () => wss.close(async () => {
  await Promise.allSettled([subscriber.close(), publisher.close()]);
  process.exit(0);
}));
