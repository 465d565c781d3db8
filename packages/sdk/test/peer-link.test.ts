import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { MAX_REMOTE_CANDIDATES, MAX_RENEGOTIATIONS, PeerLink } from '../src/call/peer-link.js';
import type { PeerMessage } from '../src/signaling/peer-message.js';
import { until } from './helpers/until.js';

// Two bare PeerLinks in one page, wired to each other: what a hostile peer or relay can make a
// connection spend is bounded.

async function connectedPair() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  const agent = new PeerLink({ generation: 1, initiator: true, stream, iceServers: [] });
  const customer = new PeerLink({ generation: 1, initiator: false, stream, iceServers: [] });
  const offers: PeerMessage[] = [];
  agent.on('signal', (message) => {
    if (message.kind === 'description' && message.description.type === 'offer') offers.push(message);
    customer.receive(message);
  });
  customer.on('signal', (message) => agent.receive(message));
  await until(() => agent.iceConnected && customer.iceConnected, 'both links connected', 20_000);
  const close = () => {
    agent.destroy();
    customer.destroy();
    for (const track of stream.getTracks()) track.stop();
  };
  return { agent, customer, offers, close };
}

function fakeCandidate(n: number): PeerMessage {
  const port = 10_000 + n;
  return {
    kind: 'candidate',
    generation: 1,
    candidate: { candidate: `candidate:${n} 1 udp 2122260223 127.0.0.1 ${port} typ host`, sdpMid: '0', sdpMLineIndex: 0 },
  };
}

describe('PeerLink limits', () => {
  it(`takes at most ${MAX_REMOTE_CANDIDATES} ICE candidates from the other side`, async () => {
    const { customer, close } = await connectedPair();
    try {
      const added = sinon.spy(customer.connection, 'addIceCandidate');
      for (let n = 0; n < 4 * MAX_REMOTE_CANDIDATES; n++) customer.receive(fakeCandidate(n));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(added.callCount).to.be.greaterThan(MAX_REMOTE_CANDIDATES / 2, 'candidates are taken up to the limit');
      expect(added.callCount).to.be.at.most(MAX_REMOTE_CANDIDATES);
      expect(customer.iceConnected).to.equal(true);
    } finally {
      close();
    }
  });

  it(`renegotiates at most ${MAX_RENEGOTIATIONS} times however often it is asked`, async function () {
    this.timeout(60_000);
    const { agent, customer, offers, close } = await connectedPair();
    try {
      const first = offers.length;
      for (let n = 0; n < MAX_RENEGOTIATIONS + 8; n++) {
        const before = offers.length;
        agent.receive({ kind: 'renegotiate', generation: 1 });
        if (n < MAX_RENEGOTIATIONS) await until(() => offers.length > before, `offer ${n + 1}`, 5000);
        await until(() => agent.connection.signalingState === 'stable', 'the offer answered', 5000);
        if (n >= MAX_RENEGOTIATIONS) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(offers.length - first).to.equal(MAX_RENEGOTIATIONS);
      expect([agent.iceConnected, customer.iceConnected]).to.deep.equal([true, true]);
    } finally {
      close();
    }
  });
});
