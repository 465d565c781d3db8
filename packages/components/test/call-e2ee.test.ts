import { expect } from '@esm-bundle/chai';
import { createCallSecret, type PeerMessage, type SignalingAdapter } from '@sealcall/sdk';
import { itWithPageTaps, sframeHeaderOf, tapEncodedStreams } from '../../sdk/test/helpers/frame-taps.js';
import { interceptingAdapter } from '../../sdk/test/helpers/relay.js';
import type { SealCall } from '../src/index.js';
import { expectAccessible } from './helpers/axe.js';
import { findButton, joinBoth, mount, pressOn } from './helpers/call-element.js';
import { until } from '../../sdk/test/helpers/until.js';
import { itWithInPageCalls } from '../../sdk/test/helpers/in-page-calls.js';
import { cleanUpCalls } from '../../sdk/test/helpers/clean-up-calls.js';

const text = (element: SealCall, part: string) => [...element.shadowRoot!.querySelectorAll(`[part~="${part}"]`)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());

/** A signaling path that sends every ICE candidate of this side to an address where nobody listens. */
function unreachable(inner: SignalingAdapter): SignalingAdapter {
  const mangle = (m: PeerMessage): PeerMessage =>
    m.kind === 'candidate' ? { ...m, candidate: { ...m.candidate, candidate: m.candidate.candidate.replace(/ (\S+) (\d+) typ /, ' 127.0.0.2 $2 typ ') } } : m;
  return interceptingAdapter(inner, { send: (message) => [mangle(message)] });
}

describe('<seal-call> and the state of the encryption', () => {
  const { sessions } = cleanUpCalls({ remove: 'seal-call' });

  itWithInPageCalls('lets the participants confirm the security code, and says when it changed', async function () {
    this.timeout(60_000);
    const room = `el-${crypto.randomUUID()}`;
    const workers: Worker[] = [];
    // A replacement worker takes 1.5 s to start, so that re-securing lasts long enough to be seen.
    const createWorker = () => {
      const worker = new Worker(new URL('../../sdk/src/e2ee/e2ee-worker.js', import.meta.url), { type: 'module' });
      if (workers.push(worker) > 2) {
        const post = worker.postMessage.bind(worker) as (...args: unknown[]) => void;
        const ready = performance.now() + 1500;
        worker.postMessage = (...args: unknown[]) => void setTimeout(() => post(...args), Math.max(0, ready - performance.now()));
      }
      return worker;
    };
    const e2ee = { createWorker, workerTimeoutMs: 2500 };
    const agent = mount('agent', room, { e2ee });
    const customer = mount('customer', room, { e2ee });
    sessions.push(agent.session, customer.session);
    await joinBoth(agent.element, customer.element);
    await until(() => agent.session.e2ee?.state === 'active', 'the keys', 20_000);

    await pressOn(agent.element, 'The codes match');
    await until(() => text(agent.element, 'e2ee')[0]?.includes('Security code compared'), 'the confirmation');
    expect(agent.session.e2ee?.verified).to.equal(true);
    expect(findButton(agent.element, 'The codes match')).to.equal(undefined);
    expect(findButton(customer.element, 'The codes match')).to.not.equal(undefined);
    await expectAccessible(agent.element, 'a confirmed code');

    // The customer's encryption worker dies: both sides secure the call again, with a new code.
    workers[1]!.terminate();
    await until(() => text(customer.element, 'e2ee')[0]?.startsWith('Securing the call again'), 're-securing at the customer', 20_000);
    await expectAccessible(customer.element, 're-securing');
    await until(() => text(agent.element, 'e2ee-warning').includes('The security code changed: compare it again.'), 'the changed-code warning', 30_000);
    expect(agent.element.shadowRoot!.querySelector('[part~="e2ee-warning"]')!.getAttribute('role')).to.equal('alert');
    expect(findButton(agent.element, 'The codes match')).to.not.equal(undefined);
    await expectAccessible(agent.element, 'a changed code');
    await pressOn(agent.element, 'The codes match');
    await until(() => text(agent.element, 'e2ee-warning').length === 0, 'the warning to go');
  });

  itWithInPageCalls('warns both participants when the key agreement cannot be authenticated', async () => {
    const room = `el-${crypto.randomUUID()}`;
    const agent = mount('agent', room, { secret: createCallSecret() });
    const customer = mount('customer', room, { secret: createCallSecret() });
    sessions.push(agent.session, customer.session);
    await joinBoth(agent.element, customer.element);
    for (const { element } of [agent, customer]) {
      await until(() => text(element, 'e2ee-warning')[0]?.startsWith('The other participant could not be verified'), 'the interference warning');
      expect(text(element, 'e2ee')[0]).to.equal('Securing the call…');
      await expectAccessible(element, 'interference');
    }
  });

  itWithPageTaps('warns while many incoming frames fail authentication, and stops when they no longer do', async function () {
    this.timeout(60_000);
    let tampering = false;
    let frames = 0;
    const undo = tapEncodedStreams(RTCRtpReceiver, (kind) =>
      new TransformStream({
        transform(frame, controller) {
          const bytes = new Uint8Array(frame.data);
          const header = sframeHeaderOf(kind, bytes);
          // The agent's frames (even KIDs), every other one with its last byte flipped.
          if (tampering && typeof header !== 'string' && header.kid % 2 === 0 && frames++ % 2 === 0) {
            bytes[bytes.length - 1]! ^= 1;
            frame.data = bytes.buffer;
          }
          controller.enqueue(frame);
        },
      }),
    );
    try {
      const room = `el-${crypto.randomUUID()}`;
      const agent = mount('agent', room);
      const customer = mount('customer', room);
      sessions.push(agent.session, customer.session);
      await joinBoth(agent.element, customer.element);
      await until(() => customer.session.e2ee?.state === 'active', 'keys');
      tampering = true;
      const warning = 'Video or sound is being altered on the way: someone may be tampering with the connection.';
      await until(() => text(customer.element, 'e2ee-warning').includes(warning), 'the tampering warning', 10_000);
      await expectAccessible(customer.element, 'tampering');
      expect(text(agent.element, 'e2ee-warning')).to.deep.equal([]);
      tampering = false;
      await until(() => !text(customer.element, 'e2ee-warning').includes(warning), 'the warning to clear', 10_000);
    } finally {
      undo();
    }
  });

  it('says so in words, with a way to rejoin, when the connection could not be restored (peer unreachable)', async function () {
    this.timeout(60_000);
    const room = `el-${crypto.randomUUID()}`;
    const recovery = { attemptTimeoutMs: 1500, maxAttempts: 2, backoff: { initialDelayMs: 100, maxDelayMs: 200 } };
    const agent = mount('agent', room, { recovery, wrap: unreachable });
    const customer = mount('customer', room, { recovery, wrap: unreachable });
    sessions.push(agent.session, customer.session);
    await pressOn(agent.element, 'Join call');
    await pressOn(customer.element, 'Join call');
    await pressOn(agent.element, 'Admit');
    const words = {
      agent: "Your device could not connect to the customer’s: a network may block video calls. Rejoin; if it happens again, your IT team may need to add a relay (TURN) server.",
      customer: "Your device could not connect to your claims handler’s: the network may block video calls. Try another network, such as mobile data, then rejoin.",
    };
    const failed = () => [agent, customer].filter(({ element, session }) => text(element, 'problem')[0]?.startsWith(words[session.role]));
    await until(() => failed().length > 0, 'connection-failed, in words', 40_000);
    for (const { element } of failed()) expect(text(element, 'problem-action')).to.deep.equal(['Rejoin the call']);
    for (const { element } of [agent, customer]) await expectAccessible(element, 'an ended call');
  });
});
