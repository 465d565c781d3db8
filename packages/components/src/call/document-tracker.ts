import type { CallSession, DocumentTransfer, Role, SealcallError, SharedDocument } from '@sealcall/sdk';

/** A document as the chat shows it: on its way, arrived (with a link to save it), or failed. */
export interface DocumentEntry {
  readonly id: string;
  readonly from: Role;
  readonly name: string;
  readonly size: number;
  readonly done: number;
  /** When this side first heard of it (`Date.now()`), to place it among the messages. */
  readonly at: number;
  readonly outcome?: { readonly url: string } | { readonly error: SealcallError };
}

/** Documents the chat keeps to show; the oldest go, and their object URLs with them. */
const KEPT = 50;

/**
 * Follows the documents of one session for the chat: their progress, and for each that
 * crossed an object URL to save it by, revoked when it is dropped or the session is let go.
 */
export class DocumentTracker {
  #entries: DocumentEntry[] = [];

  get entries(): readonly DocumentEntry[] {
    return this.#entries;
  }

  /** Listens to `session`; returns what stops listening. */
  follow(session: CallSession, changed: (event: { document?: SharedDocument; failure?: { transfer: DocumentTransfer; error: SealcallError } }) => void): Array<() => void> {
    return [
      session.on('document-progress', ({ transfer }) => {
        this.#put(transfer, {});
        changed({});
      }),
      session.on('document', ({ document }) => {
        const { id, from, name, size, type, bytes } = document;
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
        this.#put({ id, from, name, size, done: size }, { outcome: { url } });
        changed({ document });
      }),
      session.on('document-failed', (failure) => {
        this.#put(failure.transfer, { outcome: { error: failure.error } });
        changed({ failure });
      }),
    ];
  }

  clear(): void {
    for (const entry of this.#entries.splice(0)) revoke(entry);
  }

  #put(transfer: Pick<DocumentTransfer, 'id' | 'from' | 'name' | 'size' | 'done'>, fields: Pick<DocumentEntry, 'outcome'>): void {
    const { id, from, name, size, done } = transfer;
    const index = this.#entries.findIndex((entry) => entry.id === id);
    const previous = this.#entries[index];
    const entry = { id, from, name, size, done, at: previous?.at ?? Date.now(), ...(previous?.outcome ? { outcome: previous.outcome } : {}), ...fields };
    this.#entries = previous ? this.#entries.map((kept, i) => (i === index ? entry : kept)) : [...this.#entries, entry];
    for (const dropped of this.#entries.splice(0, Math.max(0, this.#entries.length - KEPT))) revoke(dropped);
  }
}

function revoke(entry: DocumentEntry): void {
  if (entry.outcome && 'url' in entry.outcome) URL.revokeObjectURL(entry.outcome.url);
}
