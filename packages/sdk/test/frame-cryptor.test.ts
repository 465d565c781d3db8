import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FrameCryptor } from '../src/e2ee/frame-cryptor.js';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const frame = (n = 1200) => random(n).buffer;

async function keyedPair(keyGraceMs = 1000) {
  const agentKey = random(32);
  const customerKey = random(32);
  const agent = new FrameCryptor({ suite: 4, keyGraceMs });
  const customer = new FrameCryptor({ suite: 4, keyGraceMs });
  await agent.setKeys({ sendKid: 0, sendKey: agentKey.slice(), receiveKid: 1, receiveKey: customerKey.slice() });
  await customer.setKeys({ sendKid: 1, sendKey: customerKey.slice(), receiveKid: 0, receiveKey: agentKey.slice() });
  return { agent, customer };
}

describe('FrameCryptor', () => {
  it('encrypts so that only the other side decrypts, byte for byte', async () => {
    const { agent, customer } = await keyedPair();
    const plain = frame();
    const sealed = (await agent.encrypt(plain))!;
    expect(new Uint8Array(sealed)).to.not.deep.equal(new Uint8Array(plain));
    expect(new Uint8Array((await customer.decrypt(sealed))!)).to.deep.equal(new Uint8Array(plain));
    expect(await agent.decrypt(sealed)).to.equal(undefined);
    expect(customer.stats).to.include({ decrypted: 1 });
    expect(agent.stats.dropped['unknown-key']).to.equal(1);
  });

  it('drops every frame while it has no key, rather than sending it in the clear', async () => {
    const cryptor = new FrameCryptor({ suite: 4, keyGraceMs: 1000 });
    expect(await cryptor.encrypt(frame())).to.equal(undefined);
    expect(await cryptor.decrypt(frame())).to.equal(undefined);
    expect(cryptor.stats.dropped['no-key']).to.equal(1);
    expect(cryptor.stats.dropped.malformed + cryptor.stats.dropped['unknown-key']).to.equal(1);
  });

  it('drops and counts tampered, replayed and malformed frames', async () => {
    const { agent, customer } = await keyedPair();
    const sealed = new Uint8Array((await agent.encrypt(frame()))!);
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(await customer.decrypt(flipped.buffer)).to.equal(undefined);
    expect(await customer.decrypt(sealed.slice().buffer)).to.not.equal(undefined);
    expect(await customer.decrypt(sealed.slice().buffer)).to.equal(undefined);
    expect(await customer.decrypt(new Uint8Array([0x7f]).buffer)).to.equal(undefined);
    expect(customer.stats.dropped).to.include({ 'auth-failed': 1, replay: 1, malformed: 1 });
  });

  it('follows the sender through a rotation and keeps the old key for the grace period', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { agent, customer } = await keyedPair(5000);
      const early = (await agent.encrypt(frame()))!;
      const delayed = (await agent.encrypt(frame()))!;
      expect(await agent.rotate()).to.equal(2);
      expect(agent.sendKid).to.equal(2);
      expect(await customer.decrypt((await agent.encrypt(frame()))!)).to.not.equal(undefined);
      expect(await customer.decrypt(early)).to.not.equal(undefined);
      clock.tick(5001);
      expect(await customer.decrypt(delayed)).to.equal(undefined);
      expect(customer.stats.decrypted).to.equal(2);
      expect(customer.stats.dropped['unknown-key']).to.equal(1);
      expect(await customer.decrypt((await agent.encrypt(frame()))!)).to.not.equal(undefined);
    } finally {
      clock.restore();
    }
  });

  it('forgets every key on clear()', async () => {
    const { agent, customer } = await keyedPair();
    agent.clear();
    customer.clear();
    expect(await agent.encrypt(frame())).to.equal(undefined);
    expect(agent.stats.dropped['no-key']).to.equal(1);
  });
});
