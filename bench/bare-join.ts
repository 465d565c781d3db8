/**
 * The floor under `join-to-first-frame.ts`: two bare RTCPeerConnections in one page, the same
 * fake camera and constraints, offer, answer and ICE candidates handed over directly (no server,
 * no encryption beyond DTLS-SRTP). As there, the agent's side is up before the clock starts; the
 * customer's side then takes its camera and microphone, and the clock stops at the first
 * presented frame of the agent's video.
 */
import { defaultMediaConstraints as constraints } from '../packages/sdk/src/call/media.js';
import { firstPresentedFrame } from './first-frame.js';

/** Candidates of each side go straight to the other. */
function trickle(from: RTCPeerConnection, to: RTCPeerConnection): void {
  from.addEventListener('icecandidate', ({ candidate }) => {
    if (candidate) void to.addIceCandidate(candidate);
  });
}

async function bareJoin(): Promise<number> {
  const agentMedia = await navigator.mediaDevices.getUserMedia(constraints);
  const agent = new RTCPeerConnection();
  for (const track of agentMedia.getTracks()) agent.addTrack(track, agentMedia);

  const start = performance.now();
  const customerMedia = await navigator.mediaDevices.getUserMedia(constraints);
  const customer = new RTCPeerConnection();
  for (const track of customerMedia.getTracks()) customer.addTrack(track, customerMedia);
  const remote = new Promise<MediaStream>((resolve) => customer.addEventListener('track', ({ streams }) => resolve(streams[0]!), { once: true }));
  trickle(agent, customer);
  trickle(customer, agent);
  await agent.setLocalDescription();
  await customer.setRemoteDescription(agent.localDescription!);
  await customer.setLocalDescription();
  await agent.setRemoteDescription(customer.localDescription!);
  const shown = await firstPresentedFrame(await remote);

  for (const pc of [agent, customer]) pc.close();
  for (const track of [...agentMedia.getTracks(), ...customerMedia.getTracks()]) track.stop();
  return shown - start;
}

declare global {
  interface Window {
    sealcallBareJoin: typeof bareJoin;
  }
}
window.sealcallBareJoin = bareJoin;
