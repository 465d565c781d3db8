import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import {
  BroadcastChannelSignaling,
  CallSession,
  ConsentLedger,
  createCallSecret,
  MemoryConsentStore,
  SealcallError,
  verifyConsentChain,
  type ConsentDecision,
  type ConsentRecord,
} from '../src/index.js';
import { stateReached } from './helpers/media.js';
import { randomRoom } from './helpers/server.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

const shown = { noticeVersion: 'v1', locale: 'en', shownText: 'Before your video call\nVideo call (required): …' };
const decision = (accepted: string[], declined: string[] = []): ConsentDecision => ({ ...shown, accepted, declined });

describe('ConsentLedger', () => {
  it('records grants and refusals with the shown text, its hash and a verifiable chain', async () => {
    const store = new MemoryConsentStore();
    const ledger = new ConsentLedger({ store, now: () => new Date('2026-11-23T10:00:00Z') });
    const { grant, refusal } = await ledger.recordDecision(decision(['call'], ['recording']), { subjectId: 's1', callId: 'c1' });
    expect(grant).to.include({ kind: 'grant', subjectId: 's1', callId: 'c1', method: 'dialog', locale: 'en', noticeVersion: 'v1', at: '2026-11-23T10:00:00.000Z' });
    expect(grant!.purposes).to.deep.equal(['call']);
    expect(refusal!.purposes).to.deep.equal(['recording']);
    expect(grant!.textSha256).to.match(/^[0-9a-f]{64}$/);
    expect(refusal!.previousHash).to.equal(grant!.hash);
    const receipt = await ledger.receipt('s1');
    expect(receipt.verified).to.equal(true);
    expect(receipt.records).to.have.length(2);
  });

  it('stores the shown text without controls or bidirectional overrides, hashed as stored', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    const { grant } = await ledger.recordDecision({ ...decision(['call']), shownText: 'We \u202eton od\u202c keep it\u0007.\nLine two' }, { subjectId: 's2', callId: 'c1' });
    expect(grant!.shownText).to.equal('We ton od keep it.\nLine two');
    expect((await ledger.receipt('s2')).verified).to.equal(true);
  });

  it('decides by the latest record: a withdrawal revokes, and tells listeners', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call', 'recording']), { subjectId: 's1', callId: 'c1' });
    expect(await ledger.isGranted('s1', 'recording', 'c1')).to.equal(true);
    const withdrawn = sinon.spy();
    ledger.on('withdrawn', withdrawn);
    await ledger.withdraw(['recording'], shown, { subjectId: 's1' });
    expect(await ledger.isGranted('s1', 'recording', 'c1')).to.equal(false, 'a withdrawal without a call is for every call');
    expect(await ledger.isGranted('s1', 'call', 'c1')).to.equal(true);
    expect(withdrawn.calledOnce).to.equal(true);
    try {
      await ledger.requireGrant('s1', 'recording', 'c1');
      expect.fail('granted');
    } catch (error) {
      expect((error as SealcallError).code).to.equal('CONSENT_REQUIRED');
    }
  });

  it('counts a grant only for the call it names, under the notice version in force, and for as long as it may', async () => {
    const clock = { now: Date.parse('2026-11-23T10:00:00Z') };
    const store = new MemoryConsentStore();
    const ledger = new ConsentLedger({ store, noticeVersion: 'v2', maxGrantAgeMs: 3600_000, now: () => new Date(clock.now) });
    await ledger.recordDecision({ ...decision(['call']), noticeVersion: 'v2' }, { subjectId: 's1', callId: 'c1' });
    expect(await ledger.isGranted('s1', 'call', 'c1')).to.equal(true);
    expect(await ledger.isGranted('s1', 'call', 'c2')).to.equal(false, 'another call');
    await ledger.recordDecision({ ...decision(['call']), noticeVersion: 'v2' }, { subjectId: 's1' });
    expect(await ledger.isGranted('s1', 'call', 'c2')).to.equal(false, 'a grant that names no call counts for none');
    await ledger.recordDecision(decision(['recording']), { subjectId: 's1', callId: 'c1' });
    expect(await ledger.isGranted('s1', 'recording', 'c1')).to.equal(false, 'given under notice v1, not v2');
    clock.now += 3600_001;
    expect(await ledger.isGranted('s1', 'call', 'c1')).to.equal(false, 'older than maxGrantAgeMs');
    expect(() => new ConsentLedger({ store, maxGrantAgeMs: 0 })).to.throw(SealcallError, /maxGrantAgeMs/);
  });

  it('keeps the chain intact under concurrent appends, and shows any edit', async () => {
    const store = new MemoryConsentStore();
    const ledger = new ConsentLedger({ store });
    await Promise.all([1, 2, 3, 4].map((i) => ledger.recordDecision(decision([`purpose-${i}`]), { subjectId: 's1' })));
    const records = await store.list({ subjectId: 's1' });
    expect(verifyConsentChain(records).valid).to.equal(true);
    const edited: ConsentRecord[] = records.map((r, i) => (i === 1 ? { ...r, shownText: 'something else' } : r));
    expect(verifyConsentChain(edited)).to.deep.equal({ valid: false, brokenAt: records[1]!.id });
    expect(verifyConsentChain(records.filter((_, i) => i !== 2)).valid).to.equal(false);
  });
});

describe('CallSession and consent', () => {
  const { sessions } = cleanUpCalls();
  afterEach(() => {
    sinon.restore();
  });

  function customer(ledger: ConsentLedger, room: string) {
    const session = new CallSession({
      signaling: new BroadcastChannelSignaling({ room, role: 'customer' }),
      e2ee: { secret: createCallSecret() },
      consent: { ledger, subjectId: 'subject-1', callId: room },
    });
    sessions.push(session);
    return session;
  }

  async function refusedWithConsentRequired(session: CallSession): Promise<void> {
    try {
      await session.join();
      expect.fail('join() went ahead without consent');
    } catch (error) {
      expect(error).to.be.instanceOf(SealcallError);
      expect((error as SealcallError).code).to.equal('CONSENT_REQUIRED');
    }
  }

  it('touches no camera or microphone before the call consent, and joins once it is given', async () => {
    const getUserMedia = sinon.spy(navigator.mediaDevices, 'getUserMedia');
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    const room = randomRoom();
    const session = customer(ledger, room);
    await refusedWithConsentRequired(session);
    expect(getUserMedia.called).to.equal(false);
    expect(session.state).to.equal('idle');
    await ledger.recordDecision(decision(['call']), { subjectId: 'subject-1', callId: room });
    await session.join();
    expect(getUserMedia.calledOnce).to.equal(true);
    expect(session.state).to.equal('waiting');
  });

  it('leaves nothing but the refusal record when the customer declines', async () => {
    const getUserMedia = sinon.spy(navigator.mediaDevices, 'getUserMedia');
    const store = new MemoryConsentStore();
    const ledger = new ConsentLedger({ store });
    const room = randomRoom();
    await ledger.recordDecision(decision([], ['call', 'recording']), { subjectId: 'subject-1', callId: room });
    await refusedWithConsentRequired(customer(ledger, room));
    expect(getUserMedia.called).to.equal(false);
    const records = await store.list({});
    expect(records.map((r) => r.kind)).to.deep.equal(['refusal']);
  });

  it('refuses a customer session with no consent gate at all', async () => {
    const session = new CallSession({ signaling: new BroadcastChannelSignaling({ room: randomRoom(), role: 'customer' }), e2ee: false });
    sessions.push(session);
    await refusedWithConsentRequired(session);
  });

  it('ends the call when the customer withdraws the call consent', async () => {
    const room = randomRoom();
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call']), { subjectId: 'subject-1', callId: room });
    const secret = createCallSecret();
    const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret } });
    const session = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret }, consent: { ledger, subjectId: 'subject-1', callId: room } });
    sessions.push(agent, session);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await session.join();
    await stateReached(session, 'connected');
    const ended = new Promise((resolve) => session.on('state-change', (c) => c.state === 'ended' && resolve(c.reason)));
    await ledger.withdraw(['call'], shown, { subjectId: 'subject-1' });
    expect(await ended).to.equal('consent-withdrawn');
    expect(session.localStream!.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });
});
