import { expect } from '@esm-bundle/chai';
import { createCallSecret } from '../src/index.js';
import { agree, testWorker, type TestWorker } from './helpers/encrypted-link.js';
import { eventually } from './helpers/media.js';

interface Frame {
  data: ArrayBuffer;
}

/**
 * A sender worker and a receiver worker joined by a "wire" the test can read, carrying
 * synthetic frames (the worker treats them like audio frames): the spirit of LiveKit's
 * FrameCryptor race tests, through the real workers and their real message ports.
 */
async function path(sender: TestWorker, receiver: TestWorker) {
  let source!: ReadableStreamDefaultController<Frame>;
  const input = new ReadableStream<Frame>({ start: (c) => void (source = c) });
  const wire: Uint8Array[] = [];
  const output: Uint8Array[] = [];
  const wireTap = new TransformStream<Frame, Frame>({
    transform(frame, controller) {
      wire.push(new Uint8Array(frame.data).slice());
      controller.enqueue(frame);
    },
  });
  const sink = new WritableStream<Frame>({ write: (frame) => void output.push(new Uint8Array(frame.data)) });
  await sender.client.attachStreams('send', 'audio', input, wireTap.writable);
  await receiver.client.attachStreams('receive', 'audio', wireTap.readable, sink);
  let sent = 0;
  const plaintexts = new Set<string>();
  return {
    wire,
    output,
    plaintexts,
    /** Sends `count` distinct frames. */
    send(count: number) {
      for (let i = 0; i < count; i++) {
        const bytes = new Uint8Array(120);
        new DataView(bytes.buffer).setUint32(0, ++sent);
        crypto.getRandomValues(bytes.subarray(4));
        plaintexts.add(bytes.join());
        source.enqueue({ data: bytes.buffer });
      }
    },
    get sent() {
      return sent;
    },
  };
}

async function pair() {
  const secret = createCallSecret();
  const [agent, customer] = await Promise.all([testWorker('agent', secret), testWorker('customer', secret)]);
  return { secret, agent, customer, route: await path(agent, customer) };
}

/** Nothing that left the sender is a plaintext, and nothing the receiver output is not one. */
function expectNoLeak(route: Awaited<ReturnType<typeof path>>): void {
  for (const frame of route.wire) expect(route.plaintexts.has(frame.join()), 'a plaintext frame on the wire').to.equal(false);
  for (const frame of route.output) expect(route.plaintexts.has(frame.join()), 'the receiver output something that was never sent').to.equal(true);
}

describe('E2EE races (real workers, synthetic frames)', () => {
  const workers: TestWorker[] = [];
  afterEach(() => workers.splice(0).forEach((w) => w.client.terminate()));

  it('key before track: every frame decrypts from the first', async () => {
    const { agent, customer, secret } = await pair();
    workers.push(agent, customer);
    await agree(agent, customer);
    const late = await path(agent, customer);
    late.send(50);
    await eventually(() => late.output.length === 50, 'all 50 frames');
    expectNoLeak(late);
    expect(secret).to.have.length(32);
  });

  it('track before key: nothing leaves until the keys are agreed, then everything decrypts', async () => {
    const { agent, customer, route } = await pair();
    workers.push(agent, customer);
    route.send(30);
    await eventually(async () => (await agent.client.stats()).dropped['no-key'] === 30, 'the keyless frames to be dropped');
    expect(route.wire).to.have.length(0);
    await agree(agent, customer);
    route.send(30);
    await eventually(() => route.output.length === 30, 'the 30 frames after the agreement');
    expectNoLeak(route);
  });

  it('new keys mid-stream: frames in flight decrypt or drop, never leak, and the new keys carry on', async () => {
    const { agent, customer, route } = await pair();
    workers.push(agent, customer);
    await agree(agent, customer);
    route.send(40);
    const replacement = await testWorker('customer', createCallSecret());
    workers.push(replacement);
    // The customer's seat changes hands while 40 frames are in flight; then the old customer comes back.
    await Promise.all([agree(agent, replacement).catch(() => undefined), Promise.resolve(route.send(40))]);
    await agree(agent, customer);
    route.send(40);
    await eventually(() => route.output.length >= 80, 'frames under the first and the last agreement');
    // Every frame that reached the receiver was decrypted or dropped, none lost in the worker.
    const processed = async () => {
      const stats = await customer.client.stats();
      return stats.decrypted + Object.values(stats.dropped).reduce((a, b) => a + b, 0);
    };
    await eventually(async () => (await processed()) === route.wire.length, 'the receiver to account for every frame on the wire');
    expectNoLeak(route);
  });

  it('the peer leaves during an active transform: nothing more leaves the sender', async () => {
    const { agent, customer, route } = await pair();
    workers.push(agent, customer);
    await agree(agent, customer);
    route.send(20);
    await eventually(() => route.output.length === 20, 'the first 20 frames');
    await agent.client.forget();
    const onWire = route.wire.length;
    route.send(20);
    await eventually(async () => (await agent.client.stats()).dropped['no-key'] === 20, 'the frames after leaving to be dropped');
    expect(route.wire.length).to.equal(onWire);
    expectNoLeak(route);
  });

  it('rapid leave and rejoin during a transform: ten new agreements in a row, then video as usual', async function () {
    this.timeout(60_000);
    const { agent, customer, route } = await pair();
    workers.push(agent, customer);
    for (let round = 0; round < 10; round++) {
      route.send(5);
      await Promise.all([agent.client.forget(), customer.client.forget()]);
      route.send(5);
      const statuses = await agree(agent, customer);
      expect(statuses.agent.sas).to.deep.equal(statuses.customer.sas);
    }
    const first = route.sent + 1;
    route.send(30);
    const received = () => new Set(route.output.map((frame) => new DataView(frame.buffer, frame.byteOffset).getUint32(0)));
    await eventually(() => Array.from({ length: 30 }, (_, i) => first + i).every((n) => received().has(n)), 'the 30 frames after the last agreement');
    expectNoLeak(route);
    expect((await agent.client.stats()).sendKid).to.equal(18);
  });
});
