/**
 * A document sent during a call (`session.sendDocument`), timed next to its floor in the same
 * page: the same bytes in chunks of the same size over a bare RTCDataChannel between two bare
 * RTCPeerConnections, with the same backpressure (wait below 256 KiB once 1 MiB is buffered),
 * no sealing, no checks. Both clocks stop when the receiving side has every byte.
 */
import { BroadcastChannelSignaling, CallSession, createCallSecret } from '@sealcall/sdk';

const CHUNK = 48 * 1024;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

function pdfOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
}

/** Milliseconds from `sendDocument()` to the `document` event at the agent, the customer sending. */
async function sealcall(size: number): Promise<number> {
  const room = `bench-document-${crypto.randomUUID()}`;
  const e2ee = { secret: createCallSecret() };
  const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee });
  const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee, consent: false });
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  // Connected, with keys agreed.
  const keyed = (session: CallSession) =>
    new Promise<void>((resolve) => {
      const check = () => session.state === 'connected' && session.e2ee?.state === 'active' && resolve();
      session.on('e2ee-change', check);
      session.on('state-change', check);
    });
  const ready = Promise.all([keyed(agent), keyed(customer)]);
  await agent.join();
  await customer.join();
  await ready;
  const file = new File([pdfOf(size)], 'bench.pdf');
  const arrived = new Promise<void>((resolve) => agent.on('document', ({ document }) => document.from === 'customer' && resolve()));
  const start = performance.now();
  await customer.sendDocument(file);
  await arrived;
  const elapsed = performance.now() - start;
  customer.hangUp();
  agent.hangUp();
  return elapsed;
}

/** Milliseconds to carry the same bytes over a bare data channel, chunked and paced the same way. */
async function bare(size: number): Promise<number> {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.addEventListener('icecandidate', ({ candidate }) => candidate && void b.addIceCandidate(candidate));
  b.addEventListener('icecandidate', ({ candidate }) => candidate && void a.addIceCandidate(candidate));
  const sending = a.createDataChannel('bench', { negotiated: true, id: 16, ordered: true });
  const receiving = b.createDataChannel('bench', { negotiated: true, id: 16, ordered: true });
  sending.bufferedAmountLowThreshold = LOW_WATER;
  receiving.binaryType = 'arraybuffer';
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  await new Promise((resolve) => sending.addEventListener('open', resolve, { once: true }));
  const bytes = pdfOf(size);
  const copy = new Uint8Array(size);
  let received = 0;
  const arrived = new Promise<void>((resolve) =>
    receiving.addEventListener('message', ({ data }: MessageEvent<ArrayBuffer>) => {
      copy.set(new Uint8Array(data), received);
      received += data.byteLength;
      if (received === size) resolve();
    }),
  );
  const start = performance.now();
  for (let offset = 0; offset < size; offset += CHUNK) {
    if (sending.bufferedAmount > HIGH_WATER) await new Promise((resolve) => sending.addEventListener('bufferedamountlow', resolve, { once: true }));
    sending.send(bytes.subarray(offset, offset + CHUNK));
  }
  await arrived;
  const elapsed = performance.now() - start;
  a.close();
  b.close();
  return elapsed;
}

declare global {
  interface Window {
    sealcallDocumentTransfer: (size: number) => Promise<{ sealcallMs: number; bareMs: number }>;
  }
}
window.sealcallDocumentTransfer = async (size) => ({ sealcallMs: await sealcall(size), bareMs: await bare(size) });
