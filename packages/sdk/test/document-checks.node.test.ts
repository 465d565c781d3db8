import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { SealcallError } from '../src/errors.js';
import { DOCUMENT_VERDICT_MS, type DocumentTransfer, type SharedDocument } from '../src/share/document.js';
import { DocumentReceiver } from '../src/share/document-receiver.js';
import { DocumentSender } from '../src/share/document-sender.js';
import { documentFileName, sniffDocumentType } from '../src/share/document-type.js';
import type { ShareMessage } from '../src/share/share-wire.js';
import { decodeShareMessage, encodeShareMessage } from '../src/share/share-wire.js';

const bytesOf = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

test('tells each type by its first bytes, whatever else the file is', () => {
  assert.equal(sniffDocumentType(bytesOf('%PDF-1.4\n')), 'application/pdf');
  assert.equal(sniffDocumentType(bytesOf([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(sniffDocumentType(bytesOf([0x89], 'PNG\r\n\x1a\n')), 'image/png');
  assert.equal(sniffDocumentType(bytesOf('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')), 'image/webp');
  for (const other of [bytesOf('RIFF', [1, 2, 3, 4], 'WAVEfmt '), bytesOf('<html>%PDF-'), bytesOf('MZ\x90\x00'), bytesOf(' %PDF-'), bytesOf('%PD'), new Uint8Array()]) {
    assert.equal(sniffDocumentType(other), undefined);
  }
});

test('names a file safely, with the extension of its content', () => {
  const cases: Array<[string, Parameters<typeof documentFileName>[1], string]> = [
    ['claim.pdf', 'application/pdf', 'claim.pdf'],
    ['Scan.JPEG', 'image/jpeg', 'Scan.jpg'],
    ['C:\\Users\\anna\\Desktop\\damage.png', 'image/png', 'damage.png'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['invoice.pdf.exe', 'application/pdf', 'invoice.pdf.exe.pdf'],
    ['\u202Efdp.exe', 'application/pdf', 'fdp.exe.pdf'],
    ['...hidden', 'image/webp', 'hidden.webp'],
    ['a<b>:c|d?e*"f', 'image/png', 'a_b__c_d_e__f.png'],
    ['line\nbreak\ttab', 'application/pdf', 'linebreaktab.pdf'],
    ['', 'application/pdf', 'document.pdf'],
    ['/', 'image/jpeg', 'document.jpg'],
  ];
  for (const [name, type, expected] of cases) assert.equal(documentFileName(name, type), expected, name);
  const long = documentFileName(`${'é'.repeat(100)}${'😀'.repeat(40)}.pdf`, 'application/pdf');
  assert.ok(long.length <= 120, `${long.length}`);
  assert.ok(long.endsWith('😀.pdf'), 'never half a character');
});

test('the wire refuses an offer of a type not allowed, a bad digest, a bad grant or an extra field', () => {
  const offer = { kind: 'document-offer', id: 'd1', name: 'a.pdf', type: 'application/pdf', size: 10, sha256: 'a'.repeat(64) } as const;
  assert.deepEqual(decodeShareMessage(encodeShareMessage(offer)), offer);
  const underGrant = { ...offer, consentRef: 'grant-1' };
  assert.deepEqual(decodeShareMessage(encodeShareMessage(underGrant)), underGrant);
  const bads = [{ ...offer, type: 'text/html' }, { ...offer, sha256: 'A'.repeat(64) }, { ...offer, size: -1 }, { ...offer, size: 0 }, { ...offer, name: 'x'.repeat(121) }, { ...offer, extra: 1 }];
  const badGrants = [{ ...offer, consentRef: '' }, { ...offer, consentRef: 7 }, { ...offer, consentRef: null }, { ...offer, consentRef: 'x'.repeat(257) }, { ...underGrant, extra: 1 }];
  for (const bad of [...bads, ...badGrants]) {
    assert.equal(decodeShareMessage(encodeShareMessage(bad as unknown as ShareMessage)), undefined, JSON.stringify(bad).slice(0, 80));
  }
});

function receiver() {
  const answers: ShareMessage[] = [];
  const received: SharedDocument[] = [];
  const failed: Array<{ transfer: DocumentTransfer; error: SealcallError }> = [];
  const progress: number[] = [];
  const it = new DocumentReceiver('customer', {
    progress: (t) => progress.push(t.done),
    received: (d) => received.push(d),
    failed: (transfer, error) => failed.push({ transfer, error }),
    answer: (m) => answers.push(m),
  });
  return { it, answers, received, failed, progress };
}

const pdf = bytesOf('%PDF-1.7\n', Array.from({ length: 200 }, (_, i) => i % 256));
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const offerOf = (bytes: Uint8Array, fields: Partial<Extract<ShareMessage, { kind: 'document-offer' }>> = {}) =>
  ({ kind: 'document-offer', id: 'doc-1', name: '../x\u202E.pdf', type: 'application/pdf', size: bytes.length, sha256: digest(bytes), ...fields }) as const;

test('takes a document whose chunks come whole and in order, and checks it', async () => {
  const r = receiver();
  r.it.offer(offerOf(pdf));
  assert.equal(r.it.chunk(0, pdf.subarray(0, 100)), true);
  assert.equal(r.it.chunk(1, pdf.subarray(100)), true);
  assert.equal(await r.it.end('doc-1'), true);
  assert.equal(r.received.length, 1);
  assert.deepEqual(r.received[0]!.bytes, pdf);
  assert.equal(r.received[0]!.name, 'x.pdf');
  assert.deepEqual(r.progress, [0, 100, pdf.length]);
  assert.deepEqual(r.answers.map((a) => a.kind), ['document-received']);
  assert.equal('consentRef' in r.received[0]!, false, 'sent under no grant');
});

test('hands on the grant a customer\'s document was offered under', async () => {
  const r = receiver();
  r.it.offer(offerOf(pdf, { consentRef: 'grant-7' }));
  r.it.chunk(0, pdf);
  await r.it.end('doc-1');
  assert.equal(r.received[0]!.consentRef, 'grant-7');
});

test('refuses what the sender claims falsely: size, order, digest, type', async () => {
  const cases: Array<[string, (r: ReturnType<typeof receiver>) => Promise<void> | void, string, string]> = [
    ['over the limit', (r) => r.it.offer(offerOf(pdf, { size: 20 * 1024 * 1024 + 1 })), 'too-large', 'DOCUMENT_TOO_LARGE'],
    ['a chunk skipped', (r) => void (r.it.offer(offerOf(pdf)), r.it.chunk(1, pdf.subarray(0, 10))), 'corrupt', 'DOCUMENT_NOT_DELIVERED'],
    ['more than offered', (r) => void (r.it.offer(offerOf(pdf, { size: 10 })), r.it.chunk(0, pdf.subarray(0, 11))), 'corrupt', 'DOCUMENT_NOT_DELIVERED'],
    ['less than offered', async (r) => void (r.it.offer(offerOf(pdf, { size: pdf.length + 1 })), r.it.chunk(0, pdf), await r.it.end('doc-1')), 'corrupt', 'DOCUMENT_NOT_DELIVERED'],
    ['another digest', async (r) => void (r.it.offer(offerOf(pdf, { sha256: 'b'.repeat(64) })), r.it.chunk(0, pdf), await r.it.end('doc-1')), 'corrupt', 'DOCUMENT_NOT_DELIVERED'],
    ['HTML offered as a PDF', async (r) => {
      const html = bytesOf('<script>alert(1)</script>');
      r.it.offer(offerOf(html));
      r.it.chunk(0, html);
      await r.it.end('doc-1');
    }, 'type-not-allowed', 'DOCUMENT_TYPE_NOT_ALLOWED'],
    ['the connection rebuilt part-way', (r) => void (r.it.offer(offerOf(pdf)), r.it.chunk(0, pdf.subarray(0, 10)), r.it.interrupt()), 'interrupted', 'DOCUMENT_NOT_DELIVERED'],
  ];
  for (const [what, act, reason, code] of cases) {
    const r = receiver();
    await act(r);
    assert.equal(r.received.length, 0, what);
    assert.deepEqual(r.answers.map((a) => (a.kind === 'document-refused' ? a.reason : a.kind)), [reason], what);
    assert.deepEqual(r.failed.map((f) => f.error.code), [code], what);
  }
});

test('drops quietly the rest of a refused document, and reports chunks of none', async () => {
  const r = receiver();
  assert.equal(r.it.chunk(0, pdf), false);
  r.it.offer(offerOf(pdf, { size: 30 * 1024 * 1024 }));
  assert.equal(r.it.chunk(0, pdf), true);
  assert.equal(await r.it.end('doc-1'), true);
  assert.equal(await r.it.end('doc-2'), false);
  assert.equal(r.answers.length, 1);
});

test('a sender waits for the verdict from the end of sending, however long sending took', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const failed: string[] = [];
  let release: (() => void) | undefined;
  const sender = new DocumentSender('customer', {
    // The channel takes its time: each frame waits until the test lets it go.
    send: () => new Promise<void>((resolve) => (release = resolve)),
    progress: () => undefined,
    sent: () => undefined,
    failed: (_, error) => failed.push(error.code),
  });
  const sent = sender.send({ name: 'scan.pdf', type: 'application/pdf', bytes: pdf });
  const outcome = sent.then(() => 'sent', (error: SealcallError) => error.code);
  for (let frame = 0; frame < 3; frame++) {
    await until(() => release);
    t.mock.timers.tick(DOCUMENT_VERDICT_MS);
    const next = release!;
    release = undefined;
    next();
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(failed, [], 'three minutes of sending is not "no answer"');
  t.mock.timers.tick(DOCUMENT_VERDICT_MS - 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(failed, []);
  t.mock.timers.tick(1);
  assert.equal(await outcome, 'DOCUMENT_NOT_DELIVERED');
});

/** Waits for `condition` by the real clock (the test mocks only setTimeout): the offer waits on a SHA-256 in the thread pool, which a busy machine is slow to run. */
async function until(condition: () => unknown): Promise<void> {
  for (const start = Date.now(); !condition() && Date.now() - start < 10_000; ) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'the sender sends the next frame');
}
