import type { Role } from '../signaling/types.js';
import type { DocumentType } from './document-type.js';

/** The largest document sent or taken: 20 MB. */
export const MAX_DOCUMENT_BYTES = 20_000_000;

/** How long a sender waits for the receiver's verdict once every chunk is sent. */
export const DOCUMENT_VERDICT_MS = 60_000;

/** A document on its way, as either side sees it. */
export interface DocumentTransfer {
  readonly id: string;
  readonly direction: 'sending' | 'receiving';
  /** Who sends it. */
  readonly from: Role;
  /** Safe to show and to save under (see `documentFileName`). */
  readonly name: string;
  /** By its content, never its name. */
  readonly type: DocumentType;
  /** Bytes, in all. */
  readonly size: number;
  /** Bytes sent, or received, so far. */
  readonly done: number;
}

/** A document that crossed the call whole: sent and confirmed by the other side, or received and checked. */
export interface SharedDocument {
  readonly id: string;
  readonly from: Role;
  readonly name: string;
  readonly type: DocumentType;
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  readonly bytes: Uint8Array;
  /** When it completed, by this side's clock. */
  readonly at: number;
  /** A customer's document: their grant record (purpose `document`) it was sent under, when their side keeps a consent ledger. */
  readonly consentRef?: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
