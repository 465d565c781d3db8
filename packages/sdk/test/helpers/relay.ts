import { x25519 } from '@noble/curves/ed25519.js';
import type { PeerMessage, SignalingAdapter, SignalingEvents } from '../../src/index.js';
import { toBase64Url } from '../../src/internal/bytes.js';

/**
 * A man in the middle on the signaling path: it wraps one participant's adapter and swaps
 * every E2EE public key that passes, both ways, for one of its own, as a malicious signaling
 * server would. It cannot forge the MAC: that needs the call secret.
 */
export function keySwappingRelay(inner: SignalingAdapter): SignalingAdapter & { swapped: number } {
  const { publicKey } = x25519.keygen();
  const swap = (message: PeerMessage): PeerMessage => {
    if (message.kind !== 'e2ee-key') return message;
    relay.swapped++;
    return { ...message, publicKey: toBase64Url(publicKey) };
  };
  const relay = {
    swapped: 0,
    get room() { return inner.room; },
    get role() { return inner.role; },
    get state() { return inner.state; },
    connect: () => inner.connect(),
    send: (message: PeerMessage) => inner.send(swap(message)),
    admit: (id: string) => inner.admit(id),
    reject: (id: string) => inner.reject(id),
    close: () => inner.close(),
    on<K extends keyof SignalingEvents>(type: K, listener: (detail: SignalingEvents[K]) => void) {
      if (type !== 'message') return inner.on(type, listener);
      return inner.on('message', ({ from, message }) => (listener as (d: SignalingEvents['message']) => void)({ from, message: swap(message) }));
    },
  };
  return relay;
}
