import type { ArtifactRecord } from '@sealcall/protocol';
import { artifactCipher } from '../at-rest/artifact-cipher.js';
import { decryptStream } from '../at-rest/decrypt-stream.js';
import type { KeyProvider } from '../at-rest/types.js';
import { SealcallError } from '../errors.js';
import type { ArtifactContentLine } from './content-lines.js';
import type { GovernanceClient } from './governance-client.js';

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
  const lines = governance.openArtifact(id, { download });
  try {
    const first = await lines.next();
    if (first.done || first.value.type !== 'artifact') throw outOfOrder(id, 'does not begin with the artifact');
    const { artifact } = first.value;
    const cipher = await artifactCipher(artifact, keyProviders);
    return { artifact, stream: decryptStream(ciphertext(lines, artifact.id), cipher, false, artifact.id) };
  } catch (error) {
    await lines.return(undefined);
    throw error;
  }
}

/** The chunks of the answer, checked to be this artifact's, in order, and as many as its `end` line says. */
function ciphertext(lines: AsyncGenerator<ArtifactContentLine>, id: string): ReadableStream<Uint8Array> {
  let chunks = 0;
  let bytes = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await lines.next();
        if (done) return controller.close();
        if (value.type === 'chunk') {
          if (value.artifactId !== id || value.index !== chunks) throw outOfOrder(id, `has chunk ${value.index} of "${value.artifactId}" where chunk ${chunks} belongs`);
          chunks++;
          bytes += value.bytes.length;
          return controller.enqueue(value.bytes);
        }
        if (value.type !== 'end') throw outOfOrder(id, 'names a second artifact');
        if (value.chunks !== chunks || value.bytes !== bytes) throw outOfOrder(id, `ends after ${chunks} chunks (${bytes} bytes) but says ${value.chunks} (${value.bytes} bytes)`);
        // The generator checks that nothing follows the end.
        if (!(await lines.next()).done) throw outOfOrder(id, 'goes on after its end');
        controller.close();
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

function outOfOrder(id: string, what: string): SealcallError {
  return new SealcallError('GOVERNANCE_FAILED', `The content of artifact "${id}" ${what}; open it again.`);
}
