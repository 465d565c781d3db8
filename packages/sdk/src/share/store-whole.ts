import type { ArtifactVault } from '../at-rest/artifact-vault.js';
import type { ArtifactDraft } from '../at-rest/types.js';
import type { ArtifactMetadata } from '../storage/types.js';

/** Encrypts and stores `bytes` as one artifact; a failure part-way leaves nothing of it stored. */
export async function storeWhole(vault: ArtifactVault, meta: ArtifactDraft, bytes: Uint8Array): Promise<ArtifactMetadata> {
  const writer = await vault.write({ meta });
  try {
    await writer.write(bytes);
    return await writer.close();
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}
