import { SealcallError } from '../errors.js';
import type { Role } from '../signaling/types.js';
import { MAX_DOCUMENT_BYTES, megabytes, sha256Hex, type DocumentTransfer, type SharedDocument } from './document.js';
import { documentFileName, sniffDocumentType } from './document-type.js';
import type { DocumentRefusalReason, ShareMessage } from './share-wire.js';

type Offer = Extract<ShareMessage, { kind: 'document-offer' }>;

export interface DocumentReceiverHooks {
  progress(transfer: DocumentTransfer): void;
  received(document: SharedDocument): void;
  failed(transfer: DocumentTransfer, error: SealcallError): void;
  /** Sends the verdict to the sender. */
  answer(message: Extract<ShareMessage, { kind: 'document-received' | 'document-refused' }>): void;
}

interface Incoming {
  readonly offer: Offer;
  readonly name: string;
  readonly bytes: Uint8Array;
  done: number;
  nextChunk: number;
}

/**
 * Takes the documents the other participant sends, one at a time: checks the offer (size
 * limit, type), gathers the chunks in order, and checks the whole (length, SHA-256, type by
 * content) before handing it on. Whatever fails is refused, and the sender told why.
 */
export class DocumentReceiver {
  readonly #from: Role;
  readonly #hooks: DocumentReceiverHooks;
  #incoming: Incoming | undefined;
  /** The document refused last: its chunks and end still on their way are dropped quietly. */
  #refused: string | undefined;

  constructor(from: Role, hooks: DocumentReceiverHooks) {
    this.#from = from;
    this.#hooks = hooks;
  }

  offer(offer: Offer): void {
    if (this.#incoming) this.#refuse('corrupt');
    const name = documentFileName(offer.name, offer.type);
    const transfer = { id: offer.id, direction: 'receiving', from: this.#from, name, type: offer.type, size: offer.size, done: 0 } as const;
    if (offer.size > MAX_DOCUMENT_BYTES) {
      this.#refuseOffer(offer, transfer, 'too-large');
      return;
    }
    this.#refused = undefined;
    this.#incoming = { offer, name, bytes: new Uint8Array(offer.size), done: 0, nextChunk: 0 };
    this.#hooks.progress(transfer);
  }

  /** False when no document is on its way. */
  chunk(index: number, bytes: Uint8Array): boolean {
    const incoming = this.#incoming;
    if (!incoming) return this.#refused !== undefined;
    if (index !== incoming.nextChunk || incoming.done + bytes.length > incoming.bytes.length) {
      this.#refuse('corrupt');
      return true;
    }
    incoming.bytes.set(bytes, incoming.done);
    incoming.done += bytes.length;
    incoming.nextChunk++;
    this.#hooks.progress(this.#transfer(incoming));
    return true;
  }

  /** False when `id` is not the document on its way. */
  async end(id: string): Promise<boolean> {
    const incoming = this.#incoming;
    if (incoming?.offer.id !== id) return this.#refused === id;
    this.#incoming = undefined;
    const { offer, bytes } = incoming;
    const type = sniffDocumentType(bytes);
    if (type !== offer.type) {
      this.#refuseOffer(offer, this.#transfer(incoming), type ? 'corrupt' : 'type-not-allowed');
      return true;
    }
    if (incoming.done !== bytes.length || (await sha256Hex(bytes)) !== offer.sha256) {
      this.#refuseOffer(offer, this.#transfer(incoming), 'corrupt');
      return true;
    }
    this.#hooks.answer({ kind: 'document-received', id: crypto.randomUUID(), document: id });
    const consentRef = offer.consentRef === undefined ? {} : { consentRef: offer.consentRef };
    this.#hooks.received({ id, from: this.#from, name: incoming.name, type, size: bytes.length, sha256: offer.sha256, bytes, at: Date.now(), ...consentRef });
    return true;
  }

  /** The connection was rebuilt: what was on its way is lost with it. */
  interrupt(): void {
    if (this.#incoming) this.#refuse('interrupted');
  }

  /** The call ended: what was on its way is dropped, unanswered. */
  close(): void {
    this.#incoming = undefined;
  }

  #refuse(reason: DocumentRefusalReason): void {
    const incoming = this.#incoming;
    if (!incoming) return;
    this.#incoming = undefined;
    this.#refuseOffer(incoming.offer, this.#transfer(incoming), reason);
  }

  #refuseOffer(offer: Offer, transfer: DocumentTransfer, reason: DocumentRefusalReason): void {
    this.#refused = offer.id;
    this.#hooks.answer({ kind: 'document-refused', id: crypto.randomUUID(), document: offer.id, reason });
    this.#hooks.failed(transfer, refusalError(reason, 'receiving', offer.size));
  }

  #transfer(incoming: Incoming): DocumentTransfer {
    const { offer, name, done } = incoming;
    return { id: offer.id, direction: 'receiving', from: this.#from, name, type: offer.type, size: offer.size, done };
  }
}

/** The error either side reports for a refused document. */
export function refusalError(reason: DocumentRefusalReason, side: DocumentTransfer['direction'], size: number): SealcallError {
  switch (reason) {
    case 'too-large':
      return new SealcallError('DOCUMENT_TOO_LARGE', `The document is ${megabytes(size)}; at most ${megabytes(MAX_DOCUMENT_BYTES)} can be ${side === 'sending' ? 'sent' : 'received'}.`);
    case 'type-not-allowed':
      return new SealcallError('DOCUMENT_TYPE_NOT_ALLOWED', 'The document is not a PDF, JPEG, PNG or WebP by its content, so it was not taken.');
    case 'corrupt':
      return new SealcallError('DOCUMENT_NOT_DELIVERED', 'The document arrived damaged or incomplete (a part was altered or lost on the way), so it was not taken. Send it again.');
    case 'interrupted':
      return new SealcallError('DOCUMENT_NOT_DELIVERED', 'The connection was rebuilt while the document was on its way, so it did not arrive. Send it again.');
  }
}
