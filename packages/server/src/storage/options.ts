export interface StorageOptions {
  /** Where artifacts are kept; created if missing. One server process per directory. */
  directory: string;
  /** Stored bytes per artifact; past it a chunk is refused with 507. Default 4 GiB. */
  maxArtifactBytes?: number;
  /** Largest chunk accepted; a larger one is refused with 413. Default 1 MiB. */
  maxChunkBytes?: number;
}

export interface ResolvedStorageOptions {
  readonly directory: string;
  readonly maxArtifactBytes: number;
  readonly maxChunkBytes: number;
}
