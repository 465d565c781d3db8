import { expect } from '@esm-bundle/chai';
import { BroadcastChannelSignaling, CallSession, createCallSecret, SealcallError, type CallSessionOptions, type CallState } from '../src/index.js';
import { audioFlows, renderedFrames, stateReached } from './helpers/media.js';
import { randomRoom } from './helpers/server.js';
import { until } from './helpers/until.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

function broadcastPair(options: Partial<Omit<CallSessionOptions, 'signaling'>> = {}) {
  const room = randomRoom();
  const e2ee = { secret: createCallSecret() };
  const agent = new CallSession({ e2ee, ...options, signaling: new BroadcastChannelSignaling({ room, role: 'agent' }) });
  const customer = new CallSession({ e2ee, consent: false, ...options, signaling: new BroadcastChannelSignaling({ room, role: 'customer' }) });
  return { agent, customer };
}

async function connect(agent: CallSession, customer: CallSession): Promise<void> {
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  await agent.join();
  await customer.join();
  await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
}

describe('CallSession over BroadcastChannelSignaling', () => {
  const { sessions } = cleanUpCalls();

  it('asks for no camera or microphone until join()', async () => {
    const { agent } = broadcastPair();
    sessions.push(agent);
    expect(agent.state).to.equal('idle');
    expect(agent.localStream).to.equal(undefined);
    await agent.join();
    expect(agent.localStream?.getTracks().map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);
  });

  itWithInPageCalls('connects two participants: video renders and audio flows both ways', async () => {
    const { agent, customer } = broadcastPair();
    sessions.push(agent, customer);
    const states: CallState[] = [];
    customer.on('state-change', ({ state }) => states.push(state));
    await connect(agent, customer);
    expect(states).to.deep.equal(['joining', 'waiting', 'connecting', 'connected']);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    await Promise.all([audioFlows(agent), audioFlows(customer)]);
  });

  it('keeps the customer in the lobby until admitted, and ends the call on reject', async () => {
    const { agent, customer } = broadcastPair();
    sessions.push(agent, customer);
    const knocked = new Promise<string>((resolve) => agent.on('knock', ({ participantId }) => resolve(participantId)));
    await agent.join();
    await customer.join();
    expect([customer.state, customer.problem]).to.deep.equal(['waiting', 'peer-not-there']);
    const ended = new Promise((resolve) => customer.on('state-change', (change) => change.state === 'ended' && resolve(change.reason)));
    agent.reject(await knocked);
    expect(await ended).to.equal('rejected');
    expect(customer.problem).to.equal('rejected');
    expect(customer.localStream?.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  it('mutes and unmutes audio and video, and reports it', async () => {
    const { agent, customer } = broadcastPair();
    sessions.push(agent, customer);
    await connect(agent, customer);
    const changes: boolean[] = [];
    agent.on('media-change', (m) => changes.push(m.audioMuted));
    agent.setAudioMuted(true);
    agent.setVideoMuted(true);
    expect(agent.localStream!.getAudioTracks()[0]!.enabled).to.equal(false);
    expect(agent.localStream!.getVideoTracks()[0]!.enabled).to.equal(false);
    expect(agent.media).to.include({ audioMuted: true, videoMuted: true });
    agent.setAudioMuted(false);
    agent.setVideoMuted(false);
    expect(agent.localStream!.getAudioTracks()[0]!.enabled).to.equal(true);
    expect(changes).to.deep.equal([true, true, false, false]);
  });

  itWithInPageCalls('switches to the back camera without renegotiating, and video keeps rendering', async () => {
    const { agent, customer } = broadcastPair();
    sessions.push(agent, customer);
    await connect(agent, customer);
    const before = customer.localStream!.getVideoTracks()[0]!;
    await customer.switchCamera('environment');
    const after = customer.localStream!.getVideoTracks()[0]!;
    expect(after).to.not.equal(before);
    expect(before.readyState).to.equal('ended');
    expect(customer.media.facingMode).to.equal('environment');
    const sender = customer.peerConnection!.getSenders().find((s) => s.track?.kind === 'video');
    expect(sender?.track).to.equal(after);
    await renderedFrames(agent.remoteStream!);
  });

  it('ends both sides when one hangs up, releasing the camera', async () => {
    const { agent, customer } = broadcastPair();
    sessions.push(agent, customer);
    await connect(agent, customer);
    const remoteEnded = new Promise((resolve) => agent.on('state-change', (c) => c.state === 'ended' && resolve(c.reason)));
    customer.hangUp();
    expect(customer.state).to.equal('ended');
    expect(await remoteEnded).to.equal('remote-hangup');
    expect(agent.localStream!.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  itWithInPageCalls('rebuilds the connection when the peer connection dies', async () => {
    const { agent, customer } = broadcastPair({ recovery: { disconnectedGraceMs: 500 } });
    sessions.push(agent, customer);
    await connect(agent, customer);
    const dead = [agent.peerConnection, customer.peerConnection];
    // close() fires no event; the customer's link notices within a second, the agent's sooner
    // when its data channel closes too, and either way both end up on a new connection.
    customer.peerConnection!.close();
    await until(() => agent.peerConnection && customer.peerConnection && !dead.includes(agent.peerConnection) && !dead.includes(customer.peerConnection), 'a new connection on both sides', 5_000);
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    await renderedFrames(agent.remoteStream!);
    await renderedFrames(customer.remoteStream!);
  });

  it('refuses a second join() with a typed error', async () => {
    const { agent } = broadcastPair();
    sessions.push(agent);
    await agent.join();
    try {
      await agent.join();
      expect.fail('join() twice must throw');
    } catch (error) {
      expect(error).to.be.instanceOf(SealcallError);
      expect((error as SealcallError).code).to.equal('INVALID_STATE');
    }
  });
});
