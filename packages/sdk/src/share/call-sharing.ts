import { SealcallError } from '../errors.js';
import { trimOldest } from '../internal/trim-oldest.js';
import { otherRole } from '../signaling/other-role.js';
import type { Role } from '../signaling/types.js';
import { checkChatText, type ChatMessage } from './chat.js';
import type { DocumentTransfer, SharedDocument } from './document.js';
import type { PreparedDocument } from './document-prepare.js';
import { DocumentReceiver } from './document-receiver.js';
import { DocumentSender } from './document-sender.js';
import { LOCATION_ANSWER_MS, refusalError, type SharedLocation } from './location.js';
import { SealedChannel, type DataSealer, type SealedChannelRejection } from './sealed-channel.js';
import { decodeDocumentChunk, decodeShareMessage, encodeShareMessage, SENT_ONCE, type LocationRefusalReason, type SharedPosition, type ShareMessage } from './share-wire.js';

/** Messages sent and not yet acknowledged, kept to send again on a rebuilt connection; past this, the oldest go. */
const MAX_UNACKNOWLEDGED = 256;
/** Ids of messages received, to tell a message sent again from a new one. */
const SEEN_IDS = 1024;
/** Chat messages kept for `chatMessages`: the latest. */
const CHAT_KEPT = 1000;

/** `unexpected`: a message this side never asked for, or one its role does not take. */
export type ShareRejection = SealedChannelRejection | 'unexpected';

export interface CallSharingEvents {
  chat(message: ChatMessage): void;
  /** Customer: the agent asks for the location; answer with `shareLocation()` or `refuseLocation()`. */
  locationRequest(requestId: string): void;
  /** Agent: the customer shared a location. */
  location(location: SharedLocation): void;
  /** A document crossed whole: sent and confirmed, or received and checked. */
  document(document: SharedDocument): void;
  documentProgress(transfer: DocumentTransfer): void;
  documentFailed(transfer: DocumentTransfer, error: SealcallError): void;
  rejected(reason: ShareRejection): void;
  error(error: SealcallError): void;
}

interface PendingLocation {
  readonly id: string;
  readonly resolve: (location: SharedLocation) => void;
  readonly reject: (error: SealcallError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * What the participants share during a call besides media, over the sealed data channel: chat
 * messages, a location and documents. One per CallSession, for its whole life; each new peer connection
 * is attached to it.
 */
export class CallSharing {
  readonly #role: Role;
  readonly #channel: SealedChannel;
  readonly #events: CallSharingEvents;
  /** Agent: the location request awaiting its answer. */
  #pendingLocation: PendingLocation | undefined;
  /** Customer: the agent's location request to answer. */
  #locationRequest: string | undefined;
  #closed = false;
  readonly #unacknowledged = new Map<string, ShareMessage>();
  readonly #seen = new Set<string>();
  #chat: readonly ChatMessage[] = [];
  readonly #documentSender: DocumentSender;
  readonly #documentReceiver: DocumentReceiver;

  constructor(role: Role, sealer: DataSealer, events: CallSharingEvents) {
    this.#role = role;
    this.#events = events;
    this.#channel = new SealedChannel(sealer);
    const progress = events.documentProgress;
    const failed = events.documentFailed;
    this.#documentSender = new DocumentSender(role, { send: (bytes) => this.#channel.send(bytes, { once: true }), progress, failed, sent: events.document });
    this.#documentReceiver = new DocumentReceiver(otherRole(role), { progress, failed, received: events.document, answer: (message) => this.#post(message) });
    this.#channel.on('message', (bytes) => this.#receive(bytes));
    this.#channel.on('rejected', ({ reason }) => events.rejected(reason));
    this.#channel.on('error', ({ error }) => events.error(error));
  }

  /**
   * A new connection: what the other side has not acknowledged goes again on it first, in the
   * order it was sent (it may have been lost with the old one; the other side drops what it had
   * already, and the copies still waiting to be sent once).
   */
  attach(connection: RTCPeerConnection): void {
    const lost = () => [...this.#unacknowledged.values()].map(encodeShareMessage);
    for (const sent of this.#channel.attach(connection, lost)) sent.catch((error: SealcallError) => this.#report(error));
    this.#documentReceiver.interrupt();
  }

  keysChanged(): void {
    this.#channel.keysChanged();
  }

  /** The chat so far, oldest first (the latest 1000). */
  get chatMessages(): readonly ChatMessage[] {
    return this.#chat;
  }

  async sendChat(text: string): Promise<ChatMessage> {
    const message = { kind: 'chat', id: crypto.randomUUID(), text: checkChatText(text) } as const;
    await this.#send(message);
    const sent = { id: message.id, from: this.#role, text: message.text, at: Date.now() };
    this.#chatted(sent);
    return sent;
  }

  /** Sends a document (see `prepareDocument`), under the customer's grant `consentRef` if any; resolves once the other side has it whole. */
  sendDocument(document: PreparedDocument, consentRef?: string): Promise<SharedDocument> {
    return this.#documentSender.send(document, consentRef);
  }

  /** Agent: asks the customer's side for its location, once; one request at a time. */
  requestLocation(): Promise<SharedLocation> {
    if (this.#role !== 'agent') return Promise.reject(new SealcallError('INVALID_STATE', "requestLocation() is the agent's: the customer answers with answerLocationRequest()."));
    if (this.#pendingLocation) return Promise.reject(new SealcallError('INVALID_STATE', 'A location request waits for its answer already: wait for it before asking again.'));
    const id = crypto.randomUUID();
    const answered = new Promise<SharedLocation>((resolve, reject) => {
      const timer = setTimeout(() => this.#settleLocation(id, new SealcallError('LOCATION_UNAVAILABLE', `The customer's side did not answer the location request within ${LOCATION_ANSWER_MS / 60_000} minutes.`)), LOCATION_ANSWER_MS);
      this.#pendingLocation = { id, resolve, reject, timer };
    });
    this.#send({ kind: 'location-request', id }).catch((error: SealcallError) => this.#settleLocation(id, error));
    return answered;
  }

  /** Customer: whether the agent's location request waits for an answer. */
  get locationRequested(): boolean {
    return this.#locationRequest !== undefined;
  }

  /** Customer: answers the agent's request with the position, under the customer's grant. */
  async shareLocation(position: SharedPosition, consentRef: string): Promise<void> {
    const { latitude, longitude, accuracy, takenAt } = position;
    await this.#send({ kind: 'location', id: this.#takeLocationRequest(), latitude, longitude, accuracy, takenAt, consentRef });
  }

  /** Customer: answers the agent's request without a position. */
  async refuseLocation(reason: LocationRefusalReason): Promise<void> {
    await this.#send({ kind: 'location-refused', id: this.#takeLocationRequest(), reason });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const pending = this.#pendingLocation;
    if (pending) this.#settleLocation(pending.id, new SealcallError('INVALID_STATE', 'The call ended before the customer shared a location.'));
    this.#locationRequest = undefined;
    this.#documentSender.close();
    this.#documentReceiver.close();
    this.#channel.close();
  }

  #chatted(message: ChatMessage): void {
    this.#chat = [...this.#chat, message].slice(-CHAT_KEPT);
    this.#events.chat(message);
  }

  /** Sends `message` and keeps it until the other side acknowledges it. */
  #send(message: ShareMessage): Promise<void> {
    this.#unacknowledged.set(message.id, message);
    trimOldest(this.#unacknowledged, MAX_UNACKNOWLEDGED);
    return this.#channel.send(encodeShareMessage(message));
  }

  /** Sends, and keeps until acknowledged: nobody waits on it, but a failure is reported. */
  #post(message: ShareMessage): void {
    this.#send(message).catch((error: SealcallError) => this.#report(error));
  }

  /** Acknowledges: nobody waits on it, but a failure is reported. */
  #transmit(message: ShareMessage): void {
    this.#channel.send(encodeShareMessage(message)).catch((error: SealcallError) => this.#report(error));
  }

  #report(error: SealcallError): void {
    if (!this.#closed) this.#events.error(error);
  }

  #takeLocationRequest(): string {
    const id = this.#locationRequest;
    if (id === undefined) throw new SealcallError('INVALID_STATE', 'There is no location request to answer: the agent has not asked, or it was answered.');
    this.#locationRequest = undefined;
    return id;
  }

  #settleLocation(id: string, outcome: SharedLocation | SealcallError): void {
    const pending = this.#pendingLocation;
    if (pending?.id !== id) return;
    this.#pendingLocation = undefined;
    clearTimeout(pending.timer);
    if (outcome instanceof SealcallError) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  #receive(bytes: Uint8Array): void {
    const chunk = decodeDocumentChunk(bytes);
    if (chunk) {
      if (!this.#documentReceiver.chunk(chunk.index, chunk.bytes)) this.#events.rejected('unexpected');
      return;
    }
    const message = decodeShareMessage(bytes);
    if (!message) {
      this.#events.rejected('malformed');
      return;
    }
    if (message.kind === 'ack') {
      this.#unacknowledged.delete(message.id);
      return;
    }
    if (!SENT_ONCE.has(message.kind)) {
      this.#transmit({ kind: 'ack', id: message.id });
      if (this.#seen.has(message.id)) return;
      this.#seen.add(message.id);
      trimOldest(this.#seen, SEEN_IDS);
    }
    this.#dispatch(message).then(
      (taken) => taken || this.#events.rejected('unexpected'),
      (cause: unknown) => this.#events.error(new SealcallError('E2EE_WORKER_FAILED', 'A message of the other participant could not be taken; it was dropped.', { cause })),
    );
  }

  /** False for what this side never asked for, or its role does not take. */
  async #dispatch(message: Exclude<ShareMessage, { kind: 'ack' }>): Promise<boolean> {
    switch (message.kind) {
      case 'document-offer':
        this.#documentReceiver.offer(message);
        return true;
      case 'document-end':
        return this.#documentReceiver.end(message.id);
      case 'document-received':
      case 'document-refused':
        return this.#documentSender.verdict(message);
      case 'chat':
        this.#chatted({ id: message.id, from: otherRole(this.#role), text: message.text, at: Date.now() });
        return true;
      case 'location-request':
        if (this.#role !== 'customer') return false;
        this.#locationRequest = message.id;
        this.#events.locationRequest(message.id);
        return true;
      case 'location': {
        if (this.#pendingLocation?.id !== message.id) return false;
        const { latitude, longitude, accuracy, takenAt, consentRef } = message;
        const location = { latitude, longitude, accuracy, takenAt, consentRef, receivedAt: Date.now() };
        this.#settleLocation(message.id, location);
        this.#events.location(location);
        return true;
      }
      case 'location-refused':
        if (this.#pendingLocation?.id !== message.id) return false;
        this.#settleLocation(message.id, refusalError(message.reason, 'agent'));
        return true;
    }
  }
}
