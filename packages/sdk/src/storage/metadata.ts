import type { ArtifactMetadata, ArtifactMetadataPatch } from './types.js';

/** The metadata with the patch applied; fields the patch leaves undefined stay as they are. */
export function applyPatch(metadata: ArtifactMetadata, patch: ArtifactMetadataPatch): ArtifactMetadata {
  return {
    ...metadata,
    expiresAt: patch.expiresAt ?? metadata.expiresAt,
    encryption: patch.encryption ? { ...patch.encryption } : metadata.encryption,
    ...(patch.endReason ?? metadata.endReason ? { endReason: patch.endReason ?? metadata.endReason } : {}),
  };
}
