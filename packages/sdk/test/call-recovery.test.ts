import { expect } from '@esm-bundle/chai';
import { BroadcastChannelSignaling, CallSession, createCallSecret, type CallSessionOptions, type PeerMessage, type Role } from '../src/index.js';
import { e2eeReached } from './helpers/e2ee.js';
import { renderedFrames, stateReached } from './helpers/media.js';
import { interceptingAdapter, type InterceptingAdapter, type Interception } from './helpers/relay.js';
import { randomRoom } from './helpers/server.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

function pair(interception: (role: Role) => Interception, options: Partial<CallSessionOptions> = {}) {
  const room = randomRoom();
  const e2ee = { secret: createCallSecret() };
  const signaling = (role: Role) => interceptingAdapter(new BroadcastChannelSignaling({ room, role }), interception(role));
  const agent = new CallSession({ e2ee, ...options, signaling: signaling('agent') });
  const customer = new CallSession({ e2ee, consent: false, ...options, signaling: signaling('customer') });
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  return { agent, customer };
}

async function connectedAndDecoding(agent: CallSession, customer: CallSession): Promise<void> {
  await Promise.all([stateReached(agent, 'connected', 30_000), stateReached(customer, 'connected', 30_000)]);
  await Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
  expect(agent.e2ee!.sas).to.deep.equal(customer.e2ee!.sas);
  await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
}

/** Sends every host candidate to an address where nobody listens: ICE cannot connect. */
const unreachable = (message: PeerMessage): PeerMessage =>
  message.kind === 'candidate'
    ? { ...message, candidate: { ...message.candidate, candidate: message.candidate.candidate.replace(/ (\S+) (\d+) typ /, ' 127.0.0.2 $2 typ ') } }
    : message;

describe('a call over a signaling path that duplicates, delays and reorders', () => {
  const { sessions } = cleanUpCalls();

  itWithInPageCalls('connects every time when every message arrives twice, in random order', async function () {
    this.timeout(180_000);
    for (let run = 0; run < 4; run++) {
      const chaos: Interception = { receive: (message) => [message, message].map((m) => ({ message: m, delayMs: Math.floor(Math.random() * 60) })) };
      const { agent, customer } = pair(() => chaos);
      sessions.push(agent, customer);
      await agent.join();
      await customer.join();
      await connectedAndDecoding(agent, customer);
      agent.hangUp();
      customer.hangUp();
    }
  });

  itWithInPageCalls('shrugs off a replayed offer, answer and candidates once connected', async () => {
    const adapters: Partial<Record<Role, InterceptingAdapter>> = {};
    const room = randomRoom();
    const e2ee = { secret: createCallSecret() };
    const signaling = (role: Role) => (adapters[role] = interceptingAdapter(new BroadcastChannelSignaling({ room, role }), {}));
    const agent = new CallSession({ e2ee, signaling: signaling('agent') });
    const customer = new CallSession({ e2ee, consent: false, signaling: signaling('customer') });
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    sessions.push(agent, customer);
    await agent.join();
    await customer.join();
    await connectedAndDecoding(agent, customer);
    const errors: unknown[] = [];
    for (const session of [agent, customer]) session.on('error', ({ error }) => errors.push(error));
    const replay = (role: Role) => adapters[role]!.received.filter((m) => m.kind === 'description' || m.kind === 'candidate');
    for (const message of replay('agent')) adapters.agent!.inject(message);
    for (const message of replay('customer')) adapters.customer!.inject(message);
    await renderedFrames(agent.remoteStream!);
    await renderedFrames(customer.remoteStream!);
    expect(errors).to.deep.equal([]);
    expect([agent.state, customer.state]).to.deep.equal(['connected', 'connected']);
    expect(agent.peerConnection!.connectionState).to.equal('connected');
  });
});

describe('recovery when ICE fails', () => {
  const { sessions, undo: restore } = cleanUpCalls();

  itWithInPageCalls('restarts ICE on the same connection and the call carries on, keys and counters intact', async function () {
    this.timeout(60_000);
    let broken = true;
    let restarts = 0;
    const original = RTCPeerConnection.prototype.restartIce;
    RTCPeerConnection.prototype.restartIce = function (this: RTCPeerConnection) {
      restarts++;
      broken = false;
      original.call(this);
    };
    restore.push(() => (RTCPeerConnection.prototype.restartIce = original));
    const { agent, customer } = pair(() => ({ send: (m) => [broken ? unreachable(m) : m] }), {
      recovery: { attemptTimeoutMs: 3000, backoff: { initialDelayMs: 100, maxDelayMs: 200 } },
    });
    sessions.push(agent, customer);
    await agent.join();
    await customer.join();
    await stateReached(agent, 'connecting');
    const firstConnection = agent.peerConnection;
    await connectedAndDecoding(agent, customer);
    expect(restarts).to.be.greaterThan(0);
    expect(agent.peerConnection).to.equal(firstConnection);
    const stats = await agent.e2eeStats();
    expect(stats.sendKid).to.equal(0);
    expect(stats.encrypted).to.be.greaterThan(0);
  });

  itWithInPageCalls('a connection the other side closes is no error on this side: the call is rebuilt', async function () {
    this.timeout(60_000);
    const { agent, customer } = pair(() => ({}), { recovery: { backoff: { initialDelayMs: 100, maxDelayMs: 200 } } });
    sessions.push(agent, customer);
    const agentErrors: string[] = [];
    agent.on('error', ({ error }) => agentErrors.push(`${error.code}: ${error.message}`));
    await agent.join();
    await customer.join();
    await connectedAndDecoding(agent, customer);
    const closed = customer.peerConnection!;
    // What a hang-up or a reload does to the connection, before the signaling says so.
    closed.close();
    await stateReached(agent, 'reconnecting');
    await connectedAndDecoding(agent, customer);
    expect(customer.peerConnection).to.not.equal(closed);
    expect(agentErrors).to.deep.equal([]);
  });

  it('ends with connection-lost, and says why, when ICE never comes back', async function () {
    this.timeout(60_000);
    const { agent, customer } = pair(() => ({ send: (m) => [unreachable(m)] }), {
      recovery: { attemptTimeoutMs: 1500, maxAttempts: 3, backoff: { initialDelayMs: 100, maxDelayMs: 200 } },
    });
    sessions.push(agent, customer);
    const ends = [agent, customer].map(
      (session) => new Promise<{ reason?: string; error?: string }>((resolve) => {
        let error: string | undefined;
        session.on('error', (e) => (error = e.error.code));
        session.on('state-change', (change) => change.state === 'ended' && resolve({ reason: change.reason, error }));
      }),
    );
    await agent.join();
    await customer.join();
    const outcomes = await Promise.all(ends);
    const lost = outcomes.filter((o) => o.reason === 'connection-lost');
    expect(lost.length, JSON.stringify(outcomes)).to.be.greaterThan(0);
    for (const outcome of lost) expect(outcome.error).to.equal('PEER_CONNECTION_FAILED');
  });
});
