import { expect } from '@esm-bundle/chai';
import { createCallSecret, createInvite, parseInvite, SealcallError } from '../src/index.js';
import { KeyAgreement, ratchetBaseKey, type KeyShare } from '../src/e2ee/key-agreement.js';

const room = 'room-1';

function pair(agentSecret = createCallSecret(), customerSecret = agentSecret) {
  const agent = new KeyAgreement({ callSecret: agentSecret, room, role: 'agent', kid: 0 });
  const customer = new KeyAgreement({ callSecret: customerSecret, room, role: 'customer', kid: 1 });
  return { agent, customer };
}

function refused(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(SealcallError);
    expect((error as SealcallError).code).to.equal('E2EE_AUTH_FAILED');
    return;
  }
  expect.fail('the key share was accepted');
}

describe('KeyAgreement', () => {
  it('gives both sides crossed SFrame keys and the same short authentication string', () => {
    const { agent, customer } = pair();
    const atAgent = agent.complete(customer.share);
    const atCustomer = customer.complete(agent.share);
    expect(atAgent.sendKey).to.deep.equal(atCustomer.receiveKey);
    expect(atAgent.receiveKey).to.deep.equal(atCustomer.sendKey);
    expect(atAgent.sendKey).to.not.deep.equal(atAgent.receiveKey);
    expect([atAgent.sendKid, atAgent.receiveKid, atCustomer.sendKid, atCustomer.receiveKid]).to.deep.equal([0, 1, 1, 0]);
    expect(atAgent.sas).to.deep.equal(atCustomer.sas);
    expect(atAgent.sas.emoji).to.have.length(4);
    expect(atAgent.sas.digits).to.match(/^\d{6}$/);
  });

  it('derives fresh keys every time, even with the same call secret', () => {
    const secret = createCallSecret();
    const first = pair(secret);
    const second = pair(secret);
    expect(first.agent.complete(first.customer.share).sendKey).to.not.deep.equal(second.agent.complete(second.customer.share).sendKey);
  });

  it('refuses a peer that does not hold the call secret', () => {
    const { agent, customer } = pair(createCallSecret(), createCallSecret());
    refused(() => agent.complete(customer.share));
    refused(() => customer.complete(agent.share));
  });

  it('refuses a share whose key, KID or MAC was altered on the way', () => {
    const { agent, customer } = pair();
    const intruder = new KeyAgreement({ callSecret: createCallSecret(), room, role: 'customer', kid: 1 });
    const altered: KeyShare[] = [
      { ...customer.share, publicKey: intruder.share.publicKey },
      { ...customer.share, kid: 3 },
      { ...customer.share, mac: customer.share.mac.map((b, i) => (i === 0 ? b ^ 1 : b)) },
      { ...customer.share, publicKey: customer.share.publicKey.slice(0, 31) },
    ];
    for (const share of altered) refused(() => agent.complete(share));
  });

  it('binds the share to the room and to the roles', () => {
    const secret = createCallSecret();
    const agent = new KeyAgreement({ callSecret: secret, room, role: 'agent', kid: 0 });
    const elsewhere = new KeyAgreement({ callSecret: secret, room: 'room-2', role: 'customer', kid: 1 });
    const otherAgent = new KeyAgreement({ callSecret: secret, room, role: 'agent', kid: 2 });
    refused(() => agent.complete(elsewhere.share));
    refused(() => agent.complete(otherAgent.share));
  });

  it('ratchets keys deterministically and irreversibly', () => {
    const key = createCallSecret();
    const next = ratchetBaseKey(key);
    expect(next).to.deep.equal(ratchetBaseKey(key.slice()));
    expect(next).to.not.deep.equal(key);
    expect(ratchetBaseKey(next)).to.not.deep.equal(next);
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
