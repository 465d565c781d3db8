import { expect } from '@esm-bundle/chai';
import { BroadcastChannelSignaling, CallSession, createCallSecret, type SignalingAdapter } from '../src/index.js';
import { e2eeReached, videoFramesDecoded } from './helpers/e2ee.js';
import { agreedWorkers, encryptedLink, tamperingRelay, testWorker, agree } from './helpers/encrypted-link.js';
import { audioFlows, audioSamplesReceived, eventually, renderedFrames, stateReached } from './helpers/media.js';
import { keySwappingRelay } from './helpers/relay.js';
import { randomRoom } from './helpers/server.js';
import { itWithPageTaps } from './helpers/frame-taps.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

async function noFramesRender(stream: MediaStream | undefined, forMs = 3000): Promise<void> {
  expect(stream, 'the remote track arrived').to.be.instanceOf(MediaStream);
  const rendered = await renderedFrames(stream!, 1, forMs).then(() => true, () => false);
  expect(rendered, 'a remote video frame rendered').to.equal(false);
}

describe('end-to-end encrypted calls', () => {
  const { sessions } = cleanUpCalls();

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

  itWithInPageCalls('encrypts every frame: video renders, audio flows, both sides show the same SAS', async () => {
    const { agent, customer } = call();
    const statuses = Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
    await join(agent, customer);
    const [atAgent, atCustomer] = await statuses;
    expect(atAgent.sas).to.deep.equal(atCustomer.sas);
    expect(atAgent).to.include({ verified: false, interference: false, invalidShares: 0 });
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    await Promise.all([audioFlows(agent), audioFlows(customer)]);
    for (const session of [agent, customer]) {
      await eventually(async () => {
        const { encrypted, decrypted } = await session.e2eeStats();
        return encrypted > 50 && decrypted > 50;
      }, `${session.role}'s frames to be encrypted and decrypted`);
      expect((await session.e2eeStats()).dropped['auth-failed']).to.equal(0);
    }
  });

  it('marks the agreement verified once the code was compared', async () => {
    const { agent, customer } = call();
    await join(agent, customer);
    await e2eeReached(agent, 'active');
    agent.confirmSecurityCode();
    expect(agent.e2ee).to.include({ state: 'active', verified: true });
    expect((await e2eeReached(customer, 'active')).verified).to.equal(false);
  });

  itWithInPageCalls('sends nothing when the participants hold different call secrets, and says someone may interfere', async () => {
    const { agent, customer } = call({ agentSecret: createCallSecret(), customerSecret: createCallSecret() });
    const warnings = Promise.all([e2eeReached(agent, (s) => s.interference), e2eeReached(customer, (s) => s.interference)]);
    await join(agent, customer);
    for (const status of await warnings) {
      expect(status.state).to.equal('negotiating');
      expect(status.error?.code).to.equal('E2EE_AUTH_FAILED');
    }
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
    const warnings = Promise.all([e2eeReached(agent, (s) => s.interference), e2eeReached(customer, (s) => s.interference)]);
    await join(agent, customer);
    await warnings;
    expect(relay!.swapped).to.be.greaterThanOrEqual(2);
    await noFramesRender(customer.remoteStream);
    for (const session of [agent, customer]) expect((await session.e2eeStats()).encrypted).to.equal(0);
  });

  it('gives up, and says so, when every new worker crashes at once', async () => {
    const broken = URL.createObjectURL(new Blob(['throw new Error("a broken worker build")'], { type: 'text/javascript' }));
    let started = 0;
    const room = randomRoom();
    const agent = new CallSession({
      signaling: new BroadcastChannelSignaling({ room, role: 'agent' }),
      e2ee: { secret: createCallSecret(), createWorker: () => (started++, new Worker(broken)) },
    });
    sessions.push(agent);
    const errors: string[] = [];
    agent.on('error', ({ error }) => errors.push(error.code));
    await agent.join();
    const failed = await e2eeReached(agent, 'failed');
    expect(failed.error?.code).to.equal('E2EE_WORKER_FAILED');
    expect(failed.error?.message).to.include('4 times within a minute');
    expect(started).to.equal(4);
    expect(errors).to.deep.equal(['E2EE_WORKER_FAILED', 'E2EE_WORKER_FAILED', 'E2EE_WORKER_FAILED', 'E2EE_WORKER_FAILED']);
    expect(agent.problem, 'before waiting for the customer').to.equal('e2ee-failed');
    URL.revokeObjectURL(broken);
  });

  itWithInPageCalls('rotates keys on demand and on a timer while frames keep decoding', async () => {
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

describe('the E2EE frame path under attack (real workers, bare connections)', () => {
  const closers: Array<() => void> = [];
  afterEach(() => closers.splice(0).forEach((close) => close()));

  itWithPageTaps('drops and counts frames a relay flips bits in or replays, and the video carries on', async () => {
    const { agent, customer } = await agreedWorkers();
    const link = await encryptedLink({ sender: agent.client, receiver: customer.client, relay: tamperingRelay({ flipEvery: 25, replayEvery: 10 }) });
    closers.push(() => link.pcs.forEach((pc) => pc.close()), () => agent.client.terminate(), () => customer.client.terminate());
    await renderedFrames(link.remote, 30, 20_000);
    const stats = await customer.client.stats();
    expect(stats.dropped['auth-failed']).to.be.greaterThan(0);
    expect(stats.dropped.replay).to.be.greaterThan(0);
    expect(stats.decrypted).to.be.greaterThan(stats.dropped['auth-failed']);
  });

  itWithInPageCalls('gives up on a wrong key after the tolerance, says so, and recovers with a new key', async () => {
    const secret = createCallSecret();
    const sender = await testWorker('agent', secret);
    const [partner, receiver, receiverPartner] = await Promise.all([testWorker('customer', secret), testWorker('customer', secret), testWorker('agent', secret)]);
    await agree(sender, partner);
    await agree(receiverPartner, receiver);
    const link = await encryptedLink({ sender: sender.client, receiver: receiver.client });
    closers.push(() => link.pcs.forEach((pc) => pc.close()), ...[sender, partner, receiver, receiverPartner].map((w) => () => w.client.terminate()));
    await eventually(() => receiver.events.some((e) => e.kind === 'key-invalid'), 'the wrong key to be marked invalid');
    await noFramesRender(link.remote, 1500);
    let stats = await receiver.client.stats();
    expect(stats.decrypted).to.equal(0);
    // 10 tries to mark the key invalid, then one probe every 500 ms: most frames are never tried.
    expect(stats.dropped['auth-failed']).to.be.within(10, 20);
    expect(stats.dropped['key-invalid']).to.be.greaterThan(stats.dropped['auth-failed']);
    expect(await videoFramesDecoded(link.pcs[1])).to.equal(0);

    // The receiver's page reloads into the sender's call: a new agreement, and video.
    await agree(sender, receiver);
    await renderedFrames(link.remote, 10, 15_000);
    stats = await receiver.client.stats();
    expect(stats.decrypted).to.be.greaterThan(0);
  });
});
