import { expect } from '@esm-bundle/chai';
import { BroadcastChannelSignaling, CallSession, createCallSecret, type E2EEStatus, type SignalingAdapter } from '../src/index.js';
import { encryptedLink, randomKey, tamperingRelay } from './helpers/encrypted-link.js';
import { audioFlows, audioSamplesReceived, eventually, renderedFrames, stateReached } from './helpers/media.js';
import { keySwappingRelay } from './helpers/relay.js';
import { randomRoom } from './helpers/server.js';

function e2eeReached(session: CallSession, state: E2EEStatus['state']): Promise<E2EEStatus> {
  if (session.e2ee?.state === state) return Promise.resolve(session.e2ee);
  return new Promise((resolve) => {
    const off = session.on('e2ee-change', (status) => {
      if (status.state !== state) return;
      off();
      resolve(status);
    });
  });
}

async function noFramesRender(stream: MediaStream | undefined, forMs = 3000): Promise<void> {
  expect(stream, 'the remote track arrived').to.be.instanceOf(MediaStream);
  const rendered = await renderedFrames(stream!, 1, forMs).then(() => true, () => false);
  expect(rendered, 'a remote video frame rendered').to.equal(false);
}

describe('end-to-end encrypted calls', () => {
  const sessions: CallSession[] = [];
  afterEach(() => sessions.splice(0).forEach((s) => s.hangUp()));

  function call(options: { agentSecret?: Uint8Array; customerSecret?: Uint8Array; wrap?: (a: SignalingAdapter) => SignalingAdapter; rotationIntervalMs?: number } = {}) {
    const room = randomRoom();
    const secret = createCallSecret();
    const wrap = options.wrap ?? ((a: SignalingAdapter) => a);
    const agent = new CallSession({
      signaling: new BroadcastChannelSignaling({ room, role: 'agent' }),
      e2ee: { secret: options.agentSecret ?? secret, rotationIntervalMs: options.rotationIntervalMs },
    });
    const customer = new CallSession({
      signaling: wrap(new BroadcastChannelSignaling({ room, role: 'customer' })),
      e2ee: { secret: options.customerSecret ?? secret, rotationIntervalMs: options.rotationIntervalMs },
      consent: false,
    });
    sessions.push(agent, customer);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    return { agent, customer };
  }

  async function join(agent: CallSession, customer: CallSession): Promise<void> {
    await agent.join();
    await customer.join();
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
  }

  it('encrypts every frame: video renders, audio flows, both sides show the same SAS', async () => {
    const { agent, customer } = call();
    const statuses = Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
    await join(agent, customer);
    const [atAgent, atCustomer] = await statuses;
    expect(atAgent.sas).to.deep.equal(atCustomer.sas);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    await Promise.all([audioFlows(agent), audioFlows(customer)]);
    for (const session of [agent, customer]) {
      const stats = await session.e2eeStats();
      expect(stats.encrypted, `${session.role} encrypted`).to.be.greaterThan(50);
      expect(stats.decrypted, `${session.role} decrypted`).to.be.greaterThan(50);
      expect(stats.dropped['auth-failed']).to.equal(0);
    }
  });

  it('shows nothing when the participants hold different call secrets, and says why', async () => {
    const { agent, customer } = call({ agentSecret: createCallSecret(), customerSecret: createCallSecret() });
    const failures = Promise.all([e2eeReached(agent, 'failed'), e2eeReached(customer, 'failed')]);
    await join(agent, customer);
    for (const status of await failures) expect(status.error?.code).to.equal('E2EE_AUTH_FAILED');
    await noFramesRender(customer.remoteStream);
    await noFramesRender(agent.remoteStream);
    expect(await audioSamplesReceived(customer.peerConnection)).to.equal(0);
    for (const session of [agent, customer]) {
      const stats = await session.e2eeStats();
      expect(stats.encrypted).to.equal(0);
      expect(stats.decrypted).to.equal(0);
      expect(stats.dropped['no-key']).to.be.greaterThan(0);
    }
  });

  it('detects a relay that swaps the X25519 keys on signaling, and installs no media key', async () => {
    let relay: ReturnType<typeof keySwappingRelay> | undefined;
    const { agent, customer } = call({ wrap: (inner) => (relay = keySwappingRelay(inner)) });
    const failures = Promise.all([e2eeReached(agent, 'failed'), e2eeReached(customer, 'failed')]);
    await join(agent, customer);
    for (const status of await failures) expect(status.error?.code).to.equal('E2EE_AUTH_FAILED');
    expect(relay!.swapped).to.equal(2);
    await noFramesRender(customer.remoteStream);
    for (const session of [agent, customer]) expect((await session.e2eeStats()).encrypted).to.equal(0);
  });

  it('rotates keys on demand and on a timer while frames keep decoding', async () => {
    const { agent, customer } = call({ rotationIntervalMs: 1500 });
    const active = Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
    await join(agent, customer);
    await active;
    const firstKid = agent.e2ee!.sendKid!;
    await agent.rotateKeys();
    expect(agent.e2ee!.sendKid).to.equal(firstKid + 2);
    await eventually(() => (agent.e2ee!.sendKid ?? 0) >= firstKid + 4 && (customer.e2ee!.sendKid ?? 0) >= 3, 'timed rotations on both sides');
    const before = (await customer.e2eeStats()).decrypted;
    await Promise.all([renderedFrames(customer.remoteStream!), renderedFrames(agent.remoteStream!)]);
    const stats = await customer.e2eeStats();
    expect(stats.decrypted).to.be.greaterThan(before);
    expect(stats.dropped['auth-failed'] + stats.dropped['unknown-key']).to.equal(0);
  });
});

describe('the E2EE frame path under attack', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it('drops and counts frames a relay flips bits in or replays, and the video carries on', async () => {
    const [k1, k2] = [randomKey(), randomKey()];
    const link = await encryptedLink({
      senderKeys: { sendKid: 0, sendKey: k1.slice(), receiveKid: 1, receiveKey: k2.slice() },
      receiverKeys: { sendKid: 1, sendKey: k2.slice(), receiveKid: 0, receiveKey: k1.slice() },
      relay: tamperingRelay({ flipEvery: 25, replayEvery: 10 }),
    });
    closers.push(() => link.pcs.forEach((pc) => pc.close()), () => link.sender.terminate(), () => link.receiver.terminate());
    await renderedFrames(link.remote, 30, 20_000);
    const stats = await link.receiver.stats();
    expect(stats.dropped['auth-failed']).to.be.greaterThan(0);
    expect(stats.dropped.replay).to.be.greaterThan(0);
    expect(stats.decrypted).to.be.greaterThan(stats.dropped['auth-failed']);
  });

  it('shows nothing to a receiver with the wrong key', async () => {
    const [k1, k2] = [randomKey(), randomKey()];
    const link = await encryptedLink({
      senderKeys: { sendKid: 0, sendKey: k1.slice(), receiveKid: 1, receiveKey: k2.slice() },
      receiverKeys: { sendKid: 1, sendKey: k2.slice(), receiveKid: 0, receiveKey: randomKey() },
    });
    closers.push(() => link.pcs.forEach((pc) => pc.close()), () => link.sender.terminate(), () => link.receiver.terminate());
    await noFramesRender(link.remote);
    const stats = await link.receiver.stats();
    expect(stats.decrypted).to.equal(0);
    expect(stats.dropped['auth-failed']).to.be.greaterThan(10);
    let framesDecoded = 0;
    (await link.pcs[1]!.getStats()).forEach((r: { type: string; framesDecoded?: number }) => {
      if (r.type === 'inbound-rtp') framesDecoded += r.framesDecoded ?? 0;
    });
    expect(framesDecoded).to.equal(0);
  });
});
