import { expect } from '@esm-bundle/chai';
import { CallSession, ConsentLedger, MemoryConsentStore, SealcallError, storeDocument, type ConsentDecision, type DocumentTransfer, type Role, type SharedDocument } from '../src/index.js';
import { randomRoom } from './helpers/server.js';
import { memoryVault, sealedCall, senderOf, tapSealedFrames, type SealedCallOptions } from './helpers/sealed-call.js';
import { until } from './helpers/until.js';
import { cleanUpCalls } from './helpers/clean-up-calls.js';

const MARKER = 'POLICY-NUMBER-7731-SECRET';

/** A PDF by its signature, `size` bytes, with the marker written all through it. */
function pdfOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  const marker = new TextEncoder().encode(MARKER);
  for (let offset = 4096; offset + marker.length < size; offset += 100_000) bytes.set(marker, offset);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
  return bytes;
}

/** A JPEG from a canvas, with an EXIF segment carrying a made-up location put in. */
async function jpegWithExif(): Promise<Blob> {
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c33';
  context.fillRect(0, 0, 64, 48);
  const plain = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
  const description = [...new TextEncoder().encode('GPS 48.85837N 2.29448E'), 0];
  // A big-endian TIFF with one IFD of one entry: ImageDescription (0x010E, ASCII), its text at offset 26.
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x0e, 0, 2, 0, 0, 0, description.length, 0, 0, 0, 26, 0, 0, 0, 0, ...description];
  const payload = [...new TextEncoder().encode('Exif\0\0'), ...tiff];
  const segment = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  // After the encoder's JFIF segment: Firefox 140 decodes no JPEG with another segment before it.
  const afterJfif = 4 + ((plain[4]! << 8) | plain[5]!);
  return new Blob([plain.subarray(0, afterJfif), new Uint8Array(segment), plain.subarray(afterJfif)], { type: 'image/jpeg' });
}

const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

describe('Documents during a call, sealed end to end on the data channel', () => {
  const { sessions, undo } = cleanUpCalls();

  const connected = (options: SealedCallOptions = {}) => sealedCall(sessions, options);

  function watch(session: CallSession) {
    const documents: SharedDocument[] = [];
    const progress: DocumentTransfer[] = [];
    const failures: Array<{ transfer: DocumentTransfer; error: SealcallError }> = [];
    session.on('document', ({ document }) => documents.push(document));
    session.on('document-progress', ({ transfer }) => progress.push(transfer));
    session.on('document-failed', (failure) => failures.push(failure));
    return { documents, progress, failures, received: () => documents.filter((d) => d.from !== session.role) };
  }

  it('carries 10 MB both ways with progress, bytes unchanged, ciphertext on the wire and in storage', async function () {
    this.timeout(120_000);
    let wire = 0;
    let markerOnWire = false;
    const tap = tapSealedFrames((frame) => {
      wire += frame.length;
      if (!markerOnWire && text(frame).includes(MARKER)) markerOnWire = true;
      return frame;
    });
    undo.push(tap.restore);
    const { agent, customer, room } = await connected();
    const atAgent = watch(agent);
    const atCustomer = watch(customer);
    const size = 10 * 1000 * 1000;
    const claim = pdfOf(size);
    const form = pdfOf(size);
    const [fromCustomer, fromAgent] = await Promise.all([
      customer.sendDocument(new File([claim], 'claim photos.pdf')),
      agent.sendDocument(new Blob([form]), { name: 'Claim form.PDF' }),
    ]);
    expect(fromCustomer).to.include({ from: 'customer', name: 'claim photos.pdf', type: 'application/pdf', size });
    expect(fromAgent).to.include({ from: 'agent', name: 'Claim form.pdf', type: 'application/pdf', size });
    await until(() => atAgent.received().length === 1 && atCustomer.received().length === 1, 'each document at the other side');
    const [atAgentDoc] = atAgent.received();
    const [atCustomerDoc] = atCustomer.received();
    expect(atAgentDoc!.bytes).to.deep.equal(claim);
    expect(atCustomerDoc!.bytes).to.deep.equal(form);
    expect(atAgentDoc).to.include({ from: 'customer', name: 'claim photos.pdf', sha256: fromCustomer.sha256 });
    expect(atAgent.failures).to.deep.equal([]);
    expect(atCustomer.failures).to.deep.equal([]);
    expect(markerOnWire, 'the document crosses as ciphertext').to.equal(false);
    expect(wire).to.be.above(2 * size);

    for (const [watched, direction] of [[atAgent, 'receiving'], [atAgent, 'sending'], [atCustomer, 'receiving']] as const) {
      const done = watched.progress.filter((t) => t.direction === direction).map((t) => t.done);
      expect(done[0], `${direction} starts at 0`).to.equal(0);
      expect(done.at(-1), `${direction} ends whole`).to.equal(size);
      expect(done.every((d, i) => i === 0 || d > done[i - 1]!), `${direction} rises`).to.equal(true);
    }

    const { vault, stored } = memoryVault();
    const kept = await storeDocument({ vault, document: atAgentDoc!, meta: { callId: room, subjectId: 'subject-1', expiresAt: Date.now() + 86_400_000 } });
    expect(kept).to.include({ kind: 'document', mimeType: 'application/pdf', consentRef: null, status: 'complete' });
    const ciphertext = await stored(kept.id);
    expect(ciphertext.length).to.be.above(size);
    expect(text(ciphertext).includes(MARKER), 'stored bytes are ciphertext').to.equal(false);
    const { stream } = await vault.read(kept.id);
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).to.deep.equal(claim);
    // The customer's side keeps the form it received the same way.
    const atCustomerSide = memoryVault();
    const keptForm = await storeDocument({ vault: atCustomerSide.vault, document: atCustomerDoc!, meta: { callId: room, subjectId: 'subject-1', expiresAt: Date.now() + 86_400_000 } });
    expect(text(await atCustomerSide.stored(keptForm.id)).includes(MARKER), 'stored bytes are ciphertext').to.equal(false);
    expect(new Uint8Array(await new Response((await atCustomerSide.vault.read(keptForm.id)).stream).arrayBuffer())).to.deep.equal(form);
  });

  describe('from a customer who keeps a consent ledger', () => {
    const subjectId = 'subject-1';
    const shown = { noticeVersion: 'v3', locale: 'en', shownText: 'Send “claim.pdf” (0.2 MB)? It travels encrypted. Your adviser keeps it with the records of this call.' };
    const decision = (accepted: string[], declined: string[] = []): ConsentDecision => ({ ...shown, accepted, declined });

    async function withLedger() {
      const room = randomRoom();
      const ledger = new ConsentLedger({ store: new MemoryConsentStore() });
      await ledger.recordDecision(decision(['call']), { subjectId, callId: room });
      const { agent, customer } = await sealedCall(sessions, { room, consent: { ledger, subjectId, callId: room } });
      return { agent, customer, ledger, room, atAgent: watch(agent) };
    }

    it('goes only with their grant, recorded first and named in the offer, and the agent keeps it with the document', async function () {
      this.timeout(60_000);
      const { agent, customer, ledger, room, atAgent } = await withLedger();
      const claim = pdfOf(200_000);
      const unasked = await customer.sendDocument(new File([claim], 'claim.pdf')).catch((e: unknown) => e);
      expect((unasked as SealcallError).code).to.equal('CONSENT_REQUIRED');
      const declined = await customer.sendDocument(new File([claim], 'claim.pdf'), { consent: decision([], ['document']) }).catch((e: unknown) => e);
      expect((declined as SealcallError).code).to.equal('INVALID_ARGUMENT');
      expect(await ledger.currentGrant(subjectId, 'document', room)).to.equal(null);

      const sent = await customer.sendDocument(new File([claim], 'claim.pdf'), { consent: decision(['document']) });
      const grant = await ledger.currentGrant(subjectId, 'document', room);
      expect(grant).to.include({ kind: 'grant', callId: room, shownText: shown.shownText });
      expect(sent.consentRef).to.equal(grant!.id);
      await until(() => atAgent.received().length === 1, 'the agent to have it');
      const received = atAgent.received()[0]!;
      expect(received.consentRef).to.equal(grant!.id);
      expect(atAgent.progress.filter((t) => t.direction === 'receiving' && t.done === 0), 'nothing of the refused ones arrived').to.have.length(1);

      const { vault } = memoryVault();
      const kept = await storeDocument({ vault, document: received, meta: { callId: room, subjectId, expiresAt: Date.now() + 86_400_000 } });
      expect(kept).to.include({ kind: 'document', consentRef: grant!.id });

      // The grant in force for the call covers the next one, as a grant given before the call would.
      const next = await customer.sendDocument(new Blob([pdfOf(1000)]), { name: 'page 2.pdf' });
      expect(next.consentRef).to.equal(grant!.id);
      // The agent's own documents go under no consent of the customer's.
      expect((await agent.sendDocument(new Blob([pdfOf(1000)]), { name: 'form.pdf' })).consentRef).to.equal(undefined);
      expect(await agent.sendDocument(new Blob([pdfOf(1000)]), { name: 'form.pdf', consent: decision(['document']) }).catch((e: unknown) => (e as SealcallError).code)).to.equal('INVALID_STATE');
    });

    it('stops at a withdrawal: the next document needs a new grant', async function () {
      this.timeout(60_000);
      const { customer, ledger, room } = await withLedger();
      await customer.sendDocument(new Blob([pdfOf(1000)]), { name: 'a.pdf', consent: decision(['document']) });
      await ledger.withdraw(['document'], shown, { subjectId, callId: room });
      const error = await customer.sendDocument(new Blob([pdfOf(1000)]), { name: 'b.pdf' }).catch((e: unknown) => e);
      expect((error as SealcallError).code).to.equal('CONSENT_REQUIRED');
    });
  });

  it('sends a picture without its metadata, under a safe name, and tells the type by content', async function () {
    this.timeout(60_000);
    const { agent, customer } = await connected();
    const atAgent = watch(agent);
    const picture = await jpegWithExif();
    expect(text(new Uint8Array(await picture.arrayBuffer()))).to.include('48.85837');
    const hostile = '../../etc/\u202Egpj.exe <img src=x onerror=alert(1)>\u0000.png';
    const sent = await customer.sendDocument(new File([picture], hostile));
    expect(sent.type).to.equal('image/jpeg');
    expect(sent.name).to.equal('gpj.exe _img src=x onerror=alert(1)_.png.jpg');
    await until(() => atAgent.received().length === 1, 'the picture at the agent');
    const [received] = atAgent.received();
    expect(received).to.include({ name: sent.name, type: 'image/jpeg' });
    const bytes = text(received!.bytes);
    expect(bytes).not.to.include('Exif');
    expect(bytes).not.to.include('48.85837');
    const bitmap = await createImageBitmap(new Blob([received!.bytes as Uint8Array<ArrayBuffer>]));
    expect([bitmap.width, bitmap.height]).to.deep.equal([64, 48]);
  });

  it('refuses a file too large or of a type not allowed before anything crosses', async function () {
    this.timeout(30_000);
    const tap = tapSealedFrames();
    undo.push(tap.restore);
    const { customer } = await connected();
    const before = tap.frames.length;
    const html = new File(['<html><script>alert(1)</script></html>'], 'invoice.pdf', { type: 'application/pdf' });
    const wrongType = await customer.sendDocument(html).catch((e: unknown) => e);
    expect((wrongType as SealcallError).code).to.equal('DOCUMENT_TYPE_NOT_ALLOWED');
    const big = new Blob([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(20 * 1024 * 1024)]);
    const tooLarge = await customer.sendDocument(big, { name: 'scan.pdf' }).catch((e: unknown) => e);
    expect((tooLarge as SealcallError).code).to.equal('DOCUMENT_TOO_LARGE');
    expect((tooLarge as SealcallError).message).to.include('at most 20.0 MB');
    expect(tap.frames.length).to.equal(before);
  });

  it('refuses a document whose chunk was altered on the way, and the next one arrives', async function () {
    this.timeout(60_000);
    let alter: Role | undefined;
    const tap = tapSealedFrames((frame) => {
      // The sender's first chunk (the offer before it is small).
      if (alter === undefined || senderOf(frame) !== alter || frame.length < 40_000) return frame;
      alter = undefined;
      const altered = frame.slice();
      altered[1000]! ^= 0x01;
      return altered;
    });
    undo.push(tap.restore);
    const { agent, customer } = await connected();
    const atCustomer = watch(customer);
    const rejected: string[] = [];
    customer.on('data-rejected', ({ reason }) => rejected.push(reason));
    alter = 'agent';
    const error = await agent.sendDocument(new Blob([pdfOf(500_000)]), { name: 'form.pdf' }).catch((e: unknown) => e);
    expect((error as SealcallError).code).to.equal('DOCUMENT_NOT_DELIVERED');
    expect(rejected).to.deep.equal(['auth-failed']);
    expect(atCustomer.received()).to.deep.equal([]);
    expect(atCustomer.failures.map((f) => f.error.code)).to.deep.equal(['DOCUMENT_NOT_DELIVERED']);
    const form = pdfOf(300_000);
    await agent.sendDocument(new Blob([form]), { name: 'form.pdf' });
    await until(() => atCustomer.received().length === 1, 'the next document');
    expect(atCustomer.received()[0]!.bytes).to.deep.equal(form);
  });

  it('fails a document cut off by a rebuilt connection on both sides, and sends it again after', async function () {
    this.timeout(60_000);
    let cut: (() => void) | undefined;
    const tap = tapSealedFrames((frame) => {
      if (cut && senderOf(frame) === 'customer' && frame.length > 40_000) {
        const closing = cut;
        cut = undefined;
        setTimeout(closing);
      }
      return frame;
    });
    undo.push(tap.restore);
    const { agent, customer } = await connected({ recovery: { disconnectedGraceMs: 500 } });
    const atAgent = watch(agent);
    const dead = [agent.peerConnection, customer.peerConnection];
    cut = () => customer.peerConnection!.close();
    const error = await customer.sendDocument(new Blob([pdfOf(3_000_000)]), { name: 'scan.pdf' }).catch((e: unknown) => e);
    expect((error as SealcallError).code).to.equal('DOCUMENT_NOT_DELIVERED');
    await until(() => agent.peerConnection && customer.peerConnection && !dead.includes(agent.peerConnection) && !dead.includes(customer.peerConnection) && customer.state === 'connected', 'a new connection on both sides', 20_000);
    await until(() => atAgent.failures.length === 1, 'the agent to drop what it had of it', 20_000);
    expect(atAgent.received()).to.deep.equal([]);
    const scan = pdfOf(1_000_000);
    await customer.sendDocument(new Blob([scan]), { name: 'scan.pdf' });
    await until(() => atAgent.received().length === 1, 'the document sent again');
    expect(atAgent.received()[0]!.bytes).to.deep.equal(scan);
  });
});
