import { ArtifactVault, BroadcastChannelSignaling, CallSession, createCallSecret, DeviceKeyProvider, MemoryStorage, type CallSessionOptions, type RecoveryOptions, type Role } from '../../src/index.js';
import { e2eeReached } from './e2ee.js';
import { stateReached } from './media.js';
import { randomRoom } from './server.js';

export const SEALED_LABEL = 'sealcall-sealed';

/** The KID in a sealed frame's header: the agent's are even, the customer's odd. */
export const senderOf = (frame: Uint8Array): Role => (new DataView(frame.buffer, frame.byteOffset).getUint32(1) % 2 === 0 ? 'agent' : 'customer');

/**
 * Stands between every sealed channel of the page and the wire: sees each frame as sent, and
 * may change or drop it, as a relay that could reach inside the connection would.
 */
export function tapSealedFrames(edit: (frame: Uint8Array, channel: RTCDataChannel) => Uint8Array | undefined = (f) => f): { frames: Uint8Array[]; restore(): void } {
  const frames: Uint8Array[] = [];
  const send = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'send')!.value as (this: RTCDataChannel, data: unknown) => void;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: unknown) {
    if (this.label !== SEALED_LABEL || !ArrayBuffer.isView(data)) return send.call(this, data);
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    frames.push(frame);
    const sent = edit(frame, this);
    if (sent) send.call(this, sent);
  } as RTCDataChannel['send'];
  return { frames, restore: () => void (RTCDataChannel.prototype.send = send as RTCDataChannel['send']) };
}

export interface SealedCallOptions {
  readonly e2ee?: boolean;
  readonly recovery?: RecoveryOptions;
  readonly room?: string;
  /** The customer's consent gate; none by default. */
  readonly consent?: CallSessionOptions['consent'];
}

/** An agent and a customer in one room of this page, connected, with keys agreed unless `e2ee: false`. Each goes into `sessions`, to hang up after. */
export async function sealedCall(sessions: CallSession[], options: SealedCallOptions = {}): Promise<Record<Role, CallSession> & { room: string }> {
  const room = options.room ?? randomRoom();
  const e2ee = options.e2ee === false ? (false as const) : { secret: createCallSecret() };
  const recovery = options.recovery ? { recovery: options.recovery } : {};
  const agent = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'agent' }), e2ee, ...recovery });
  const customer = new CallSession({ signaling: new BroadcastChannelSignaling({ room, role: 'customer' }), e2ee, consent: options.consent ?? false, ...recovery });
  sessions.push(agent, customer);
  agent.on('knock', ({ participantId }) => agent.admit(participantId));
  await agent.join();
  await customer.join();
  await Promise.all([stateReached(agent, 'connected'), stateReached(customer, 'connected')]);
  if (e2ee) await Promise.all([e2eeReached(agent, 'active'), e2eeReached(customer, 'active')]);
  return { agent, customer, room };
}

/** A vault over memory storage with a fresh device key: what it stores can be read back raw from `storage`. */
export function memoryVault(): { vault: ArtifactVault; storage: MemoryStorage; stored(id: string): Promise<Uint8Array> } {
  const storage = new MemoryStorage();
  const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ databaseName: `sealcall-test-keys-${crypto.randomUUID()}` })] });
  return { vault, storage, stored: async (id) => new Uint8Array(await new Response(await storage.getContent(id)).arrayBuffer()) };
}
