// The floor of `npm run bench:load`: a bare `ws` relay in a process of its own. Two sockets on the
// same path are a room; each text frame goes to the other one as it came. No JSON, no tokens, no
// database. Prints {"url"} once listening, answers load-ipc.mjs's questions; SIGTERM stops it.
import WebSocket from 'ws';
import { answerLoadQuestions } from './load-ipc.mjs';

answerLoadQuestions();
const rooms = new Map();
const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws, req) => {
  const room = rooms.get(req.url) ?? [];
  rooms.set(req.url, [...room, ws]);
  ws.on('message', (data, isBinary) => {
    for (const other of rooms.get(req.url) ?? []) if (other !== ws) other.send(data, { binary: isBinary });
  });
  ws.on('close', () => rooms.set(req.url, (rooms.get(req.url) ?? []).filter((s) => s !== ws)));
});
wss.on('listening', () => process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${wss.address().port}` })}\n`));
process.once('SIGTERM', () => wss.close(() => process.exit(0)));
