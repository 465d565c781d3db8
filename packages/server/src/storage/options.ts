import type { ArtifactKind } from '@sealcall/protocol';

export interface StorageOptions {
  /** Where artifacts are kept; created if missing. One server process per directory. */
  directory: string;
  /**
   * Where the directory is, as your tenants' settings name regions (`eu-central`): a tenant whose
   * `storageRegions` does not include it cannot store here. Default: none declared.
   */
  region?: string;
  /** Stored bytes per artifact; past it a chunk is refused with 507. Default 4 GiB. */
  maxArtifactBytes?: number;
  /** Largest chunk accepted; a larger one is refused with 413. Default 1 MiB. */
  maxChunkBytes?: number;
  /**
   * How long each kind is kept, in days from its creation by the server's clock: the longest
   * life a client may ask for (it may ask for a shorter one). Defaults: `DEFAULT_RETENTION_DAYS`.
   */
  retentionDays?: Partial<Record<ArtifactKind, number>>;
  /**
   * How often the retention sweeper erases artifacts past their expiry (it also runs at start).
   * Expired artifacts are never served in between. Default 900 000 (15 minutes).
   */
  sweepIntervalMs?: number;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 15 * 60_000;

/** Pictures, recordings and documents for a quarter; consent records, the proof, for six years. */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<ArtifactKind, number>> = { picture: 90, recording: 90, document: 90, location: 90, transcript: 90, consent: 6 * 365 };

export interface ResolvedStorageOptions {
  readonly directory: string;
  readonly region: string | null;
  readonly maxArtifactBytes: number;
  readonly maxChunkBytes: number;
  readonly retentionMs: Readonly<Record<ArtifactKind, number>>;
  readonly sweepIntervalMs: number;
}
