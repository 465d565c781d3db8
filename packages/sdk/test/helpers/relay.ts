import { x25519 } from '@noble/curves/ed25519.js';
import type { PeerMessage, SignalingAdapter, SignalingEvents } from '../../src/index.js';
import { toBase64Url } from '../../src/internal/bytes.js';

/** What a hostile or broken signaling path does to one message: deliver these, each after its delay. */
export type Delivery = Array<PeerMessage | { message: PeerMessage; delayMs: number }>;

export interface Interception {
  /** Outgoing messages of the wrapped participant. Default: as they are. */
  send?: (message: PeerMessage) => PeerMessage[];
  /** Incoming messages for the wrapped participant. Default: as they are. */
  receive?: (message: PeerMessage) => Delivery;
}

export type InterceptingAdapter = SignalingAdapter & {
  readonly sent: PeerMessage[];
  readonly received: PeerMessage[];
  /** Delivers `message` as if the other participant (the last one heard from) had sent it. */
  inject(message: PeerMessage): void;
};

/**
 * The signaling path of one participant, in the hands of the test: a signaling server (or a
 * network) that alters, drops, duplicates, delays or injects messages, both ways.
 */
export function interceptingAdapter(inner: SignalingAdapter, interception: Interception): InterceptingAdapter {
  const sent: PeerMessage[] = [];
  const received: PeerMessage[] = [];
  const listeners = new Set<(detail: SignalingEvents['message']) => void>();
  let lastFrom = '';
  inner.on('message', ({ from, message }) => {
    lastFrom = from;
    received.push(message);
    for (const item of interception.receive?.(message) ?? [message]) {
      const [delivered, delayMs] = 'kind' in item ? [item, 0] : [item.message, item.delayMs];
      const deliver = () => {
        if (inner.state !== 'closed') for (const listener of listeners) listener({ from, message: delivered });
      };
      if (delayMs > 0) setTimeout(deliver, delayMs);
      else deliver();
    }
  });
  return {
    sent,
    received,
    inject: (message: PeerMessage) => {
      for (const listener of listeners) listener({ from: lastFrom, message });
    },
    get room() { return inner.room; },
    get role() { return inner.role; },
    get state() { return inner.state; },
    connect: () => inner.connect(),
    send: (message: PeerMessage) => {
      sent.push(message);
      for (const out of interception.send?.(message) ?? [message]) inner.send(out);
    },
    admit: (id: string) => inner.admit(id),
    reject: (id: string) => inner.reject(id),
    close: () => inner.close(),
    on<K extends keyof SignalingEvents>(type: K, listener: (detail: SignalingEvents[K]) => void) {
      if (type !== 'message') return inner.on(type, listener);
      const typed = listener as (detail: SignalingEvents['message']) => void;
      listeners.add(typed);
      return () => listeners.delete(typed);
    },
  };
}

/**
 * A man in the middle on the signaling path: it wraps one participant's adapter and swaps
 * every E2EE public key that passes, both ways, for one of its own, as a malicious signaling
 * server would. It cannot forge the MAC: that needs the call secret.
 */
export function keySwappingRelay(inner: SignalingAdapter): InterceptingAdapter & { swapped: number } {
  const { publicKey } = x25519.keygen();
  let swapped = 0;
  const swap = (message: PeerMessage): PeerMessage => {
    if (message.kind !== 'e2ee-key') return message;
    swapped++;
    return { ...message, publicKey: toBase64Url(publicKey) };
  };
  const adapter = interceptingAdapter(inner, { send: (m) => [swap(m)], receive: (m) => [swap(m)] });
  return Object.defineProperty(adapter, 'swapped', { get: () => swapped }) as InterceptingAdapter & { swapped: number };
}
