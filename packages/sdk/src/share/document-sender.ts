import { SealcallError } from '../errors.js';
import { trimOldest } from '../internal/trim-oldest.js';
import type { Role } from '../signaling/types.js';
import { DOCUMENT_VERDICT_MS, sha256Hex, type DocumentTransfer, type SharedDocument } from './document.js';
import type { PreparedDocument } from './document-prepare.js';
import { refusalError } from './document-receiver.js';
import { DOCUMENT_CHUNK_BYTES, encodeDocumentChunk, encodeShareMessage, type ShareMessage } from './share-wire.js';

type Verdict = Extract<ShareMessage, { kind: 'document-received' | 'document-refused' }>;

export interface DocumentSenderHooks {
  /** Sends once, on the connection of the moment; rejects if it is rebuilt first. */
  send(bytes: Uint8Array): Promise<void>;
  progress(transfer: DocumentTransfer): void;
  sent(document: SharedDocument): void;
  failed(transfer: DocumentTransfer, error: SealcallError): void;
}

type Settle = (verdict: Verdict | SealcallError) => void;

/** Ids of documents given up on, whose verdict may still come. */
const ENDED_IDS = 64;

/**
 * Sends documents to the other participant, one at a time: an offer, the chunks in order, an
 * end; then waits for the receiver's verdict. A document interrupted by a rebuilt connection
 * fails (DOCUMENT_NOT_DELIVERED) and may be sent again.
 */
export class DocumentSender {
  readonly #role: Role;
  readonly #hooks: DocumentSenderHooks;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #awaiting = new Map<string, Settle>();
  readonly #ended = new Set<string>();
  #closed = false;

  constructor(role: Role, hooks: DocumentSenderHooks) {
    this.#role = role;
    this.#hooks = hooks;
  }

  /** `consentRef`: the customer's grant the document goes under, named in its offer. */
  send(document: PreparedDocument, consentRef?: string): Promise<SharedDocument> {
    const sent = this.#queue.then(() => this.#send(document, consentRef));
    this.#queue = sent.catch(() => undefined);
    return sent;
  }

  /** False for a verdict on no document this side sent. */
  verdict(verdict: Verdict): boolean {
    const settle = this.#awaiting.get(verdict.document);
    settle?.(verdict);
    return settle !== undefined || this.#ended.has(verdict.document);
  }

  close(): void {
    this.#closed = true;
    for (const settle of this.#awaiting.values()) settle(new SealcallError('DOCUMENT_NOT_DELIVERED', 'The call ended before the other participant had the whole document.'));
  }

  async #send({ name, type, bytes }: PreparedDocument, consentRef: string | undefined): Promise<SharedDocument> {
    if (this.#closed) throw new SealcallError('INVALID_STATE', 'The call has ended: nothing more can be sent to the other participant.');
    const id = crypto.randomUUID();
    const sha256 = await sha256Hex(bytes);
    let transfer: DocumentTransfer = { id, direction: 'sending', from: this.#role, name, type, size: bytes.length, done: 0 };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const verdict = new Promise<Verdict | SealcallError>((resolve) => {
      const settle = (outcome: Verdict | SealcallError) => {
        clearTimeout(timer);
        this.#awaiting.delete(id);
        this.#ended.add(id);
        trimOldest(this.#ended, ENDED_IDS);
        resolve(outcome);
      };
      this.#awaiting.set(id, settle);
    });
    this.#hooks.progress(transfer);
    try {
      await this.#hooks.send(encodeShareMessage({ kind: 'document-offer', id, name, type, size: bytes.length, sha256, ...(consentRef === undefined ? {} : { consentRef }) }));
      // Stops early when the receiver refuses it part-way.
      for (let index = 0, offset = 0; offset < bytes.length && this.#awaiting.has(id); index++, offset += DOCUMENT_CHUNK_BYTES) {
        await this.#hooks.send(encodeDocumentChunk(index, bytes.subarray(offset, offset + DOCUMENT_CHUNK_BYTES)));
        transfer = { ...transfer, done: Math.min(bytes.length, offset + DOCUMENT_CHUNK_BYTES) };
        this.#hooks.progress(transfer);
      }
      if (this.#awaiting.has(id)) await this.#hooks.send(encodeShareMessage({ kind: 'document-end', id }));
      // Counted from the end: a large document on a slow connection takes what it takes.
      if (this.#awaiting.has(id)) {
        const noAnswer = new SealcallError('DOCUMENT_NOT_DELIVERED', `The other participant did not confirm the document within ${DOCUMENT_VERDICT_MS / 1000} seconds of its end; it may not have arrived. Send it again.`);
        timer = setTimeout(() => this.#awaiting.get(id)?.(noAnswer), DOCUMENT_VERDICT_MS);
      }
    } catch (cause) {
      const error = new SealcallError('DOCUMENT_NOT_DELIVERED', 'The connection was rebuilt, or the call ended, while the document was being sent. Send it again.', { cause });
      this.#awaiting.get(id)?.(error);
    }
    const outcome = await verdict;
    if (outcome instanceof SealcallError || outcome.kind === 'document-refused') {
      const error = outcome instanceof SealcallError ? outcome : refusalError(outcome.reason, 'sending', bytes.length);
      this.#hooks.failed(transfer, error);
      throw error;
    }
    const document = { id, from: this.#role, name, type, size: bytes.length, sha256, bytes, at: Date.now(), ...(consentRef === undefined ? {} : { consentRef }) };
    this.#hooks.sent(document);
    return document;
  }
}
