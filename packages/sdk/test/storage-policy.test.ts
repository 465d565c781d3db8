import { expect } from '@esm-bundle/chai';
import { SealcallError } from '../src/errors.js';
import { toBase64Url } from '../src/internal/bytes.js';
import { assertStorageAllowed, isEuRegion, type StoragePolicy } from '../src/storage/policy.js';
import { pseudonymousSubjectId } from '../src/storage/subject-id.js';
import type { StorageLocation, StorageRegion } from '../src/storage/types.js';

const placement = (region: StorageRegion, location: StorageLocation) => ({ region, location });

function refused(adapter: { region: StorageRegion; location: StorageLocation }, policy?: StoragePolicy): void {
  expect(() => assertStorageAllowed(adapter, policy), `${adapter.region}/${adapter.location}`)
    .to.throw(SealcallError)
    .with.property('code', 'STORAGE_REGION_REFUSED');
}

describe('assertStorageAllowed', () => {
  it('with euOnly, allows EU regions and the device, and refuses the rest', () => {
    const euOnly = { euOnly: true };
    for (const region of ['eu-west', 'eu-central', 'eu-north', 'eu-south', 'eu-east'] as const) {
      expect(() => assertStorageAllowed(placement(region, 'vendor'), euOnly)).to.not.throw();
      expect(() => assertStorageAllowed(placement(region, 'own-servers'), euOnly)).to.not.throw();
    }
    expect(() => assertStorageAllowed(placement('device', 'device'), euOnly)).to.not.throw();
    // Cloud region names are not Sealcall regions: London and Zurich are not in the EU.
    for (const region of ['us-east', 'uk-south', 'eu-west-2', 'eu-central-2', 'europe-west1']) refused(placement(region, 'vendor'), euOnly);
  });

  it('allows anything well declared without a policy', () => {
    expect(() => assertStorageAllowed(placement('us-east', 'vendor'))).to.not.throw();
    expect(() => assertStorageAllowed(placement('device', 'device'), {})).to.not.throw();
  });

  it('refuses a contradictory or missing declaration', () => {
    refused(placement('device', 'vendor'));
    refused(placement('eu-west', 'device'));
    refused(placement('', 'vendor'));
    refused(placement('eu-west', 'cloud' as StorageLocation));
  });

  it('applies allowedLocations and allowedRegions', () => {
    refused(placement('device', 'device'), { euOnly: true, allowedLocations: ['own-servers'] });
    expect(() => assertStorageAllowed(placement('eu-central', 'own-servers'), { allowedLocations: ['own-servers'] })).to.not.throw();
    refused(placement('eu-west', 'vendor'), { allowedRegions: ['eu-central'] });
    expect(() => assertStorageAllowed(placement('eu-central', 'vendor'), { allowedRegions: ['eu-central'] })).to.not.throw();
    refused(placement('device', 'device'), { allowedRegions: ['eu-central'] });
  });

  it('names only EU_REGIONS as EU', () => {
    expect(['eu-west', 'device', 'eu-west-1', 'us-east'].map(isEuRegion)).to.deep.equal([true, false, false, false]);
  });
});

describe('pseudonymousSubjectId', () => {
  const key = crypto.getRandomValues(new Uint8Array(32));

  it('is HMAC-SHA256 of the customer id, base64url: stable per key, different across keys and ids', async () => {
    const id = pseudonymousSubjectId(key, 'customer-0042');
    expect(id).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(pseudonymousSubjectId(key, 'customer-0042')).to.equal(id);
    expect(pseudonymousSubjectId(key, 'customer-0043')).to.not.equal(id);
    expect(pseudonymousSubjectId(crypto.getRandomValues(new Uint8Array(32)), 'customer-0042')).to.not.equal(id);
    expect(id).to.not.contain('0042');
    const webCryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', webCryptoKey, new TextEncoder().encode('customer-0042')));
    expect(id).to.equal(toBase64Url(expected));
  });

  it('matches RFC 4231 test case 2 (a short key is refused, so the vector runs on a padded key)', () => {
    // HMAC pads keys shorter than the block with zeros: "Jefe" and "Jefe" + 28 zero bytes are the same key.
    const jefe = new Uint8Array(32);
    jefe.set(new TextEncoder().encode('Jefe'));
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    const hex = Array.from(atob(pseudonymousSubjectId(jefe, 'what do ya want for nothing?').replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0).toString(16).padStart(2, '0'),
    ).join('');
    expect(hex).to.equal(expected);
  });

  it('refuses short keys and empty ids', () => {
    const invalid = (action: () => unknown) => expect(action).to.throw(SealcallError).with.property('code', 'INVALID_ARGUMENT');
    invalid(() => pseudonymousSubjectId(new Uint8Array(16), 'x'));
    invalid(() => pseudonymousSubjectId('key' as unknown as Uint8Array, 'x'));
    invalid(() => pseudonymousSubjectId(key, ''));
  });
});
