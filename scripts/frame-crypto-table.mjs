// The per-frame cost table of `npm run bench` and `npm run bench:frames`.

const suiteNames = { 1: 'AES_128_CTR_HMAC_SHA256_80', 4: 'AES_128_GCM_SHA256_128' };
const sizeName = (bytes) => (bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} B`);
/** A table of per-frame costs; the AES-GCM suite's anchor and ratio in rows of their own. */
export function cryptoTable(results) {
  const rows = {};
  for (const r of results) {
    const name = `${suiteNames[r.suite]}, ${r.backend}`;
    rows[name] ??= {};
    rows[name][sizeName(r.bytes)] = `${r.medianUs} us`;
    if (r.anchorUs === undefined) continue;
    (rows[`bare WebCrypto AES-128-GCM (anchor, taking turns with ${r.backend})`] ??= {})[sizeName(r.bytes)] = `${r.anchorUs} us`;
    (rows[`${r.backend} / anchor`] ??= {})[sizeName(r.bytes)] = `${(r.medianUs / r.anchorUs).toFixed(2)}x`;
    if (r.floorUs === undefined) continue;
    (rows[`anchor + the ${r.backend}'s two frame copies (floor)`] ??= {})[sizeName(r.bytes)] = `${r.floorUs} us`;
    (rows[`floor / anchor`] ??= {})[sizeName(r.bytes)] = `${(r.floorUs / r.anchorUs).toFixed(2)}x`;
    (rows[`${r.backend} / floor`] ??= {})[sizeName(r.bytes)] = `${(r.medianUs / r.floorUs).toFixed(2)}x`;
    (rows['anchor + the sending copy alone (any RFC 9605 path on WebCrypto)'] ??= {})[sizeName(r.bytes)] = `${r.sendCopyFloorUs} us`;
    (rows['that / anchor'] ??= {})[sizeName(r.bytes)] = `${(r.sendCopyFloorUs / r.anchorUs).toFixed(2)}x`;
  }
  return rows;
}
