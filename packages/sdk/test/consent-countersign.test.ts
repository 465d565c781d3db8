import { expect } from '@esm-bundle/chai';
import {
  ConsentLedger,
  consentReceiptFile,
  HttpConsentNotary,
  MemoryConsentStore,
  verifyConsentReceipt,
  type ConsentDecision,
  type ConsentReceiptDocument,
  type ConsentRecord,
  type TrustedKeySet,
} from '../src/index.js';
import { recordHash } from '../src/consent/record-hash.js';
import { expectCode } from './helpers/expect.js';
import { randomRoom, serverUrl, storageBaseUrl, storageToken } from './helpers/server.js';

const shown = { noticeVersion: 'v1', locale: 'en', shownText: 'Before your video call\nVideo call (required): …\nRecording: …' };
const decision = (accepted: string[], declined: string[] = []): ConsentDecision => ({ ...shown, accepted, declined });

async function notarisedLedger(subjectId: string, callId: string): Promise<{ ledger: ConsentLedger; store: MemoryConsentStore }> {
  await serverUrl();
  const token = await storageToken(callId, 'customer', { dataSubject: subjectId });
  const store = new MemoryConsentStore();
  return { store, ledger: new ConsentLedger({ store, notary: new HttpConsentNotary({ baseUrl: await storageBaseUrl(), token }) }) };
}

async function serverKeys(): Promise<TrustedKeySet> {
  return (await (await fetch(`${await storageBaseUrl()}/v1/audit/keys`)).json()) as TrustedKeySet;
}

/** What an attacker with the device does: turns a record into a grant and recomputes every hash after it. */
function rewritten(document: ConsentReceiptDocument, index: number): ConsentReceiptDocument {
  let previous = index === 0 ? '0'.repeat(64) : document.records[index - 1]!.hash;
  const records = document.records.map((record, i) => {
    if (i < index) return record;
    const { hash: _hash, countersignature, ...rest } = record;
    const changed = { ...rest, ...(i === index ? { kind: 'grant' as const } : {}), previousHash: previous };
    const hash = recordHash(changed);
    previous = hash;
    return { ...changed, hash, ...(countersignature ? { countersignature } : {}) } satisfies ConsentRecord;
  });
  return { ...document, records, head: previous };
}

describe('Consent records countersigned by the server', () => {
  it('carry the server\'s signature of their hash; a refusal rewritten into a grant no longer verifies', async () => {
    const subjectId = `subject-${crypto.randomUUID()}`;
    const { ledger } = await notarisedLedger(subjectId, randomRoom('call'));
    const { grant, refusal } = await ledger.recordDecision(decision(['call'], ['recording']), { subjectId, callId: randomRoom('call') });
    expect(grant!.countersignature?.recordHash).to.equal(grant!.hash);
    expect(refusal!.countersignature?.countersignedAt).to.be.closeTo(Date.now(), 60_000);

    const trustedKeys = await serverKeys();
    const document = JSON.parse(await consentReceiptFile(await ledger.receipt(subjectId)).text()) as ConsentReceiptDocument;
    expect(verifyConsentReceipt(document, { trustedKeys })).to.include({ valid: true, records: 2 });

    const forged = rewritten(document, 1);
    expect(forged.records[1]!.kind).to.equal('grant');
    expect(verifyConsentReceipt(forged).valid).to.equal(true, 'the unkeyed chain alone cannot tell');
    expect(verifyConsentReceipt(forged, { trustedKeys })).to.deep.equal({ valid: false, head: forged.head, records: 2, brokenAt: refusal!.id });
    const stripped = { ...document, records: document.records.map(({ countersignature: _dropped, ...record }) => record) };
    expect(verifyConsentReceipt(stripped, { trustedKeys }).valid).to.equal(false, 'nor without its countersignatures');
    expect(verifyConsentReceipt(document, { trustedKeys: { keys: [] } }).valid).to.equal(false, 'nor under keys that did not sign it');
  });

  it('keeps nothing when the server cannot countersign, or the purpose is not a code the log can name', async () => {
    const subjectId = `subject-${crypto.randomUUID()}`;
    const callId = randomRoom('call');
    const store = new MemoryConsentStore();
    const unreachable = new ConsentLedger({ store, notary: new HttpConsentNotary({ baseUrl: 'http://127.0.0.1:9', token: 't', timeoutMs: 2000 }) });
    await expectCode(unreachable.recordDecision(decision(['call']), { subjectId, callId }), 'CONSENT_NOT_COUNTERSIGNED');
    expect(await store.list({ subjectId })).to.deep.equal([]);

    const { ledger, store: kept } = await notarisedLedger(subjectId, callId);
    const error = await expectCode(ledger.recordDecision(decision(['Claim Photos']), { subjectId, callId }), 'CONSENT_NOT_COUNTERSIGNED');
    expect(error.message).to.match(/not a code/);
    const wrongToken = new ConsentLedger({ store: kept, notary: new HttpConsentNotary({ baseUrl: await storageBaseUrl(), token: 'not-a-token' }) });
    expect((await expectCode(wrongToken.recordDecision(decision(['call']), { subjectId, callId }), 'CONSENT_NOT_COUNTERSIGNED')).message).to.match(/401/);
    expect(await kept.list({ subjectId })).to.deep.equal([]);
  });
});
