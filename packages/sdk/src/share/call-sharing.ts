import type { SealcallError } from '../errors.js';
import type { Role } from '../signaling/types.js';
import { checkChatText, type ChatMessage } from './chat.js';
import { SealedChannel, type DataSealer, type SealedChannelRejection } from './sealed-channel.js';
import { decodeShareMessage, encodeShareMessage, type ShareMessage } from './share-wire.js';

export interface CallSharingEvents {
  chat(message: ChatMessage): void;
  rejected(reason: SealedChannelRejection): void;
  error(error: SealcallError): void;
}

/**
 * What the participants share during a call besides media, over the sealed data channel: chat
 * messages for now. One per CallSession, for its whole life; each new peer connection is
 * attached to it.
 */
export class CallSharing {
  readonly #role: Role;
  readonly #channel: SealedChannel;
  readonly #events: CallSharingEvents;

  constructor(role: Role, sealer: DataSealer, events: CallSharingEvents) {
    this.#role = role;
    this.#events = events;
    this.#channel = new SealedChannel(sealer);
    this.#channel.on('message', (bytes) => this.#receive(bytes));
    this.#channel.on('rejected', ({ reason }) => events.rejected(reason));
    this.#channel.on('error', ({ error }) => events.error(error));
  }

  attach(connection: RTCPeerConnection): void {
    this.#channel.attach(connection);
  }

  keysChanged(): void {
    this.#channel.keysChanged();
  }

  async sendChat(text: string): Promise<ChatMessage> {
    const message = { kind: 'chat', id: crypto.randomUUID(), text: checkChatText(text) } as const;
    await this.#channel.send(encodeShareMessage(message));
    const sent = { id: message.id, from: this.#role, text: message.text, at: Date.now() };
    this.#events.chat(sent);
    return sent;
  }

  close(): void {
    this.#channel.close();
  }

  #receive(bytes: Uint8Array): void {
    const message = decodeShareMessage(bytes);
    if (!message) {
      this.#events.rejected('malformed');
      return;
    }
    this.#dispatch(message);
  }

  #dispatch(message: ShareMessage): void {
    switch (message.kind) {
      case 'chat':
        this.#events.chat({ id: message.id, from: this.#role === 'agent' ? 'customer' : 'agent', text: message.text, at: Date.now() });
        return;
    }
  }
}
