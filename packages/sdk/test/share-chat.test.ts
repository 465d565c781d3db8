import { expect } from '@esm-bundle/chai';
import { CallSession, SealcallError, type ChatMessage } from '../src/index.js';
import { sealedCall, senderOf, tapSealedFrames, type SealedCallOptions } from './helpers/sealed-call.js';
import { until } from './helpers/until.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

describe('Chat during a call, sealed end to end on the data channel', () => {
  const { sessions, undo } = cleanUpCalls();

  const connected = (options: SealedCallOptions = {}) => sealedCall(sessions, options);

  function received(session: CallSession): ChatMessage[] {
    const messages: ChatMessage[] = [];
    session.on('chat-message', ({ message }) => {
      if (message.from !== session.role) messages.push(message);
    });
    return messages;
  }

  it('carries messages both ways, in order, and what crosses the channel is ciphertext', async function () {
    this.timeout(30_000);
    const tap = tapSealedFrames();
    undo.push(tap.restore);
    const { agent, customer } = await connected();
    const atCustomer = received(customer);
    const atAgent = received(agent);
    const ownEcho = new Promise<ChatMessage>((resolve) => agent.on('chat-message', ({ message }) => message.from === 'agent' && resolve(message)));
    const texts = Array.from({ length: 20 }, (_, i) => `Where is the damage? Message ${i}: Fenêtre cassée 🪟`);
    const sent = await Promise.all(texts.map((text) => agent.sendChatMessage(text)));
    expect(sent.map((m) => m.from)).to.deep.equal(texts.map(() => 'agent'));
    expect((await ownEcho).text).to.equal(texts[0]);
    await customer.sendChatMessage('In the kitchen <b>window</b>');
    await until(() => atCustomer.length === 20 && atAgent.length === 1, 'every message to arrive');
    expect(atCustomer.map((m) => m.text)).to.deep.equal(texts);
    expect(atCustomer.map((m) => m.id)).to.deep.equal(sent.map((m) => m.id));
    expect(atCustomer.every((m) => m.from === 'agent')).to.equal(true);
    expect(atAgent[0]).to.include({ from: 'customer', text: 'In the kitchen <b>window</b>' });

    // Each message, and its acknowledgement from the other side.
    await until(() => tap.frames.length === 42, 'every acknowledgement');
    const wire = new TextDecoder().decode(new Uint8Array(tap.frames.flatMap((f) => [...f])));
    expect(wire).not.to.include('damage');
    expect(wire).not.to.include('kitchen');
    expect(tap.frames.filter((f) => senderOf(f) === 'agent')).to.have.length(21);
  });

  it('drops a frame altered on the way, and what follows still arrives', async function () {
    this.timeout(30_000);
    let alter = false;
    const tap = tapSealedFrames((frame) => {
      if (!alter || senderOf(frame) !== 'agent') return frame;
      alter = false;
      const altered = frame.slice();
      altered[altered.length - 20]! ^= 0x01;
      return altered;
    });
    undo.push(tap.restore);
    const { agent, customer } = await connected();
    const atCustomer = received(customer);
    const rejected: string[] = [];
    customer.on('data-rejected', ({ reason }) => rejected.push(reason));
    alter = true;
    await agent.sendChatMessage('Pay the claim to IBAN DE00 1234');
    await agent.sendChatMessage('Thank you, that is all.');
    await until(() => atCustomer.length === 1, 'the message after the altered one');
    expect(rejected).to.deep.equal(['auth-failed']);
    expect(atCustomer.map((m) => m.text)).to.deep.equal(['Thank you, that is all.']);
  });

  it('drops a replayed frame and a forged one', async function () {
    this.timeout(30_000);
    let replay: { frame: Uint8Array; channel: RTCDataChannel } | undefined;
    const tap = tapSealedFrames((frame, channel) => {
      if (senderOf(frame) === 'agent') replay ??= { frame, channel };
      return frame;
    });
    undo.push(tap.restore);
    const { agent, customer } = await connected();
    const atCustomer = received(customer);
    const rejected: string[] = [];
    customer.on('data-rejected', ({ reason }) => rejected.push(reason));
    await agent.sendChatMessage('Once only');
    await until(() => atCustomer.length === 1, 'the first message');
    replay!.channel.send(replay!.frame as Uint8Array<ArrayBuffer>);
    const forged = crypto.getRandomValues(new Uint8Array(64));
    forged.set([1, 0, 0, 0, 0], 0);
    replay!.channel.send(forged);
    replay!.channel.send(crypto.getRandomValues(new Uint8Array(8)));
    replay!.channel.send('a string, not a frame');
    await until(() => rejected.length === 4, 'four rejections');
    expect(rejected).to.have.members(['replay', 'auth-failed', 'malformed', 'malformed']);
    await agent.sendChatMessage('Still here');
    await until(() => atCustomer.length === 2, 'the next message');
    expect(atCustomer.map((m) => m.text)).to.deep.equal(['Once only', 'Still here']);
  });

  it('carries on over a rebuilt connection: what is sent while it is down arrives on the new one', async function () {
    this.timeout(40_000);
    const { agent, customer } = await connected({ recovery: { disconnectedGraceMs: 500 } });
    const atCustomer = received(customer);
    await agent.sendChatMessage('Before');
    await until(() => atCustomer.length === 1, 'the first message');
    const dead = [agent.peerConnection, customer.peerConnection];
    customer.peerConnection!.close();
    const during = agent.sendChatMessage('While the connection is rebuilt');
    await until(() => agent.peerConnection && customer.peerConnection && !dead.includes(agent.peerConnection) && !dead.includes(customer.peerConnection), 'a new connection on both sides', 10_000);
    await during;
    await agent.sendChatMessage('After');
    await until(() => atCustomer.length >= 3, 'the messages after the rebuild', 20_000);
    expect(atCustomer.map((m) => m.text)).to.deep.equal(['Before', 'While the connection is rebuilt', 'After']);
  });

  it('keeps the order over a rebuilt connection: a message lost with the old one arrives before one written after it', async function () {
    this.timeout(40_000);
    let lose = false;
    const tap = tapSealedFrames((frame) => {
      if (!lose || senderOf(frame) !== 'agent') return frame;
      lose = false;
      return undefined;
    });
    undo.push(tap.restore);
    const { agent, customer } = await connected({ recovery: { disconnectedGraceMs: 500 } });
    const atCustomer = received(customer);
    await agent.sendChatMessage('First');
    await until(() => atCustomer.length === 1, 'the first message');
    lose = true;
    // On its way, as far as the agent's side knows; lost on the wire, and so never acknowledged.
    await agent.sendChatMessage('Lost with the old connection');
    const dead = [agent.peerConnection, customer.peerConnection];
    customer.peerConnection!.close();
    const during = agent.sendChatMessage('Written while it is rebuilt');
    await until(() => agent.peerConnection && customer.peerConnection && !dead.includes(agent.peerConnection) && !dead.includes(customer.peerConnection), 'a new connection on both sides', 10_000);
    await during;
    await until(() => atCustomer.length >= 3, 'both messages on the new connection', 20_000);
    expect(atCustomer.map((m) => m.text)).to.deep.equal(['First', 'Lost with the old connection', 'Written while it is rebuilt']);
  });

  it('refuses an empty or overlong message, and chat without end-to-end encryption', async function () {
    this.timeout(30_000);
    const { agent } = await connected();
    for (const text of ['', '   \n', 'x'.repeat(2001), 42 as unknown as string]) {
      const error = await agent.sendChatMessage(text).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SealcallError);
      expect((error as SealcallError).code).to.equal('INVALID_ARGUMENT');
    }
    const plain = await connected({ e2ee: false });
    const error = await plain.agent.sendChatMessage('hello').catch((e: unknown) => e);
    expect((error as SealcallError).code).to.equal('INVALID_STATE');
    expect((error as SealcallError).message).to.include('end-to-end encryption is off');
  });
});
