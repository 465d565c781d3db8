import { WITHHELD } from '@sealcall/protocol';
import { invalidArgument, storageError } from './errors.js';
import type { NewArtifact, StorageAdapter } from './types.js';

const RECEIPT_BYTES = 4;

/**
 * The metadata the content storage gets: the same id, call, kind, type and times (its retention
 * can then find orphans), but no subject, no consent reference (only whether there is one) and no
 * key material.
 */
export function withheld(artifact: NewArtifact): NewArtifact {
  return {
    id: artifact.id,
    callId: artifact.callId,
    subjectId: WITHHELD,
    kind: artifact.kind,
    mimeType: artifact.mimeType,
    createdAt: artifact.createdAt,
    expiresAt: artifact.expiresAt,
    // Marks that there is one (a server of record refuses a picture or recording without), and no more.
    consentRef: artifact.consentRef === null ? null : WITHHELD,
    encryption: { algorithm: artifact.encryption.algorithm, keyProviderId: WITHHELD, wrappedKey: null, noncePrefix: '' },
  };
}

/**
 * What the metadata storage stores for each chunk, to count it: the chunk's length as a uint32
 * big-endian, so that the size of what it counts can be known without the content storage.
 */
export function receipt(length: number): Uint8Array {
  if (length > 0xffff_ffff) throw invalidArgument(`"bytes" expected at most 4 GiB - 1 per chunk in HybridStorage, got length=${length}`);
  const bytes = new Uint8Array(RECEIPT_BYTES);
  new DataView(bytes.buffer).setUint32(0, length);
  return bytes;
}

/** The bytes counted by the first `count` receipts of artifact `id`. Reads them all: the slow path. */
export async function receiptsTotal(metadata: StorageAdapter, id: string, count: number): Promise<number> {
  const reader = (await metadata.getContent(id)).getReader();
  let total = 0;
  try {
    for (let i = 0; i < count; i++) {
      const { done, value } = await reader.read();
      if (done || value.length !== RECEIPT_BYTES) {
        throw storageError('STORAGE_FAILED', `The metadata storage holds no valid receipt for chunk ${i} of artifact "${id}": is it used by another adapter than HybridStorage?`);
      }
      total += new DataView(value.buffer, value.byteOffset, RECEIPT_BYTES).getUint32(0);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return total;
}
