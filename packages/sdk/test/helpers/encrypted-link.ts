import { createCallSecret, type Role } from '../../src/index.js';
import { defaultTransformApi } from '../../src/e2ee/transform-api.js';
import { E2EEWorkerClient } from '../../src/e2ee/worker-client.js';
import type { AgreementMessage, AgreementStatus, WorkerEvent } from '../../src/e2ee/worker-protocol.js';

export interface TestWorker {
  /** The participant id the other side's worker knows it by. */
  readonly name: string;
  readonly client: E2EEWorkerClient;
  readonly role: Role;
  /** What the worker reported on its own, in order. */
  readonly events: WorkerEvent[];
}

/** A real E2EE worker, configured for one side of a call. */
export async function testWorker(role: Role, secret: Uint8Array, options: { room?: string; firstKid?: number; failureTolerance?: number } = {}): Promise<TestWorker> {
  const worker = new Worker(new URL('../../src/e2ee/e2ee-worker.js', import.meta.url), { type: 'module' });
  const events: WorkerEvent[] = [];
  const client = new E2EEWorkerClient(worker, defaultTransformApi()!, {
    event: (event) => events.push(event),
    crashed: (error) => {
      throw error;
    },
  });
  await client.configure({
    suite: 4,
    keyGraceMs: 1000,
    failureTolerance: options.failureTolerance ?? 10,
    callSecret: secret,
    room: options.room ?? 'room-1',
    role,
    firstKid: options.firstKid ?? (role === 'agent' ? 0 : 1),
  });
  return { name: `${role}-${++workers}`, client, role, events };
}

let workers = 0;

/** Two workers agreeing keys the way two CallSessions do, with the test as the signaling path. */
export async function agree(agent: TestWorker, customer: TestWorker): Promise<{ agent: AgreementStatus; customer: AgreementStatus }> {
  const name = (w: TestWorker) => w.name;
  const other = (w: TestWorker) => (w === agent ? customer : agent);
  const status = new Map<TestWorker, AgreementStatus>();
  const inFlight: Array<{ to: TestWorker; message: AgreementMessage }> = [];
  const take = (from: TestWorker, reply: { send: AgreementMessage[]; status: AgreementStatus }) => {
    status.set(from, reply.status);
    for (const message of reply.send) inFlight.push({ to: other(from), message });
  };
  take(agent, await agent.client.begin(name(customer)));
  take(customer, await customer.client.begin(name(agent)));
  for (let guard = 0; inFlight.length > 0 && guard < 100; guard++) {
    const { to, message } = inFlight.shift()!;
    take(to, await to.client.agreementMessage(name(other(to)), message));
  }
  return { agent: status.get(agent)!, customer: status.get(customer)! };
}

/** An agent's and a customer's worker with agreed keys. */
export async function agreedWorkers(secret = createCallSecret()): Promise<{ agent: TestWorker; customer: TestWorker }> {
  const agent = await testWorker('agent', secret);
  const customer = await testWorker('customer', secret);
  await agree(agent, customer);
  return { agent, customer };
}

/**
 * Two bare peer connections, one sending the fake camera through `sender`'s worker, the other
 * receiving through `receiver`'s worker, with the browser's transform API. A `relay` (a stage of
 * the test's own, the network) sits before the receiver's worker; it needs encoded streams
 * (frames cannot be tapped in the page otherwise, see frame-taps.ts).
 */
export async function encryptedLink(options: {
  sender: E2EEWorkerClient;
  receiver: E2EEWorkerClient;
  relay?: TransformStream;
}): Promise<{ remote: MediaStream; pcs: RTCPeerConnection[] }> {
  const encodedStreams = options.sender.api === 'encoded-streams';
  const config = { iceServers: [], ...(encodedStreams ? { encodedInsertableStreams: true } : {}) } as RTCConfiguration;
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  const camera = await navigator.mediaDevices.getUserMedia({ video: true });
  options.sender.attachSender(a.addTrack(camera.getVideoTracks()[0]!, camera));
  const remote = new Promise<MediaStream>((resolve) => {
    b.ontrack = ({ receiver: rtpReceiver, streams }) => {
      if (options.relay) {
        const { readable, writable } = (rtpReceiver as unknown as { createEncodedStreams(): { readable: ReadableStream; writable: WritableStream } }).createEncodedStreams();
        void options.receiver.attachStreams('receive', 'video', readable.pipeThrough(options.relay), writable);
      } else {
        options.receiver.attachReceiver(rtpReceiver);
      }
      resolve(streams[0]!);
    };
  });
  a.onicecandidate = ({ candidate }) => candidate && void b.addIceCandidate(candidate);
  b.onicecandidate = ({ candidate }) => candidate && void a.addIceCandidate(candidate);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  return { remote: await remote, pcs: [a, b] };
}

/** Every `flipEvery`th frame gets a bit flipped; every `replayEvery`th is sent twice. */
export function tamperingRelay({ flipEvery, replayEvery }: { flipEvery: number; replayEvery: number }): TransformStream {
  let count = 0;
  return new TransformStream({
    transform(frame: { data: ArrayBuffer }, controller) {
      count++;
      if (count % flipEvery === 0) {
        const bytes = new Uint8Array(frame.data);
        bytes[bytes.length - 1]! ^= 0x01;
        frame.data = bytes.buffer;
      }
      controller.enqueue(frame);
      if (count % replayEvery === 0) controller.enqueue(frame);
    },
  });
}
