import { expect } from '@esm-bundle/chai';
import { CallSession, createCallSecret, SealcallError, WebSocketSignaling, type Role, type SealcallErrorCode } from '../src/index.js';
import { audioFlows, eventually, renderedFrames, stateReached } from './helpers/media.js';
import { randomRoom, restartServer, roomToken, serverUrl, type TokenOptions } from './helpers/server.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';

async function signaling(room: string, role: Role, token?: string): Promise<WebSocketSignaling> {
  return new WebSocketSignaling({
    url: await serverUrl(),
    room,
    role,
    token: token ?? (await roomToken(room, role)),
    reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
  });
}

const secrets = new Map<string, Uint8Array>();

/** Both participants of a room share its call secret, as the invitation link would carry it. */
function secretOf(room: string): Uint8Array {
  if (!secrets.has(room)) secrets.set(room, createCallSecret());
  return secrets.get(room)!;
}

async function session(room: string, role: Role): Promise<CallSession> {
  return new CallSession({ signaling: await signaling(room, role), e2ee: { secret: secretOf(room) }, consent: false });
}

async function refusal(room: string, role: Role, token: string): Promise<SealcallErrorCode> {
  const adapter = await signaling(room, role, token);
  try {
    await adapter.connect();
  } catch (error) {
    expect(error).to.be.instanceOf(SealcallError);
    expect(adapter.state).to.equal('closed');
    return (error as SealcallError).code;
  }
  adapter.close();
  throw new Error('The server let the connection in.');
}

/** A raw client of the wire protocol, for what a well-behaved SDK never sends. */
async function rawClient(room: string, token: string): Promise<{ socket: WebSocket; received: unknown[]; closed: Promise<number> }> {
  const socket = new WebSocket(`${await serverUrl()}/v1/rooms/${room}`);
  const received: unknown[] = [];
  socket.onmessage = (event) => received.push(JSON.parse(event.data as string));
  const closed = new Promise<number>((resolve) => socket.addEventListener('close', (e) => resolve(e.code)));
  await new Promise((resolve) => socket.addEventListener('open', resolve));
  socket.send(JSON.stringify({ type: 'join', token }));
  await eventually(() => received.length > 0, 'the join answer');
  return { socket, received, closed };
}

describe('CallSession over the reference server', () => {
  const cleanup: Array<{ hangUp(): void } | { close(): void }> = [];
  afterEach(() => cleanup.splice(0).forEach((c) => ('hangUp' in c ? c.hangUp() : c.close())));

  async function connectedPair(room = randomRoom(), agentSignaling?: WebSocketSignaling, customerSignaling?: WebSocketSignaling) {
    const over = (signaling: WebSocketSignaling) => new CallSession({ signaling, e2ee: { secret: secretOf(room) }, consent: false });
    const agent = agentSignaling ? over(agentSignaling) : await session(room, 'agent');
    const customer = customerSignaling ? over(customerSignaling) : await session(room, 'customer');
    cleanup.push(agent, customer);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    return { agent, customer, room };
  }

  itWithInPageCalls('the agent admits the customer from the lobby and media flows both ways', async () => {
    const room = randomRoom();
    const agent = await session(room, 'agent');
    const customer = await session(room, 'customer');
    cleanup.push(agent, customer);
    const knock = new Promise<string>((resolve) => agent.on('knock', ({ participantId }) => resolve(participantId)));
    await agent.join();
    await customer.join();
    expect(customer.state).to.equal('waiting');
    agent.admit(await knock);
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    await Promise.all([audioFlows(agent), audioFlows(customer)]);
  });

  itWithInPageCalls('refuses a third participant and leaves the call alone', async () => {
    const { agent, room } = await connectedPair();
    expect(await refusal(room, 'customer', await roomToken(room, 'customer'))).to.equal('SIGNALING_ROOM_FULL');
    expect(await refusal(room, 'agent', await roomToken(room, 'agent'))).to.equal('SIGNALING_ROOM_FULL');
    expect(agent.state).to.equal('connected');
    await renderedFrames(agent.remoteStream!);
  });

  const refusedTokens: Array<[string, SealcallErrorCode, (room: string) => Promise<string>]> = [
    ['forged', 'SIGNALING_TOKEN_INVALID', (room) => roomToken(room, 'customer', { secret: 'x'.repeat(43) } satisfies TokenOptions)],
    ['expired', 'SIGNALING_TOKEN_EXPIRED', (room) => roomToken(room, 'customer', { ttlSeconds: 60, issuedSecondsAgo: 300 })],
    ['for another room', 'SIGNALING_TOKEN_WRONG_ROOM', () => roomToken(randomRoom(), 'customer')],
    ['garbage', 'SIGNALING_TOKEN_INVALID', async () => 'not-a-token'],
  ];
  for (const [kind, code, mint] of refusedTokens) {
    it(`refuses a ${kind} token before the agent hears of it`, async () => {
      const room = randomRoom();
      const agent = await session(room, 'agent');
      cleanup.push(agent);
      let knocks = 0;
      agent.on('knock', () => knocks++);
      await agent.join();
      expect(await refusal(room, 'customer', await mint(room))).to.equal(code);
      await new Promise((r) => setTimeout(r, 200));
      expect(knocks).to.equal(0);
      expect(agent.state).to.equal('waiting');
      // Only an expired link of this very room is the agent's news: the others name no room to trust.
      expect(agent.problem).to.equal(kind === 'expired' ? 'peer-link-expired' : 'peer-not-there');
    });
  }

  it('refuses a reused customer token', async () => {
    const room = randomRoom();
    const token = await roomToken(room, 'customer');
    const first = await signaling(room, 'customer', token);
    cleanup.push(first);
    await first.connect();
    first.close();
    expect(await refusal(room, 'customer', token)).to.equal('SIGNALING_TOKEN_REUSED');
  });

  it('a customer who declines tells the agent, and its link still joins', async () => {
    const room = randomRoom();
    const agent = await session(room, 'agent');
    cleanup.push(agent);
    await agent.join();
    const token = await roomToken(room, 'customer');
    const declining = new CallSession({ signaling: await signaling(room, 'customer', token), e2ee: { secret: createCallSecret() }, consent: false });
    const errors: string[] = [];
    declining.on('error', ({ error }) => errors.push(error.code));
    await declining.decline();
    expect([declining.state, declining.problem]).to.deep.equal(['ended', 'declined']);
    await eventually(() => agent.problem === 'peer-declined', "the agent's problem");
    expect(errors).to.deep.equal([]);

    const knock = new Promise<string>((resolve) => agent.on('knock', ({ participantId }) => resolve(participantId)));
    const changed = await signaling(room, 'customer', token);
    cleanup.push(changed);
    await changed.connect();
    await knock;
    expect(agent.problem).to.equal('peer-not-there');
  });

  function nextRemoteStream(session: CallSession): Promise<MediaStream> {
    return new Promise((resolve) => session.on('remote-stream', ({ stream }) => resolve(stream)));
  }

  /** A second session of `role` takes over its participant's place with the newest resume token; the first is told so. */
  async function rejoinTakesOver(role: Role): Promise<void> {
    const room = randomRoom();
    const resumeTokens: string[] = [];
    const resuming = new WebSocketSignaling({ url: await serverUrl(), room, role, token: await roomToken(room, role), onResumeToken: (token) => resumeTokens.push(token) });
    const { agent, customer } = await connectedPair(room, role === 'agent' ? resuming : undefined, role === 'customer' ? resuming : undefined);
    const [before, stays] = role === 'agent' ? [agent, customer] : [customer, agent];
    const connectionBefore = stays.peerConnection;
    const stayingStates: string[] = [];
    stays.on('state-change', ({ state }) => stayingStates.push(state));
    const staysSees = nextRemoteStream(stays);

    const again = new CallSession({
      signaling: new WebSocketSignaling({ url: await serverUrl(), room, role, token: 'unused', resumeToken: resumeTokens.at(-1)! }),
      e2ee: { secret: secretOf(room) },
      consent: false,
    });
    cleanup.push(again);
    const againSees = nextRemoteStream(again);
    await again.join();
    await Promise.all([stateReached(again, 'connected'), stateReached(stays, 'connected')]);
    // The side that stayed builds a new connection to the new session, rather than renegotiating the old one with a stranger's offer.
    expect(stays.peerConnection).to.be.instanceOf(RTCPeerConnection).and.not.equal(connectionBefore);
    expect(stayingStates).to.include('reconnecting');
    await Promise.all([renderedFrames(await againSees), renderedFrames(await staysSees)]);
    // What the side that stayed sent to the previous session (an answer to its key share, say) is no attack on the new one.
    expect([again.e2ee?.invalidShares, stays.e2ee?.invalidShares]).to.deep.equal([0, 0]);
    await eventually(() => before.problem === 'link-used', 'the replaced session to say the call is open elsewhere');
    expect(before.state).to.equal('failed');
  }

  itWithInPageCalls('an agent rejoins the same call with its newest resume token: a new connection, video both ways; the session it replaces is told so', () =>
    rejoinTakesOver('agent'));

  itWithInPageCalls('a customer rejoins the same call with its newest resume token: a new connection, video both ways; the session it replaces is told so', () =>
    rejoinTakesOver('customer'));

  it('survives a malformed and an oversized message: the server and the peer carry on', async () => {
    const room = randomRoom();
    const agent = await session(room, 'agent');
    cleanup.push(agent);
    const errors: string[] = [];
    agent.on('error', ({ error }) => errors.push(error.code));
    const knock = new Promise<string>((resolve) => agent.on('knock', ({ participantId }) => resolve(participantId)));
    await agent.join();
    const raw = await rawClient(room, await roomToken(room, 'customer'));
    agent.admit(await knock);
    await stateReached(agent, 'connecting');

    raw.socket.send('{not json');
    raw.socket.send(JSON.stringify({ type: 'signal', data: { kind: 'description', generation: 1, description: { type: 'offer', sdp: 7 } } }));
    raw.socket.send(JSON.stringify({ type: 'signal', data: { kind: 'evil', generation: 1 } }));
    await eventually(() => errors.filter((c) => c === 'SIGNALING_BAD_MESSAGE').length === 2, 'the agent to drop both bad peer messages');
    expect(raw.received.some((m) => (m as { code?: string }).code === 'BAD_MESSAGE')).to.equal(true);

    raw.socket.send(JSON.stringify({ type: 'signal', data: { pad: 'x'.repeat(200 * 1024) } }));
    expect(await raw.closed).to.equal(1009);
    expect(agent.state).to.equal('connecting');

    const other = randomRoom();
    const fresh = await signaling(other, 'agent');
    cleanup.push(fresh);
    const joined = await fresh.connect();
    expect(joined.admitted).to.equal(true);
  });

  itWithInPageCalls('rides out a server kill and restart mid-call: both reconnect and media continues', async () => {
    const { agent, customer } = await connectedPair();
    await renderedFrames(customer.remoteStream!);
    const bothReconnecting = Promise.all([stateReached(agent, 'reconnecting'), stateReached(customer, 'reconnecting')]);
    const problems: Array<string | undefined> = [];
    customer.on('problem-change', ({ problem }) => problems.push(problem));
    await restartServer();
    await bothReconnecting;
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    await audioFlows(customer);
    expect(problems[0], 'the customer read that its connection dropped').to.equal('network-lost');
    expect(customer.problem).to.equal(undefined);
  });
});
