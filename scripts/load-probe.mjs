// The probe of `npm run bench:load`, in a process of its own so that the load's two thousand
// sockets and timers do not delay its clock: asked over IPC for { urls, clients, probes,
// intervalMs }, it pairs two sockets in a fresh room, bounces `probes` messages off the other
// one, `intervalMs` apart, and answers with the round trips (ms; 5 s stands for a lost probe).
import { randomBytes } from 'node:crypto';
import { relayClients } from './load-clients.mjs';

process.on('message', async ({ urls, clients, probes, intervalMs }) => {
  const { pair, wrap, unwrap } = relayClients[clients];
  const probe = await pair(urls, `probe-${randomBytes(3).toString('hex')}`);
  probe.customer.onMessage = (message) => unwrap(message)?.probe !== undefined && probe.customer.send(wrap({ echo: unwrap(message).probe }));
  const rtts = [];
  for (let i = 0; i < probes; i++) {
    const sent = performance.now();
    const back = new Promise((resolve) => (probe.agent.onMessage = (message) => unwrap(message)?.echo === i && resolve()));
    probe.agent.send(wrap({ probe: i }));
    await Promise.race([back, new Promise((resolve) => setTimeout(resolve, 5000))]);
    rtts.push(performance.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  probe.agent.ws.terminate();
  probe.customer.ws.terminate();
  process.send({ rtts });
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
