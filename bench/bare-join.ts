/**
 * The floor under `join-to-first-frame.ts`: two bare RTCPeerConnections in one page, the same
 * fake camera and constraints, offer, answer and ICE candidates handed over directly (no server,
 * no encryption beyond DTLS-SRTP). As there, the agent's side is up before the clock starts; the
 * customer's side then takes its camera and microphone, and the clock stops at the first
 * presented frame of the agent's video.
 */

const constraints: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true },
  video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
};

function firstFrame(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  const playing = video.play();
  return new Promise((resolve) =>
    video.requestVideoFrameCallback(() => {
      resolve(performance.now());
      void playing.then(() => video.pause());
    }),
  );
}

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
  const shown = await firstFrame(await remote);

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

export {};
