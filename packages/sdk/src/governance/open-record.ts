import type { ArtifactRecord } from '@sealcall/protocol';
import { artifactCipher } from '../at-rest/artifact-cipher.js';
import { decryptStream } from '../at-rest/decrypt-stream.js';
import type { KeyProvider } from '../at-rest/types.js';
import { SealcallError } from '../errors.js';
import type { ArtifactContentLine } from './content-lines.js';
import type { GovernanceClient } from './governance-client.js';
import { LineCursor } from './line-cursor.js';

export interface OpenRecordOptions {
  /** Providers that can unwrap the artifact's key: the insurer's `RecipientKeyProvider.forPrivateKey(…)`. */
  readonly keyProviders: readonly KeyProvider[];
  /** Open it to save it: audited as a download, and GOVERNANCE_FORBIDDEN where the tenant's settings allow none. */
  readonly download?: boolean;
}

export interface OpenedRecord {
  readonly artifact: ArtifactRecord;
  /**
   * The plaintext, fetched and decrypted one 64 KiB segment at a time as it is read, so that an
   * hour-long recording plays without ever being held whole. It errors with ARTIFACT_CORRUPT at
   * the first segment that does not authenticate, and with GOVERNANCE_FAILED if the answer breaks
   * off. Cancel it when done early.
   */
  readonly stream: ReadableStream<Uint8Array>;
}

/**
 * Opens a stored artifact from the records and decrypts it in this browser: the server, which
 * audits the opening, only ever sends ciphertext. Rejects as `GovernanceClient.openArtifact` does,
 * and with ARTIFACT_KEY_UNAVAILABLE when none of `keyProviders` wrapped its key.
 */
export async function openRecord(governance: GovernanceClient, id: string, { keyProviders, download = false }: OpenRecordOptions): Promise<OpenedRecord> {
  const cursor = new LineCursor(governance.openArtifact(id, { download }), (what) => new SealcallError('GOVERNANCE_FAILED', `The content of artifact "${id}" ${what}; open it again.`));
  try {
    const first = await cursor.next();
    if (first?.type !== 'artifact') throw cursor.refuse('does not begin with the artifact');
    const { artifact } = first;
    const cipher = await artifactCipher(artifact, keyProviders);
    return { artifact, stream: decryptStream(ciphertext(cursor, artifact.id), cipher, false, artifact.id) };
  } catch (error) {
    await cursor.close();
    throw error;
  }
}

/** The artifact's chunks, then its `end` line, which must count them and be the last. */
function ciphertext(cursor: LineCursor<ArtifactContentLine>, id: string): ReadableStream<Uint8Array> {
  let chunks = 0;
  let bytes = 0;
  return cursor.chunksOf(id).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        chunks++;
        bytes += chunk.length;
        controller.enqueue(chunk);
      },
      async flush() {
        const end = await cursor.next();
        if (end?.type !== 'end') throw cursor.refuse(end ? 'names a second artifact' : 'has no end');
        if (end.chunks !== chunks || end.bytes !== bytes) throw cursor.refuse(`ends after ${chunks} chunks (${bytes} bytes) but says ${end.chunks} (${end.bytes} bytes)`);
        // The generator checks that nothing follows the end.
        if (await cursor.next()) throw cursor.refuse('goes on after its end');
      },
    }),
  );
}
