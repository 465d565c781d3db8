import { expect } from '@esm-bundle/chai';
import {
  ArtifactVault,
  BroadcastChannelSignaling,
  CallSession,
  ConsentLedger,
  consentReceiptFile,
  createCallSecret,
  DeviceKeyProvider,
  MemoryConsentStore,
  MemoryStorage,
  SealcallError,
  storePicture,
  VaultConsentStore,
  verifyConsentChain,
  verifyConsentReceipt,
  type ConsentDecision,
  type ConsentRequest,
  type RemoteConsentState,
  type StorageAdapter,
} from '../src/index.js';
import { concatBytes, utf8 } from '../src/internal/bytes.js';
import { stateReached } from './helpers/media.js';
import { randomRoom, storedFiles } from './helpers/server.js';
import { httpStorage } from './helpers/http-storage.js';
import { expectCode, storedChunks } from './helpers/expect.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

const subjectId = 'subject-1';
const shown = { noticeVersion: 'v1', locale: 'en', shownText: 'May we record this call? The recording is kept for 90 days.' };
const decision = (accepted: string[], declined: string[] = []): ConsentDecision => ({ ...shown, accepted, declined });


function next<T>(session: CallSession, type: 'consent-request' | 'consent-change'): Promise<T> {
  return new Promise((resolve) => {
    const off = session.on(type, (detail) => {
      off();
      resolve(detail as T);
    });
  });
}

function vaultConsentLedger(storage: StorageAdapter = new MemoryStorage()) {
  const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `consent-keys-${crypto.randomUUID()}` })] });
  const store = new VaultConsentStore({ vault });
  return { storage, vault, store, ledger: new ConsentLedger({ store }) };
}

describe('The second consent step, before a capture', () => {
  const { sessions } = cleanUpCalls();
  /** The call of each test: the consent recorded for it names it. */
  let room = '';
  beforeEach(() => {
    room = randomRoom();
  });

  async function connectedPair(ledger: ConsentLedger) {
    const secret = createCallSecret();
    const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee: { secret } });
    const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee: { secret }, consent: { ledger, subjectId, callId: room } });
    sessions.push(agent, customer);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    return { agent, customer };
  }

  it('asks the customer, shows the agent the answer, and grants only what the customer granted', async () => {
    const { ledger } = vaultConsentLedger();
    await ledger.recordDecision(decision(['call']), { subjectId, callId: room });
    const { agent, customer } = await connectedPair(ledger);
    await expectCode(agent.captureConsent.require('recording'), 'CONSENT_REQUIRED');
    expect(agent.remoteConsentState('recording').status).to.equal('not-asked');

    const asked = next<ConsentRequest>(customer, 'consent-request');
    const asking = next<RemoteConsentState>(agent, 'consent-change');
    const firstAnswer = agent.requestConsent('recording');
    expect((await asking).status).to.equal('asking');
    expect((await asked).purpose).to.equal('recording');
    await customer.answerConsentRequest(decision([], ['recording']));
    expect(await firstAnswer).to.deep.equal({ purpose: 'recording', granted: false, ref: null, asked: false, status: 'declined' });
    await expectCode(agent.captureConsent.require('recording'), 'CONSENT_REQUIRED');

    const askedAgain = next<ConsentRequest>(customer, 'consent-request');
    const secondAnswer = agent.requestConsent('recording');
    await askedAgain;
    await customer.answerConsentRequest(decision(['recording']));
    const granted = await secondAnswer;
    const grant = await ledger.currentGrant(subjectId, 'recording', room);
    expect(granted).to.deep.equal({ purpose: 'recording', granted: true, ref: grant!.id, asked: true, status: 'agreed' });
    expect(await agent.captureConsent.require('recording')).to.equal(grant!.id);
    await expectCode(agent.captureConsent.require('pictures'), 'CONSENT_REQUIRED');
    expect(agent.remoteConsentState('pictures').status, 'left unticked before the call, never asked: no decline to claim').to.equal('not-asked');
  });

  it('asks again before recording even when the customer agreed before the call; tells the agent at once of a withdrawal; the agent cannot answer', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call', 'recording']), { subjectId, callId: room });
    const { agent, customer } = await connectedPair(ledger);
    await waitFor(() => agent.remoteConsentState('recording').granted);
    await expectCode(agent.captureConsent.require('recording'), 'CONSENT_REQUIRED');
    expect(agent.remoteConsentState('recording').status, 'a recording is asked in every call').to.equal('not-asked');
    const asked = next<ConsentRequest>(customer, 'consent-request');
    const answer = agent.requestConsent('recording');
    await asked;
    await customer.answerConsentRequest(decision(['recording']));
    expect((await answer).asked).to.equal(true);
    expect(agent.remoteConsentState('recording').status).to.equal('agreed');
    const withdrawn = new Promise<void>((resolve) => agent.captureConsent.onWithdrawn('recording', resolve));
    const change = next<RemoteConsentState>(agent, 'consent-change');
    await ledger.withdraw(['recording'], shown, { subjectId, callId: room });
    await withdrawn;
    expect(await change).to.include({ granted: false, status: 'declined' });
    await expectCode(agent.captureConsent.require('recording'), 'CONSENT_REQUIRED');

    await expectCode(agent.answerConsentRequest(decision(['recording'])), 'INVALID_STATE');
    expect(() => customer.remoteConsentState('recording')).to.throw(SealcallError);
    expect(customer.state).to.equal('connected');
  });

  it('tells the agent of a decline even when refusals are not recorded', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore(), recordRefusals: false });
    await ledger.recordDecision(decision(['call']), { subjectId, callId: room });
    const { agent, customer } = await connectedPair(ledger);
    const asked = next<ConsentRequest>(customer, 'consent-request');
    const answer = agent.requestConsent('recording');
    await asked;
    await customer.answerConsentRequest(decision([], ['recording']));
    expect((await answer).granted).to.equal(false);
    expect((await ledger.receipt(subjectId)).records.map((r) => r.kind)).to.deep.equal(['grant']);
  });

  itWithInPageCalls("takes and stores a picture of the customer's video only under the customer's pictures consent", async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call']), { subjectId, callId: room });
    const { agent } = await connectedPair(ledger);
    await expectCode(agent.takePicture(), 'CONSENT_REQUIRED');
    await ledger.recordDecision(decision(['pictures']), { subjectId, callId: room });
    await waitFor(() => agent.remoteConsentState('pictures').granted);
    const picture = await agent.takePicture();
    expect(picture.width).to.be.greaterThan(0);
    const { storage, vault } = vaultConsentLedger();
    const stored = await storePicture({ vault, consent: agent.captureConsent, picture, meta: { callId: 'call-1', subjectId, expiresAt: Date.now() + 60_000 } });
    expect(stored.kind).to.equal('picture');
    expect(stored.consentRef).to.equal((await ledger.currentGrant(subjectId, 'pictures', room))!.id);
    expect((await storage.listByCall('call-1')).length).to.equal(1);
  });

  it('refuses to ask before the call is connected, and unanswered requests fail when it ends', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call']), { subjectId, callId: room });
    const idle = new CallSession({ signaling: new BroadcastChannelSignaling({ room: randomRoom(), role: 'agent' }), e2ee: false });
    sessions.push(idle);
    await expectCode(idle.requestConsent('recording'), 'INVALID_STATE');

    const { agent, customer } = await connectedPair(ledger);
    const asked = next<ConsentRequest>(customer, 'consent-request');
    const answer = agent.requestConsent('pictures');
    await asked;
    agent.hangUp();
    await expectCode(answer, 'INVALID_STATE');
  });
});

describe('VaultConsentStore', () => {
  it('keeps the records through the storage adapter, encrypted, in order, with a chain that verifies', async () => {
    const { storage, ledger } = vaultConsentLedger();
    await ledger.recordDecision(decision(['call', 'pictures'], ['recording']), { subjectId, callId: 'call-1' });
    await ledger.withdraw(['pictures'], shown, { subjectId, callId: 'call-1' });
    await ledger.recordDecision(decision(['call']), { subjectId: 'subject-2', callId: 'call-1' });

    const receipt = await ledger.receipt(subjectId);
    expect(receipt.records.map((r) => r.kind)).to.deep.equal(['grant', 'refusal', 'withdrawal']);
    expect(receipt.verified).to.equal(true);
    expect(verifyConsentChain(receipt.records).valid).to.equal(true);
    expect(await ledger.isGranted(subjectId, 'pictures', 'call-1')).to.equal(false);
    expect(await ledger.isGranted(subjectId, 'call', 'call-1')).to.equal(true);

    const artifacts = await storage.listBySubject(subjectId);
    expect(artifacts.map((a) => a.kind)).to.deep.equal(['consent', 'consent', 'consent']);
    expect(artifacts.every((a) => a.status === 'complete' && a.consentRef !== null)).to.equal(true);
    const raw = concatBytes(...(await Promise.all(artifacts.map((a) => storedChunks(storage, a.id)))).flat());
    expect(contains(raw, utf8(shown.shownText.slice(0, 16)))).to.equal(false);
    expect(contains(raw, utf8(subjectId))).to.equal(false);
  });

  it('lists by call across subjects, and by subject within a call', async () => {
    const { store, ledger } = vaultConsentLedger();
    await ledger.recordDecision(decision(['call']), { subjectId: 'a', callId: 'call-x' });
    await ledger.recordDecision(decision(['call']), { subjectId: 'b', callId: 'call-x' });
    await ledger.recordDecision(decision(['call']), { subjectId: 'a', callId: 'call-y' });
    const byCall = await store.list({ callId: 'call-x' });
    expect(byCall.map((r) => r.subjectId).sort()).to.deep.equal(['a', 'b']);
    expect((await store.list({ subjectId: 'a', callId: 'call-y' })).length).to.equal(1);
    expect((await store.list({ subjectId: 'a' })).map((r) => r.callId)).to.deep.equal(['call-x', 'call-y']);
  });

  it('reports a stored record that is not one, instead of skipping it', async () => {
    const { vault, store, ledger } = vaultConsentLedger();
    await ledger.recordDecision(decision(['call']), { subjectId });
    const writer = await vault.write({ meta: { callId: 'no-call', subjectId, kind: 'consent', mimeType: 'application/json', expiresAt: Date.now() + 1000, consentRef: null } });
    await writer.write(utf8('{"not":"a record"}'));
    await writer.close();
    await expectCode(store.list({ subjectId }), 'ARTIFACT_CORRUPT');
  });

  it('over HttpStorage on the reference server: the records are kept there encrypted, and list by subject and by call', async () => {
    const storage = await httpStorage();
    const { store, ledger } = vaultConsentLedger(storage);
    const subject = `subject-${crypto.randomUUID()}`;
    const callId = randomRoom('call');
    await ledger.recordDecision(decision(['call', 'pictures'], ['recording']), { subjectId: subject, callId });
    await ledger.withdraw(['pictures'], shown, { subjectId: subject, callId });

    const receipt = await ledger.receipt(subject);
    expect(receipt.records.map((r) => r.kind)).to.deep.equal(['grant', 'refusal', 'withdrawal']);
    expect(receipt.verified).to.equal(true);
    expect(await ledger.isGranted(subject, 'pictures', callId)).to.equal(false);
    expect((await store.list({ callId })).map((r) => r.kind)).to.deep.equal(['grant', 'refusal', 'withdrawal']);
    const artifacts = await storage.listBySubject(subject);
    expect(artifacts.map((a) => [a.kind, a.status, a.callId])).to.deep.equal(Array(3).fill(['consent', 'complete', callId]));
    const onDisk = concatBytes(...(await storedFiles()).map((f) => f.bytes));
    expect(contains(onDisk, utf8(shown.shownText.slice(0, 16))), 'the notice text is not on the server in the clear').to.equal(false);
  });

  it('leaves nothing stored but the refusal record when the customer declines', async () => {
    const { storage, ledger } = vaultConsentLedger();
    await ledger.recordDecision(decision([], ['call', 'recording']), { subjectId });
    const stored = await storage.listBySubject(subjectId);
    expect(stored.length).to.equal(1);
    expect((await ledger.receipt(subjectId)).records.map((r) => r.kind)).to.deep.equal(['refusal']);
  });
});

describe('Consent receipts', () => {
  async function receiptText(): Promise<string> {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
    await ledger.recordDecision(decision(['call', 'recording']), { subjectId });
    await ledger.withdraw(['recording'], shown, { subjectId });
    return consentReceiptFile(await ledger.receipt(subjectId)).text();
  }

  it('downloads as a JSON file that verifies on its own', async () => {
    const ledger = new ConsentLedger({ store: new MemoryConsentStore(), now: () => new Date('2026-11-23T10:00:00Z') });
    await ledger.recordDecision(decision(['call']), { subjectId });
    const file = consentReceiptFile(await ledger.receipt(subjectId));
    expect(file.name).to.equal('consent-receipt-2026-11-23.json');
    expect(file.type).to.equal('application/json');
    const result = verifyConsentReceipt(await file.text());
    expect(result.valid).to.equal(true);
    expect(result.records).to.equal(1);
  });

  it('shows any change to the text, the order, a hash or the head', async () => {
    const text = await receiptText();
    const original = JSON.parse(text);
    expect(verifyConsentReceipt(original).valid).to.equal(true);

    const edits: Array<(doc: { records: Array<Record<string, unknown>>; head: string }) => void> = [
      (doc) => (doc.records[0]!.shownText = 'We never record.'),
      (doc) => doc.records.reverse(),
      (doc) => doc.records.pop(),
      (doc) => (doc.records[1]!.kind = 'grant'),
      (doc) => (doc.head = '0'.repeat(64)),
      (doc) => (doc.records[0]!.subjectId = 'someone-else'),
    ];
    for (const edit of edits) {
      const altered = JSON.parse(text);
      edit(altered);
      expect(verifyConsentReceipt(altered).valid, edit.toString()).to.equal(false);
    }
  });

  it('refuses what is not a receipt', () => {
    expect(() => verifyConsentReceipt('not json')).to.throw(SealcallError).with.property('code', 'INVALID_ARGUMENT');
    expect(() => verifyConsentReceipt({ format: 'other' })).to.throw(SealcallError).with.property('code', 'INVALID_ARGUMENT');
  });
});


function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
