import { SealcallError } from '../errors.js';
import type { LocationRefusalReason, SharedPosition } from './share-wire.js';

/** A location the customer shared once, as the agent's side received it. */
export interface SharedLocation extends SharedPosition {
  /** The customer's grant record (purpose `location`): what a stored location keeps as `consentRef`. */
  readonly consentRef: string;
  /** When it arrived on this side, by this device's clock (`takenAt` is the customer's device's). */
  readonly receivedAt: number;
}

/** How long the customer's side may take to answer: reading the consent step, then finding a position. */
export const LOCATION_ANSWER_MS = 3 * 60_000;
/** How long the customer's browser may take to find a position. */
const POSITION_TIMEOUT_MS = 30_000;

export function refusalError(reason: LocationRefusalReason, side: 'agent' | 'customer'): SealcallError {
  if (reason === 'unavailable') {
    return new SealcallError('LOCATION_UNAVAILABLE', side === 'agent'
      ? "The customer's device could not find its location (no position, or none in time). Ask them to try again outdoors or with location services on."
      : 'This device could not find its location in time. Turn location services on, then answer again.');
  }
  if (reason === 'denied') {
    return new SealcallError('LOCATION_REFUSED', side === 'agent'
      ? "The customer agreed, but their browser does not let this page read their location. They can allow it for this site and you can ask again."
      : 'The browser does not let this page read your location. Allow location for this site, then answer again.');
  }
  return new SealcallError('LOCATION_DECLINED', 'The customer chose not to share their location.');
}

/** The browser's position now, asked for only after the customer agreed. */
export async function currentPosition(): Promise<SharedPosition> {
  const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
  if (!geolocation) throw refusalError('unavailable', 'customer');
  const position = await new Promise<GeolocationPosition>((resolve, reject) =>
    geolocation.getCurrentPosition(resolve, (error) => reject(refusalError(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable', 'customer')), {
      enableHighAccuracy: true,
      timeout: POSITION_TIMEOUT_MS,
      maximumAge: 0,
    }),
  );
  const { latitude, longitude, accuracy } = position.coords;
  return { latitude, longitude, accuracy, takenAt: Math.round(position.timestamp) };
}

/** Why geolocation failed, for the agent: the reason sent with a refusal. */
export function refusalReasonOf(error: SealcallError): LocationRefusalReason {
  return error.code === 'LOCATION_REFUSED' ? 'denied' : 'unavailable';
}

/**
 * The location as stored (`application/geo+json`): a GeoJSON Feature (RFC 7946: longitude first),
 * with its accuracy and both times as properties.
 */
export function locationGeoJson(location: SharedLocation): string {
  const { latitude, longitude, accuracy, takenAt, receivedAt } = location;
  return JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
    properties: { accuracyMetres: accuracy, takenAt: new Date(takenAt).toISOString(), receivedAt: new Date(receivedAt).toISOString() },
  });
}
