import { E2EEWorkerClient } from '../../src/e2ee/worker-client.js';
import type { FrameKeys } from '../../src/e2ee/frame-cryptor.js';

export const randomKey = () => crypto.getRandomValues(new Uint8Array(32));

export function workerClient(): E2EEWorkerClient {
  const worker = new Worker(new URL('../../src/e2ee/e2ee-worker.js', import.meta.url), { type: 'module' });
  return new E2EEWorkerClient(worker, 'encoded-streams', (error) => {
    throw error;
  });
}

/**
 * Two bare peer connections, one sending the fake camera through the E2EE worker, the other
 * receiving through `receivePath` (a stage of the test's own, the "relay") and then its worker.
 */
export async function encryptedLink(options: {
  senderKeys: FrameKeys;
  receiverKeys: FrameKeys;
  relay?: TransformStream;
}): Promise<{ remote: MediaStream; receiver: E2EEWorkerClient; sender: E2EEWorkerClient; pcs: RTCPeerConnection[] }> {
  const config = { iceServers: [], encodedInsertableStreams: true } as RTCConfiguration;
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  const sender = workerClient();
  const receiver = workerClient();
  await Promise.all([sender.configure(4, 1000), receiver.configure(4, 1000)]);
  await Promise.all([sender.setKeys(options.senderKeys), receiver.setKeys(options.receiverKeys)]);

  const camera = await navigator.mediaDevices.getUserMedia({ video: true });
  sender.attachSender(a.addTrack(camera.getVideoTracks()[0]!, camera));
  const remote = new Promise<MediaStream>((resolve) => {
    b.ontrack = ({ receiver: rtpReceiver, streams }) => {
      const { readable, writable } = (rtpReceiver as unknown as { createEncodedStreams(): { readable: ReadableStream; writable: WritableStream } }).createEncodedStreams();
      void receiver.attachStreams('receive', options.relay ? readable.pipeThrough(options.relay) : readable, writable);
      resolve(streams[0]!);
    };
  });
  a.onicecandidate = ({ candidate }) => candidate && void b.addIceCandidate(candidate);
  b.onicecandidate = ({ candidate }) => candidate && void a.addIceCandidate(candidate);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  return { remote: await remote, receiver, sender, pcs: [a, b] };
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
