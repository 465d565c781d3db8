import { expect } from '@esm-bundle/chai';
import { createCallSecret, createInvite, parseInvite, SealcallError } from '../src/index.js';
import { ratchetBaseKey } from '../src/e2ee/worker/key-schedule.js';
import type { AgreementMessage } from '../src/e2ee/worker/key-agreement.js';
import { agreement, converse, lastKeys, sides, type Side } from './helpers/agreement.js';

function expectAgreed(agent: Side, customer: Side): void {
  const [a, c] = [lastKeys(agent), lastKeys(customer)];
  expect(a, 'the agent completed').to.not.equal(undefined);
  expect(c, 'the customer completed').to.not.equal(undefined);
  expect(a!.sendKey).to.deep.equal(c!.receiveKey);
  expect(a!.receiveKey).to.deep.equal(c!.sendKey);
  expect(a!.sendKey).to.not.deep.equal(a!.receiveKey);
  expect([a!.sendKid, a!.receiveKid]).to.deep.equal([c!.receiveKid, c!.sendKid]);
  expect(a!.sas).to.deep.equal(c!.sas);
  expect(agent.agreement.status).to.include({ phase: 'active' });
  expect(customer.agreement.status).to.include({ phase: 'active' });
}

/** Every message a clean exchange between two fresh sides would send, recorded. */
async function recorded(secret: Uint8Array): Promise<AgreementMessage[]> {
  const log: AgreementMessage[] = [];
  const [agent, customer] = await sides(secret);
  await converse(agent, customer, (m) => (log.push(m), [m]));
  return log;
}

describe('the key agreement (in the E2EE worker)', () => {
  it('gives both sides crossed SFrame keys, the same SAS, and fresh keys each time', async () => {
    const secret = createCallSecret();
    const [agent, customer] = await sides(secret);
    await converse(agent, customer);
    expectAgreed(agent, customer);
    const keys = lastKeys(agent)!;
    expect([keys.sendKid, keys.receiveKid]).to.deep.equal([0, 1]);
    expect(keys.sas.emoji).to.have.length(4);
    expect(keys.sas.digits).to.match(/^\d{6}$/);
    const [again, againCustomer] = await sides(secret);
    await converse(again, againCustomer);
    expect(lastKeys(again)!.sendKey).to.not.deep.equal(keys.sendKey);
  });

  it('interoperates between the WebCrypto and the @noble/curves X25519', async () => {
    const [agent, customer] = await sides(createCallSecret(), undefined, ['webcrypto', 'noble']);
    await converse(agent, customer);
    expectAgreed(agent, customer);
  });

  it('never completes with a peer that lacks the call secret, and counts its messages, never failing', async () => {
    const [agent, customer] = await sides(createCallSecret(), createCallSecret());
    await converse(agent, customer);
    expect(lastKeys(agent)).to.equal(undefined);
    expect(agent.agreement.status).to.include({ phase: 'negotiating' });
    expect(agent.agreement.status.invalidShares).to.be.greaterThan(0);
    expect(customer.agreement.status.invalidShares).to.be.greaterThan(0);
  });

  it('ignores and counts garbage injected before the real messages; the first valid share wins', async () => {
    const [agent, customer] = await sides();
    const intruder = (await sides())[1];
    const garbage = [...(await intruder.agreement.begin('x')).send];
    let injected = false;
    await converse(agent, customer, (message) => {
      if (injected) return [message];
      injected = true;
      const forged: AgreementMessage = { kind: 'e2ee-key', generation: 0, publicKey: 'A'.repeat(43), kid: 7, nonce: 'B'.repeat(43), peerNonce: 'C'.repeat(43), mac: 'D'.repeat(43) };
      return [...garbage, forged, message];
    });
    expectAgreed(agent, customer);
    expect(customer.agreement.status.invalidShares).to.equal(2);
  });

  it('refuses a share replayed from an earlier session of the same room', async () => {
    const secret = createCallSecret();
    const earlier = await recorded(secret);
    const [agent, customer] = await sides(secret);
    let replayed = false;
    await converse(agent, customer, (message, to) => {
      if (replayed || to !== customer) return [message];
      replayed = true;
      // The old agent's hello and share first: the customer must not take the old key.
      return [...earlier.filter((m) => m !== undefined && m.kind === 'e2ee-key' && m.kid % 2 === 0), message];
    });
    expectAgreed(agent, customer);
    expect(customer.agreement.status.invalidShares).to.equal(1);
  });

  it('settles when every message arrives twice, and when shares overtake hellos', async () => {
    const [agent, customer] = await sides();
    await converse(agent, customer, (m) => [m, m]);
    expectAgreed(agent, customer);
    expect(agent.agreement.status.invalidShares + customer.agreement.status.invalidShares).to.equal(0);
    expect(agent.steps.filter((s) => s.keys)).to.have.length(1);

    const [late, lateCustomer] = await sides();
    const held: AgreementMessage[] = [];
    await converse(late, lateCustomer, (m, to) => {
      if (to === lateCustomer && m.kind === 'e2ee-hello') {
        held.push(m);
        return [];
      }
      return m.kind === 'e2ee-key' && to === lateCustomer ? [m, ...held.splice(0)] : [m];
    });
    expectAgreed(late, lateCustomer);
    expect(late.steps.filter((s) => s.keys)).to.have.length(1);
  });

  it('agrees new keys when the other side starts over (a new worker), and not on a replayed hello', async () => {
    const secret = createCallSecret();
    const [agent, customer] = await sides(secret);
    await converse(agent, customer);
    const first = lastKeys(agent)!;
    const hello = customer.steps[0]!.send[0]!;
    const replay = await agent.agreement.receive(customer.name, hello);
    expect(replay.keys).to.equal(undefined);
    expect(agent.agreement.status).to.include({ phase: 'active', renewing: false });

    const reborn: Side = { name: customer.name, agreement: await agreement('customer', secret, { firstKid: 3 }), steps: [] };
    await converse(agent, reborn);
    const second = lastKeys(agent)!;
    expect(second.sendKey).to.not.deep.equal(first.sendKey);
    expect(second.sendKid).to.equal(2);
    expect(second.sas).to.deep.equal(lastKeys(reborn)!.sas);
    expect(agent.agreement.status.agreement).to.equal(2);
  });

  it('binds every message to the room and to the roles', async () => {
    const secret = createCallSecret();
    const agent: Side = { name: 'a', agreement: await agreement('agent', secret), steps: [] };
    const elsewhere: Side = { name: 'c', agreement: await agreement('customer', secret, { room: 'room-2' }), steps: [] };
    await converse(agent, elsewhere);
    expect(lastKeys(agent)).to.equal(undefined);
    const twin: Side = { name: 'c', agreement: await agreement('agent', secret, { firstKid: 1 }), steps: [] };
    await converse({ name: 'a', agreement: await agreement('agent', secret), steps: [] }, twin);
    expect(lastKeys(twin)).to.equal(undefined);
  });

  it('forgets everything agreed with a participant that left', async () => {
    const [agent, customer] = await sides();
    await converse(agent, customer);
    agent.agreement.forget();
    expect(agent.agreement.status).to.include({ phase: 'idle', invalidShares: 0 });
    const late = await agent.agreement.receive(customer.name, customer.steps[0]!.send[0]!);
    expect(late.send).to.deep.equal([]);
  });

  it('ratchets keys deterministically and irreversibly', async () => {
    const key = createCallSecret();
    const next = await ratchetBaseKey(key);
    expect(next).to.deep.equal(await ratchetBaseKey(key.slice()));
    expect(next).to.not.deep.equal(key);
    expect(await ratchetBaseKey(next)).to.not.deep.equal(next);
  });
});

describe('invitation links', () => {
  it('carry the room, token, call secret and server in the fragment only', () => {
    const secret = createCallSecret();
    const href = createInvite('https://portal.example.eu/call?lang=nl', { room: 'r1', token: 'tok.sig', secret, signalingUrl: 'wss://s.example.eu' });
    const url = new URL(href);
    expect(url.search).to.equal('?lang=nl');
    expect(url.hash).to.include('k=');
    expect(parseInvite(href)).to.deep.equal({ room: 'r1', token: 'tok.sig', secret, signalingUrl: 'wss://s.example.eu' });
  });

  for (const fragment of ['', '#room=r&token=t', '#room=r&token=t&k=short', '#room=r&k=' + 'A'.repeat(43), '#token=t&k=' + 'A'.repeat(43)]) {
    it(`refuses an incomplete link (${fragment || 'no fragment'})`, () => {
      try {
        parseInvite(`https://portal.example.eu/call${fragment}`);
        expect.fail('parsed');
      } catch (error) {
        expect((error as SealcallError).code).to.equal('INVALID_INVITE');
      }
    });
  }
});
