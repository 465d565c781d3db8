import { SealcallError } from '../errors.js';
import { fromBase64Url } from '../internal/bytes.js';
import type { ArtifactEncryption } from '../storage/types.js';
import { artifactError } from './errors.js';
import { SegmentCipher } from './segment-cipher.js';
import { ARTIFACT_ALGORITHM, DATA_KEY_BYTES } from './segment-format.js';
import type { KeyProvider } from './types.js';

/**
 * The segment cipher of a stored artifact: its data key unwrapped by whichever of `providers`
 * wrapped it. Rejects with ARTIFACT_KEY_DESTROYED, ARTIFACT_KEY_UNAVAILABLE (none of them can)
 * or ARTIFACT_CORRUPT.
 */
export async function artifactCipher(
  { id, encryption }: { readonly id: string; readonly encryption: ArtifactEncryption },
  providers: readonly KeyProvider[],
): Promise<SegmentCipher> {
  if (encryption.algorithm !== ARTIFACT_ALGORITHM) {
    throw artifactError('ARTIFACT_CORRUPT', `Artifact "${id}" is encrypted with "${encryption.algorithm}", which this SDK does not know.`);
  }
  if (encryption.wrappedKey === null) {
    throw artifactError('ARTIFACT_KEY_DESTROYED', `The key of artifact "${id}" was destroyed: its content can never be read again.`);
  }
  const provider = providers.find((p) => p.id === encryption.keyProviderId);
  if (!provider) {
    throw artifactError('ARTIFACT_KEY_UNAVAILABLE', `Artifact "${id}" is wrapped by key provider "${encryption.keyProviderId}", which was not given here.`);
  }
  const wrapped = fromBase64Url(encryption.wrappedKey);
  const noncePrefix = fromBase64Url(encryption.noncePrefix);
  if (!wrapped || !noncePrefix) throw artifactError('ARTIFACT_CORRUPT', `Artifact "${id}": the encryption header is malformed.`);
  let dataKey: Uint8Array;
  try {
    dataKey = await provider.unwrap(wrapped, { artifactId: id });
  } catch (cause) {
    if (cause instanceof SealcallError) throw cause;
    throw artifactError('ARTIFACT_KEY_UNAVAILABLE', `Key provider "${provider.id}" could not unwrap the key of artifact "${id}".`, { cause });
  }
  try {
    if (dataKey.length !== DATA_KEY_BYTES) throw artifactError('ARTIFACT_CORRUPT', `Artifact "${id}": the unwrapped key has ${dataKey.length} bytes, not ${DATA_KEY_BYTES}.`);
    return await SegmentCipher.create(dataKey, id, noncePrefix);
  } finally {
    dataKey.fill(0);
  }
}
