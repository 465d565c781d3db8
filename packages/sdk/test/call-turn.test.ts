import { expect } from '@esm-bundle/chai';
import { CallSession, createCallSecret, WebSocketSignaling, type Role } from '../src/index.js';
import { renderedFrames, stateReached } from './helpers/media.js';
import { randomRoom, roomToken, turnSetup } from './helpers/server.js';
import { itWithInPageCalls } from './helpers/in-page-calls.js';

// Calls through Debian's coturn on loopback (scripts/test-turn.mjs), with the credentials the
// reference server hands out in `joined` or minted here the same way, and iceTransportPolicy
// 'relay': the only way through is the TURN server.

/** The TURN REST form coturn's use-auth-secret checks: username `<expiry>:<id>`, base64(HMAC-SHA1(secret, username)). */
async function credentials(secret: string, expiresAtSeconds: number): Promise<{ username: string; credential: string }> {
  const username = `${expiresAtSeconds}:test-${crypto.randomUUID().slice(0, 8)}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username)));
  return { username, credential: btoa(String.fromCharCode(...mac)) };
}

interface CandidateStats {
  readonly candidateType?: string;
  readonly relayProtocol?: string;
}

/** The local and remote candidates of the pair the connection selected. */
async function selectedPair(pc: RTCPeerConnection): Promise<{ local: CandidateStats; remote: CandidateStats }> {
  const stats = [...(await pc.getStats()).values()] as Array<Record<string, unknown>>;
  const byId = new Map(stats.map((s) => [s.id, s]));
  const transport = stats.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const pair = transport ? byId.get(transport.selectedCandidatePairId) : stats.find((s) => s.type === 'candidate-pair' && s.selected === true);
  expect(pair, 'a selected candidate pair').to.not.equal(undefined);
  return { local: byId.get(pair!.localCandidateId) as CandidateStats, remote: byId.get(pair!.remoteCandidateId) as CandidateStats };
}

/** The relay candidates this browser gathers with `iceServers` alone, and the errors it met. */
async function relayCandidates(iceServers: RTCIceServer[]): Promise<{ relays: RTCIceCandidate[]; errors: number[] }> {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const relays: RTCIceCandidate[] = [];
  const errors: number[] = [];
  pc.addEventListener('icecandidate', ({ candidate }) => candidate?.type === 'relay' && relays.push(candidate));
  pc.addEventListener('icecandidateerror', (event) => errors.push((event as RTCPeerConnectionIceErrorEvent).errorCode));
  pc.createDataChannel('probe');
  const complete = new Promise<void>((resolve) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()));
  await pc.setLocalDescription(await pc.createOffer());
  await Promise.race([complete, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  pc.close();
  return { relays, errors };
}

describe('calls through TURN (coturn on loopback)', () => {
  const cleanup: CallSession[] = [];
  afterEach(() => cleanup.splice(0).forEach((session) => session.hangUp()));

  async function relayedCall(url: string, iceServers?: RTCIceServer[]) {
    const room = randomRoom();
    const secret = createCallSecret();
    const session = async (role: Role) =>
      new CallSession({
        signaling: new WebSocketSignaling({ url, room, role, token: await roomToken(room, role) }),
        e2ee: { secret },
        consent: false,
        iceTransportPolicy: 'relay',
        ...(iceServers ? { iceServers } : {}),
      });
    const agent = await session('agent');
    const customer = await session('customer');
    cleanup.push(agent, customer);
    agent.on('knock', ({ participantId }) => agent.admit(participantId));
    await agent.join();
    await customer.join();
    await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
    await Promise.all([renderedFrames(agent.remoteStream!), renderedFrames(customer.remoteStream!)]);
    return { agent, customer };
  }

  itWithInPageCalls('relays a call with the credentials the server handed out: frames decode both ways over a relay/relay pair', async () => {
    const { url } = await turnSetup();
    const { agent, customer } = await relayedCall(url);
    for (const session of [agent, customer]) {
      const { local, remote } = await selectedPair(session.peerConnection!);
      expect([local.candidateType, remote.candidateType]).to.deep.equal(['relay', 'relay']);
    }
  });

  for (const transport of ['udp', 'tcp'] as const) {
    itWithInPageCalls(`relays over ${transport.toUpperCase()} alone`, async () => {
      const { url, secret, urls } = await turnSetup();
      const only = urls.filter((u) => u.endsWith(`transport=${transport}`));
      const { agent } = await relayedCall(url, [{ urls: only, ...(await credentials(secret, Math.floor(Date.now() / 1000) + 600)) }]);
      const { local, remote } = await selectedPair(agent.peerConnection!);
      expect([local.candidateType, remote.candidateType]).to.deep.equal(['relay', 'relay']);
      // How this browser reached the TURN server (getStats' pair protocol is the relayed leg's, UDP either way).
      if (local.relayProtocol !== undefined) expect(local.relayProtocol).to.equal(transport);
    });
  }

  it('coturn refuses expired credentials (no relay candidate, 401) and takes fresh ones', async () => {
    const { secret, urls } = await turnSetup();
    const now = Math.floor(Date.now() / 1000);
    const expired = await relayCandidates([{ urls: [...urls], ...(await credentials(secret, now - 60)) }]);
    expect(expired.relays).to.have.length(0);
    // Where the browser reports ICE candidate errors at all (Firefox 140 does not), it says 401.
    if ('onicecandidateerror' in RTCPeerConnection.prototype) expect(expired.errors).to.include(401);
    const fresh = await relayCandidates([{ urls: [...urls], ...(await credentials(secret, now + 600)) }]);
    expect(fresh.relays.length).to.be.greaterThan(0);
  });
});
