import { expect } from '@esm-bundle/chai';
import { encodeHeader, SFrameContext } from '@sealcall/sframe';
import { BroadcastChannelSignaling, CallSession, createCallSecret, WebSocketSignaling, type E2EEOptions, type PeerMessage, type Role } from '../src/index.js';
import { e2eeReached } from './helpers/e2ee.js';
import { itWithPageTaps, sframeHeaderOf, tapEncodedStreams } from './helpers/frame-taps.js';
import { eventually, renderedFrames, stateReached } from './helpers/media.js';
import { interceptingAdapter, type Interception, type InterceptingAdapter } from './helpers/relay.js';
import { randomRoom, roomToken, serverUrl } from './helpers/server.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

interface Call {
  agent: CallSession;
  customer: CallSession;
  adapters: Record<Role, InterceptingAdapter>;
}

function call(options: { e2ee?: Partial<E2EEOptions>; interception?: (role: Role) => Interception; secret?: Uint8Array } = {}): Call {
  const room = randomRoom();
  const secret = options.secret ?? createCallSecret();
  const adapters = {} as Record<Role, InterceptingAdapter>;
  const session = (role: Role) =>
    new CallSession({
      signaling: (adapters[role] = interceptingAdapter(new BroadcastChannelSignaling({ room, role }), options.interception?.(role) ?? {})),
      e2ee: { secret, ...options.e2ee },
      ...(role === 'customer' ? { consent: false as const } : {}),
    });
  const agent = session('agent');
  const customer = session('customer');
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  return { agent, customer, adapters };
}

async function secured({ agent, customer }: Pick<Call, 'agent' | 'customer'>): Promise<void> {
  if (agent.state === 'idle') await agent.join();
  await customer.join();
  await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
  await Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
  expect(agent.e2ee!.sas).to.deep.equal(customer.e2ee!.sas);
}

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('E2EE hardening, through the real worker in real calls', () => {
  const { sessions, undo } = cleanUpCalls();

  itWithPageTaps('changes no key for forged frames under KID + 2 … KID + 2000, and the video keeps decoding', async function () {
    this.timeout(60_000);
    let forged = 0;
    let injecting = false;
    undo.push(
      tapEncodedStreams(RTCRtpReceiver, (kind) =>
        new TransformStream({
          transform(frame, controller) {
            controller.enqueue(frame);
            if (!injecting || kind !== 'video' || forged >= 2000) return;
            const bytes = new Uint8Array(frame.data);
            const header = sframeHeaderOf(kind, bytes);
            // Both sessions run in this page: only the customer's receivers (the agent's KIDs are even).
            if (typeof header === 'string' || header.kid % 2 !== 0) return;
            // Forged frames after each real one: the real frame's clear header, a KID ahead, garbage.
            for (let i = 0; i < 4; i++) {
              forged++;
              const kid = header.kid + 2 * forged;
              const sframe = encodeHeader(kid, forged);
              const data = new Uint8Array(header.clear + sframe.length + 40);
              data.set(bytes.subarray(0, header.clear));
              data.set(sframe, header.clear);
              data.set(random(40), header.clear + sframe.length);
              const copy = new (RTCEncodedVideoFrame as unknown as new (original: unknown) => RTCEncodedVideoFrame)(frame);
              copy.data = data.buffer;
              controller.enqueue(copy);
            }
          },
        }),
      ),
    );
    const c = call();
    sessions.push(c.agent, c.customer);
    const errors: string[] = [];
    c.customer.on('error', ({ error }) => errors.push(error.code));
    await secured(c);
    const before = await c.customer.e2eeStats();
    injecting = true;
    await eventually(() => forged >= 2000, '2000 forged frames', 40_000);
    const refused = async () => {
      const { dropped } = await c.customer.e2eeStats();
      return dropped['auth-failed'] + dropped['unknown-key'] - before.dropped['auth-failed'] - before.dropped['unknown-key'];
    };
    await eventually(async () => (await refused()) >= 2000, 'the worker to refuse all 2000', 20_000);
    await renderedFrames(c.customer.remoteStream!, 20);
    const after = await c.customer.e2eeStats();
    expect(after.receiveKids).to.deep.equal(before.receiveKids);
    // KID + 2 … KID + 16 are tried on the side, with derived keys; the rest are unknown.
    expect(after.dropped['auth-failed'] - before.dropped['auth-failed']).to.equal(8);
    expect(after.dropped['unknown-key'] - before.dropped['unknown-key']).to.equal(1992);
    expect(after.dropped['key-invalid']).to.equal(0);
    expect(errors).to.deep.equal([]);
    // A real rotation still goes through.
    await c.agent.rotateKeys();
    await renderedFrames(c.customer.remoteStream!, 10);
    await eventually(async () => (await c.customer.e2eeStats()).receiveKids.includes(2), 'the customer to follow the rotation');
  });

  itWithPageTaps('shows a page script that hooks postMessage, Worker, crypto.subtle and console no key that decrypts the media', async function () {
    this.timeout(60_000);
    const seen: unknown[] = [];
    const subtleCalls: string[] = [];
    const tapped: Uint8Array[] = [];
    undo.push(...hookThePage(seen, subtleCalls));
    undo.push(
      tapEncodedStreams(RTCRtpReceiver, (kind) =>
        new TransformStream({
          transform(frame, controller) {
            if (kind === 'audio' && tapped.length < 20) tapped.push(new Uint8Array(frame.data).slice());
            controller.enqueue(frame);
          },
        }),
      ),
    );
    const c = call();
    sessions.push(c.agent, c.customer);
    await secured(c);
    await eventually(() => tapped.length >= 20, '20 encrypted audio frames');
    expect(subtleCalls.filter((name) => /X25519|HKDF|AES|HMAC/.test(name)), 'key agreement or frame crypto on the main thread').to.deep.equal([]);
    undo.splice(0).forEach((u) => u());
    const candidates = keyCandidates(seen);
    expect(candidates.length, 'the hooks saw the call secret, nonces, public keys and MACs').to.be.greaterThan(4);
    expect(await decryptsAny(candidates, tapped)).to.equal(false);

    // The same search finds a key that is there: the check can fail.
    const key = random(32);
    const context = new SFrameContext({ suite: 4 });
    await context.setSendKey(0, key);
    expect(await decryptsAny([...candidates, key], [await context.encrypt(random(60))])).to.equal(true);
  });

  itWithInPageCalls('agrees keys with the real peer despite garbage, injected and replayed key shares on signaling', async function () {
    this.timeout(60_000);
    const secret = createCallSecret();
    const earlier = call({ secret });
    sessions.push(earlier.agent, earlier.customer);
    await secured(earlier);
    const recorded = earlier.adapters.customer.received.filter((m) => m.kind === 'e2ee-hello' || m.kind === 'e2ee-key');
    earlier.agent.hangUp();
    earlier.customer.hangUp();

    const intruder = createCallSecret();
    const garbage: PeerMessage[] = [
      { kind: 'e2ee-hello', generation: 0, nonce: 'A'.repeat(43), mac: 'B'.repeat(43) },
      { kind: 'e2ee-key', generation: 0, publicKey: 'C'.repeat(43), kid: 0, nonce: 'D'.repeat(43), peerNonce: 'E'.repeat(43), mac: 'F'.repeat(43) },
    ];
    let injected = false;
    const hostile: Interception = {
      receive: (message) => {
        if (injected || (message.kind !== 'e2ee-hello' && message.kind !== 'e2ee-key')) return [message];
        injected = true;
        return [...garbage, ...recorded, message];
      },
    };
    const c = call({ secret, interception: (role) => (role === 'customer' ? hostile : {}) });
    sessions.push(c.agent, c.customer);
    await secured(c);
    expect(intruder).to.not.deep.equal(secret);
    expect(c.customer.e2ee).to.include({ state: 'active', interference: true });
    expect(c.customer.e2ee!.invalidShares).to.be.greaterThanOrEqual(3);
    await Promise.all([renderedFrames(c.agent.remoteStream!), renderedFrames(c.customer.remoteStream!)]);
  });

  itWithInPageCalls('replaces a terminated worker: re-securing, new keys, a key-frame request, video again', async function () {
    this.timeout(90_000);
    const c = await restartedCall(sessions);
    expect(c.customer.e2ee!.sendKid).to.be.greaterThan(c.before.sendKid!);
    expect(c.customer.e2ee!.sas).to.not.deep.equal(c.before.sas);
    expect(c.customer.e2ee!.verified).to.equal(false);
    expect(c.workers).to.have.length(3);
    expect(c.states).to.include('re-securing');
    // With encoded streams the request is a signaling message. The standard transform's
    // sendKeyFrameRequest() goes in RTCP, where Firefox's own decoder asks too (4 PLIs without
    // it, 5 with it, in Firefox 153): this shows requests reach the sender, not whose they were.
    if (c.customer.peerConnection && (c.customer.peerConnection.getConfiguration() as { encodedInsertableStreams?: boolean }).encodedInsertableStreams) {
      expect(c.adapters.customer.sent.some((m) => m.kind === 'key-frame-request'), 'a key-frame request').to.equal(true);
    } else {
      let requests = 0;
      (await c.agent.peerConnection!.getStats()).forEach((r: { type: string; kind?: string; firCount?: number; pliCount?: number }) => {
        if (r.type === 'outbound-rtp' && r.kind === 'video') requests += (r.firCount ?? 0) + (r.pliCount ?? 0);
      });
      expect(requests, 'key-frame requests over RTCP').to.be.greaterThan(0);
    }
  });

  itWithPageTaps('sends not one unencrypted frame across a worker restart', async function () {
    this.timeout(90_000);
    const wire: Array<{ kind: 'audio' | 'video'; head: Uint8Array; length: number }> = [];
    undo.push(
      tapEncodedStreams(RTCRtpSender, (kind) =>
        new TransformStream({
          transform(frame, controller) {
            if (wire.length < 20_000) wire.push({ kind, head: new Uint8Array(frame.data).slice(0, 32), length: frame.data.byteLength });
            controller.enqueue(frame);
          },
        }),
      ),
    );
    const { sendKids } = await restartedCall(sessions);
    expect(wire.length).to.be.greaterThan(100);
    const counters = new Map<string, bigint>();
    for (const { kind, head, length } of wire) {
      const header = sframeHeaderOf(kind, head, length);
      if (typeof header === 'string') throw new Error(`A ${kind} frame on the wire is not an SFrame: ${header}`);
      expect(sendKids.has(header.kid), `KID ${header.kid} is one the sessions announced`).to.equal(true);
      const last = counters.get(`${kind}/${header.kid}`);
      if (last !== undefined) expect(header.ctr > last, 'counters only move forward').to.equal(true);
      counters.set(`${kind}/${header.kid}`, header.ctr);
    }
  });
});

describe('rekeying when the seat changes hands (reference server)', () => {
  const { sessions } = cleanUpCalls();

  itWithInPageCalls('drops every key when the agent turns the customer away, and agrees new ones with the next', async function () {
    this.timeout(60_000);
    const room = randomRoom();
    const secret = createCallSecret();
    const session = async (role: Role) => {
      const signaling = new WebSocketSignaling({ url: await serverUrl(), room, role, token: await roomToken(room, role), reconnect: { initialDelayMs: 100, maxDelayMs: 1000 } });
      const created = new CallSession({ signaling, e2ee: { secret }, ...(role === 'customer' ? { consent: false as const } : {}) });
      sessions.push(created);
      return created;
    };
    const agent = await session('agent');
    const knocks: string[] = [];
    agent.on('knock', ({ participantId }) => {
      knocks.push(participantId);
      agent.admit(participantId);
    });
    const first = await session('customer');
    await secured({ agent, customer: first });
    const before = agent.e2ee!;

    const turnedAway = stateReached(first, 'ended');
    agent.reject(knocks[0]!);
    await turnedAway;
    await stateReached(agent, 'waiting');
    await eventually(async () => (await agent.e2eeStats()).sendKid === undefined, 'the agent to forget its keys');
    expect((await agent.e2eeStats()).receiveKids).to.deep.equal([]);
    expect(agent.e2ee).to.include({ state: 'negotiating' });

    const next = await session('customer');
    await secured({ agent, customer: next });
    expect(agent.e2ee!.sas).to.not.deep.equal(before.sas);
    expect(agent.e2ee!.sendKid).to.be.greaterThan(before.sendKid!);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(next.remoteStream!)]);
  });
});

/**
 * A secured call whose customer's E2EE worker is terminated; resolves once both sides agreed
 * new keys and video plays both ways again. The agent's share reaches the customer late after
 * the restart, so that media on the new connection comes before the new keys and the customer
 * must ask for a key frame.
 */
async function restartedCall(sessions: CallSession[]) {
  const workers: Worker[] = [];
  const createWorker = () => {
    const worker = new Worker(new URL('../src/e2ee/e2ee-worker.js', import.meta.url), { type: 'module' });
    workers.push(worker);
    return worker;
  };
  let slowShares = false;
  const late: Interception = { receive: (m) => [{ message: m, delayMs: slowShares && m.kind === 'e2ee-key' ? 1500 : 0 }] };
  const c = call({ e2ee: { createWorker, workerTimeoutMs: 1000 }, interception: (role) => (role === 'customer' ? late : {}) });
  sessions.push(c.agent, c.customer);
  const states: string[] = [];
  const sendKids = new Set<number>();
  for (const session of [c.agent, c.customer]) {
    session.on('e2ee-change', (status) => {
      if (session === c.customer) states.push(status.state);
      if (status.sendKid !== undefined) sendKids.add(status.sendKid);
    });
  }
  await secured(c);
  await renderedFrames(c.agent.remoteStream!, 10);
  const before = c.customer.e2ee!;
  slowShares = true;
  workers[1]!.terminate();
  await e2eeReached(c.customer, 're-securing');
  await e2eeReached(c.customer, 'active', 30_000);
  await e2eeReached(c.agent, (s) => s.state === 'active' && s.sas?.digits === c.customer.e2ee!.sas?.digits, 30_000);
  await Promise.all([renderedFrames(c.agent.remoteStream!, 10, 20_000), renderedFrames(c.customer.remoteStream!, 10, 20_000)]);
  return { ...c, workers, states, sendKids, before };
}

/** Records what a script in the page sees: everything posted to and from workers, crypto.subtle calls, console output. */
function hookThePage(seen: unknown[], subtleCalls: string[]): Array<() => void> {
  const restore: Array<() => void> = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    seen.push(message);
    return (post as (...a: unknown[]) => void).call(this, message, ...rest);
  };
  restore.push(() => (Worker.prototype.postMessage = post));
  const onmessage = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get: onmessage.get,
    set(this: Worker, listener: ((event: MessageEvent) => void) | null) {
      onmessage.set!.call(this, listener && ((event: MessageEvent) => (seen.push(event.data), listener.call(this, event))));
    },
  });
  restore.push(() => Object.defineProperty(Worker.prototype, 'onmessage', onmessage));
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['importKey', 'exportKey', 'generateKey', 'deriveBits', 'deriveKey', 'encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey']) {
    const original = subtle[name]!;
    subtle[name] = (...args: unknown[]) => {
      const algorithm = args.find((a) => typeof a === 'string' || (typeof a === 'object' && a !== null && 'name' in a));
      subtleCalls.push(`${name}:${typeof algorithm === 'string' ? algorithm : (algorithm as { name: string } | undefined)?.name}`);
      seen.push(args);
      return original.apply(crypto.subtle, args);
    };
    restore.push(() => (subtle[name] = original));
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      seen.push(args);
      original.apply(console, args);
    };
    restore.push(() => (console[level] = original));
  }
  return restore;
}

/** Every 32-byte value in what the hooks saw: byte arrays, and base64url strings of 32 bytes. */
function keyCandidates(seen: unknown[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || value === undefined) return;
    if (value instanceof ArrayBuffer) return visit(new Uint8Array(value), depth);
    if (ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      for (let i = 0; i + 32 <= bytes.length && i < 4096; i++) out.push(bytes.slice(i, i + 32));
      return;
    }
    if (typeof value === 'string') {
      for (const match of value.match(/[A-Za-z0-9_-]{43}/g) ?? []) {
        const binary = atob(match.replace(/-/g, '+').replace(/_/g, '/'));
        out.push(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
      }
      return;
    }
    if (typeof value === 'object') for (const item of Object.values(value)) visit(item, depth + 1);
  };
  for (const item of seen) visit(item, 0);
  return out;
}

/** Whether any candidate, taken as an SFrame base key for the frames' KID, decrypts one of them. */
async function decryptsAny(candidates: Uint8Array[], frames: Uint8Array[]): Promise<boolean> {
  const kids = new Set(frames.map((f) => (sframeHeaderOf('audio', f) as { kid: number }).kid));
  for (const candidate of candidates) {
    for (const kid of kids) {
      const context = new SFrameContext({ suite: 4 });
      await context.addReceiveKey(kid, candidate);
      for (const frame of frames) {
        if (await context.decrypt(frame).then(() => true, () => false)) return true;
      }
    }
  }
  return false;
}
