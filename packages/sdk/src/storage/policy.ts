import { storageError } from './errors.js';
import type { EuRegion, StorageLocation, StorageRegion } from './types.js';

export const EU_REGIONS: readonly EuRegion[] = ['eu-west', 'eu-central', 'eu-north', 'eu-south', 'eu-east'];

/** Where the integrator allows artifacts to be stored. The empty policy allows everything. */
export interface StoragePolicy {
  /**
   * Only storage in the EU. Device storage passes: the bytes stay, encrypted, on the device of the
   * person who captured them (the customer's own, or the agent's work device) and go to no third
   * party and no third country. To keep nothing on devices, leave `device` out of
   * `allowedLocations`.
   */
  euOnly?: boolean;
  /** Only these locations. */
  allowedLocations?: readonly StorageLocation[];
  /** Only these regions, e.g. `['eu-central']`; include `device` to allow device storage. */
  allowedRegions?: readonly StorageRegion[];
}

export function isEuRegion(region: StorageRegion): region is EuRegion {
  return (EU_REGIONS as readonly string[]).includes(region);
}

/**
 * Where an adapter declares its bytes are. An adapter built of others (HybridStorage) also lists
 * them as `parts`, and each part's placement must be allowed as well.
 */
export interface StoragePlacement {
  readonly region: StorageRegion;
  readonly location: StorageLocation;
  readonly parts?: readonly StoragePlacement[];
}

/**
 * Throws STORAGE_REGION_REFUSED unless `policy` allows the adapter's declared placement, and that
 * of each of its `parts`. Also refuses a placement that contradicts itself: region `device` goes
 * with location `device`, and only with it. Only EU_REGIONS count as the EU: an unknown region id
 * never does.
 */
export function assertStorageAllowed(adapter: StoragePlacement, policy: StoragePolicy = {}): void {
  assertPlacementAllowed(adapter, policy);
  if (Array.isArray(adapter.parts)) for (const part of adapter.parts) assertStorageAllowed(part, policy);
}

function assertPlacementAllowed(adapter: StoragePlacement, policy: StoragePolicy): void {
  const { region, location } = adapter;
  const placement = `region "${String(region)}", location "${String(location)}"`;
  const refuse = (why: string) => {
    throw storageError('STORAGE_REGION_REFUSED', `Storage refused (${placement}): ${why}.`);
  };
  if (!['device', 'vendor', 'own-servers'].includes(location)) refuse('the location must be device, vendor or own-servers');
  if (typeof region !== 'string' || region.length === 0) refuse('the adapter declares no region');
  if ((region === 'device') !== (location === 'device')) refuse('region "device" and location "device" go together');
  if (policy.allowedLocations && !policy.allowedLocations.includes(location)) {
    refuse(`the policy allows only the locations ${policy.allowedLocations.join(', ') || '(none)'}`);
  }
  if (policy.allowedRegions && !policy.allowedRegions.includes(region)) {
    refuse(`the policy allows only the regions ${policy.allowedRegions.join(', ') || '(none)'}`);
  }
  if (policy.euOnly && location !== 'device' && !isEuRegion(region)) {
    refuse(`the policy requires EU storage, and only ${EU_REGIONS.join(', ')} (or the device) count as the EU`);
  }
}
