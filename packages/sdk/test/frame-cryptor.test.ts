import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { encodeHeader } from '@sealcall/sframe';
import { FrameCryptor, type FrameEvents } from '../src/e2ee/worker/frame-cryptor.js';
import type { FrameDropReason } from '../src/e2ee/types.js';
import type { TransformSide } from '../src/e2ee/worker-protocol.js';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const frame = (n = 1200) => random(n).buffer;
/** A VP8 frame: a key frame has a 0 in the lowest bit of its first byte. */
const vp8 = (keyFrame: boolean, n = 1200) => {
  const bytes = random(n);
  bytes[0] = keyFrame ? bytes[0]! & 0xfe : bytes[0]! | 0x01;
  return bytes.buffer;
};

interface Recorded extends FrameEvents {
  drops: FrameDropReason[];
  keyFrames: TransformSide[];
  invalid: number[];
}

function recorder(): Recorded {
  const events: Recorded = {
    drops: [],
    keyFrames: [],
    invalid: [],
    drop: (reason) => events.drops.push(reason),
    decrypted: () => undefined,
    keyFrameNeeded: (side) => events.keyFrames.push(side),
    keyInvalid: (kid) => events.invalid.push(kid),
  };
  return events;
}

const AUDIO = { media: 'audio', codec: 'opaque' } as const;
const VP8 = { media: 'video', codec: 'vp8' } as const;

const options = { suite: 4 as const, graceMs: 1000, ratchetWindow: 8, failureTolerance: 10, probeIntervalMs: 500 };

async function keyedPair(overrides: Partial<typeof options> = {}) {
  const agentKey = random(32);
  const customerKey = random(32);
  const events = { agent: recorder(), customer: recorder() };
  const agent = new FrameCryptor({ ...options, ...overrides }, events.agent);
  const customer = new FrameCryptor({ ...options, ...overrides }, events.customer);
  await agent.setKeys({ sendKid: 0, sendKey: agentKey.slice(), receiveKid: 1, receiveKey: customerKey.slice() });
  await customer.setKeys({ sendKid: 1, sendKey: customerKey.slice(), receiveKid: 0, receiveKey: agentKey.slice() });
  return { agent, customer, events };
}

/** A frame under `kid` that no key produced: a valid header, random ciphertext and tag. */
function forged(kid: number, ctr: number, bytes = 40): ArrayBuffer {
  const header = encodeHeader(kid, ctr);
  const out = new Uint8Array(header.length + bytes);
  out.set(header);
  out.set(random(bytes), header.length);
  return out.buffer;
}

describe('FrameCryptor (the E2EE worker frame path)', () => {
  it('encrypts so that only the other side decrypts, byte for byte', async () => {
    const { agent, customer } = await keyedPair();
    const plain = frame();
    const sealed = (await agent.encrypt(plain, AUDIO))!;
    expect(new Uint8Array(sealed)).to.not.deep.equal(new Uint8Array(plain));
    expect(new Uint8Array((await customer.decrypt(sealed, AUDIO))!)).to.deep.equal(new Uint8Array(plain));
    expect(await agent.decrypt(sealed, AUDIO)).to.equal(undefined);
    expect(customer.stats).to.include({ decrypted: 1 });
    expect(agent.stats.dropped['unknown-key']).to.equal(1);
  });

  it("keeps a VP8 frame's header in the clear and authenticated, and encrypts the rest", async () => {
    const { agent, customer } = await keyedPair();
    for (const [keyFrame, clear] of [[true, 10], [false, 3]] as const) {
      const plain = new Uint8Array(vp8(keyFrame));
      const sealed = new Uint8Array((await agent.encrypt(plain.slice().buffer, VP8))!);
      expect(sealed.subarray(0, clear)).to.deep.equal(plain.subarray(0, clear));
      expect(sealed.subarray(clear, clear + 32)).to.not.deep.equal(plain.subarray(clear, clear + 32));
      const altered = sealed.slice();
      altered[1]! ^= 0x40;
      expect(await customer.decrypt(altered.buffer, VP8)).to.equal(undefined);
      expect(new Uint8Array((await customer.decrypt(sealed.slice().buffer, VP8))!)).to.deep.equal(plain);
    }
    expect(customer.stats.dropped['auth-failed']).to.equal(2);
  });

  it('drops every frame while it has no key, rather than sending it in the clear', async () => {
    const events = recorder();
    const cryptor = new FrameCryptor(options, events);
    expect(await cryptor.encrypt(frame(), AUDIO)).to.equal(undefined);
    expect(await cryptor.decrypt(forged(0, 0), AUDIO)).to.equal(undefined);
    expect(cryptor.stats.dropped['no-key']).to.equal(2);
  });

  it('drops and counts tampered, replayed and malformed frames', async () => {
    const { agent, customer } = await keyedPair();
    const sealed = new Uint8Array((await agent.encrypt(frame(), AUDIO))!);
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(await customer.decrypt(flipped.buffer, AUDIO)).to.equal(undefined);
    expect(await customer.decrypt(sealed.slice().buffer, AUDIO)).to.not.equal(undefined);
    expect(await customer.decrypt(sealed.slice().buffer, AUDIO)).to.equal(undefined);
    expect(await customer.decrypt(new Uint8Array([0x7f]).buffer, AUDIO)).to.equal(undefined);
    expect(customer.stats.dropped).to.include({ 'auth-failed': 1, replay: 1, malformed: 1 });
  });

  it('follows the sender through rotations and keeps the old key for the grace period', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { agent, customer } = await keyedPair({ graceMs: 5000 });
      const early = (await agent.encrypt(frame(), AUDIO))!;
      const delayed = (await agent.encrypt(frame(), AUDIO))!;
      expect(await agent.rotate()).to.equal(2);
      expect(await agent.rotate()).to.equal(4);
      expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.not.equal(undefined);
      // KID 2 was passed over: installed too, for frames under it still in flight.
      expect(customer.stats.receiveKids).to.deep.equal([0, 2, 4]);
      expect(await customer.decrypt(early, AUDIO)).to.not.equal(undefined);
      clock.tick(5001);
      expect(customer.stats.receiveKids).to.deep.equal([4]);
      expect(await customer.decrypt(delayed, AUDIO)).to.equal(undefined);
      expect(customer.stats.decrypted).to.equal(2);
      expect(customer.stats.dropped['unknown-key']).to.equal(1);
    } finally {
      clock.restore();
    }
  });

  it('changes no key state for forged frames under any KID ahead, however many', async () => {
    const { agent, customer, events } = await keyedPair();
    const before = customer.stats.receiveKids;
    for (let step = 1; step <= 1000; step++) {
      expect(await customer.decrypt(forged(2 * step, step), AUDIO)).to.equal(undefined);
    }
    for (let i = 0; i < 100; i++) expect(await customer.decrypt(forged(2, 1000 + i), AUDIO)).to.equal(undefined);
    expect(customer.stats.receiveKids).to.deep.equal(before);
    expect(customer.stats.dropped['auth-failed']).to.equal(108);
    expect(customer.stats.dropped['unknown-key']).to.equal(992);
    expect(events.customer.invalid).to.deep.equal([]);
    expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.not.equal(undefined);
    await agent.rotate();
    expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.not.equal(undefined);
    expect(customer.stats.receiveKids).to.deep.equal([0, 2]);
  });

  it('follows rotations when frames under new keys are decrypted side by side (audio and video)', async () => {
    for (let round = 0; round < 20; round++) {
      const { agent, customer } = await keyedPair();
      await agent.rotate();
      const underTwo = [await agent.encrypt(frame(), AUDIO), await agent.encrypt(frame(), AUDIO)];
      await agent.rotate();
      const underFour = await agent.encrypt(frame(), AUDIO);
      const opened = await Promise.all([...underTwo, underFour].map((sealed) => customer.decrypt(sealed!, AUDIO)));
      expect(opened.every((p) => p !== undefined), `round ${round}: every frame decrypts`).to.equal(true);
      expect(customer.stats.dropped['auth-failed'] + customer.stats.dropped['unknown-key']).to.equal(0);
    }
  });

  it('follows at most eight rotations ahead', async () => {
    const { agent, customer } = await keyedPair();
    for (let i = 0; i < 9; i++) await agent.rotate();
    expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.equal(undefined);
    expect(customer.stats.dropped['unknown-key']).to.equal(1);
  });

  it('marks a key invalid after consecutive failures, probes it, and asks for a key frame when frames decrypt again', async () => {
    const { agent, customer, events } = await keyedPair({ failureTolerance: 5, probeIntervalMs: 100 });
    events.customer.keyFrames = [];
    for (let i = 0; i < 5; i++) await customer.decrypt(forged(0, 100 + i), AUDIO);
    expect(events.customer.invalid).to.deep.equal([0]);
    const good = (await agent.encrypt(frame(), AUDIO))!;
    expect(await customer.decrypt(good, AUDIO)).to.equal(undefined);
    expect(customer.stats.dropped['key-invalid']).to.equal(1);
    await new Promise((r) => setTimeout(r, 120));
    expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.not.equal(undefined);
    expect(events.customer.keyFrames).to.deep.equal(['receive']);
    expect(await customer.decrypt((await agent.encrypt(frame(), AUDIO))!, AUDIO)).to.not.equal(undefined);
  });

  it('asks for a key frame after new keys only on a side that dropped video for want of them', async () => {
    const { events } = await keyedPair();
    expect(events.agent.keyFrames).to.deep.equal([]);
    const recorded = recorder();
    const late = new FrameCryptor(options, recorded);
    expect(await late.encrypt(vp8(true), VP8)).to.equal(undefined);
    expect(await late.encrypt(frame(), AUDIO)).to.equal(undefined);
    await late.setKeys({ sendKid: 0, sendKey: random(32), receiveKid: 1, receiveKey: random(32) });
    expect(recorded.keyFrames).to.deep.equal(['send']);
    // A VP8 delta frame (3 clear bytes) under a KID this side has no key for.
    const unknown = new Uint8Array([0x01, 0, 0, ...new Uint8Array(forged(99, 0))]);
    expect(await late.decrypt(unknown.buffer, VP8)).to.equal(undefined);
    expect(late.stats.dropped['unknown-key']).to.equal(1);
    await late.setKeys({ sendKid: 2, sendKey: random(32), receiveKid: 3, receiveKey: random(32) });
    expect(recorded.keyFrames).to.deep.equal(['send', 'receive']);
  });

  it('forgets every key on clear()', async () => {
    const { agent } = await keyedPair();
    agent.clear();
    expect(await agent.encrypt(frame(), AUDIO)).to.equal(undefined);
    expect(agent.stats.dropped['no-key']).to.equal(1);
    expect(agent.stats.receiveKids).to.deep.equal([]);
  });
});
