import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleOptions } from './browser-pages.mjs';

// The bundle figures of `npm run bench`: esbuild, minified, code splitting on (as an integrator's
// bundler does), each file gzip -9 on its own, the way a browser fetches it.

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).byteLength;

/** What a customer's page imports, and what livekit-client's takes, each with its E2EE worker: one esbuild command, this run. */
const CUSTOMER_PAGE = `export { CallSession, WebSocketSignaling, parseInvite, ConsentLedger } from '@sealcall/sdk';
import '@sealcall/components/seal-call.js';
import '@sealcall/components/seal-consent-dialog.js';`;
const WORKER = 'packages/sdk/src/e2ee/e2ee-worker.ts';

/**
 * `entry` split as a bundler splits it: `upFront` is what a page loads before it runs (the entry
 * and the chunks it imports statically), `onDemand` each chunk only a dynamic import fetches,
 * with the source files in it. Sizes are gzip bytes; `minified` is the up-front total before gzip.
 */
export async function bundleLoad(entry, external = []) {
  const result = await build({ ...bundleOptions(entry, external), splitting: true, outdir: 'bench-out', metafile: true });
  const contents = new Map(result.outputFiles.map((file) => [relative(process.cwd(), file.path), file.contents]));
  const outputs = result.metafile.outputs;
  const entryFile = Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined);
  const upFront = new Set();
  const visit = (file) => {
    if (upFront.has(file) || !outputs[file]) return;
    upFront.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryFile);
  const sum = (files, size) => [...files].reduce((total, file) => total + size(contents.get(file)), 0);
  const onDemand = Object.keys(outputs)
    .filter((file) => file.endsWith('.js') && !upFront.has(file))
    .map((file) => ({ gzip: gzip(contents.get(file)), sources: Object.keys(outputs[file].inputs) }));
  return { upFront: sum(upFront, gzip), minified: sum(upFront, (bytes) => bytes.byteLength), onDemand };
}

/** The on-demand chunk holding `source` (a path fragment): its gzip bytes. */
function chunkWith(load, source) {
  const chunk = load.onDemand.find((c) => c.sources.some((s) => s.includes(source)));
  if (!chunk) throw new Error(`No on-demand chunk holds ${source}: the bundle changed, update scripts/bench-sizes.mjs.`);
  return chunk.gzip;
}

export async function sizes() {
  const customer = await bundleLoad({ contents: CUSTOMER_PAGE });
  const worker = await bundleLoad(WORKER);
  const livekit = await bundleLoad({ contents: `export * from 'livekit-client';` });
  const livekitWorker = await bundleLoad({ contents: `import 'livekit-client/e2ee-worker';` });
  const widget = {
    customer_gzip: customer.upFront,
    worker_gzip: worker.upFront,
    livekit_gzip: livekit.upFront,
    livekit_worker_gzip: livekitWorker.upFront,
    customer_german_extra_gzip: chunkWith(customer, 'locales/de.json'),
    worker_x25519_fallback_gzip: chunkWith(worker, '@noble/curves'),
  };
  const livekitTotal = widget.livekit_gzip + widget.livekit_worker_gzip;
  widget.ratio = (widget.customer_gzip + widget.worker_gzip) / livekitTotal;
  // simple-peer is the chosen peer library: what it and its dependencies (streamx, b4a, events, debug) cost this page.
  widget.simple_peer_gzip = customer.upFront - (await bundleLoad({ contents: CUSTOMER_PAGE }, ['@thaunknown/simple-peer'])).upFront;
  widget.ratio_without_simple_peer = (widget.customer_gzip - widget.simple_peer_gzip + widget.worker_gzip) / livekitTotal;
  const everything = await bundleLoad({ contents: `export * from '@sealcall/sdk';` });
  const element = await bundleLoad({ contents: `export * from '@sealcall/components/seal-call.js';` });
  const rows = [
    { name: '@sealcall/sdk (everything it exports, with simple-peer and noble), up front', minified: kb(everything.minified), gzip: kb(everything.upFront) },
    { name: '@sealcall/sdk/e2ee-worker.js (key agreement, SFrame on WebCrypto), up front', minified: kb(worker.minified), gzip: kb(worker.upFront) },
    { name: "the worker's X25519 fallback (@noble/curves), fetched only where WebCrypto has none", gzip: kb(widget.worker_x25519_fallback_gzip) },
    { name: '@sealcall/components/seal-call.js (<seal-call> with lit and English; the SDK is imported separately), up front', minified: kb(element.minified), gzip: kb(element.upFront) },
    { name: "a customer's page: CallSession, WebSocketSignaling, parseInvite, ConsentLedger, <seal-call>, <seal-consent-dialog>, up front", minified: kb(customer.minified), gzip: kb(widget.customer_gzip) },
    { name: 'the same page in German fetches, when its first element renders', gzip: kb(widget.customer_german_extra_gzip) },
    { name: 'of the customer\'s page: simple-peer with streamx, b4a, events and debug (the page without them, subtracted)', gzip: kb(widget.simple_peer_gzip) },
    { name: 'livekit-client (everything it exports)', gzip: kb(widget.livekit_gzip) },
    { name: "livekit-client's E2EE worker", gzip: kb(widget.livekit_worker_gzip) },
    { name: "the customer's page and its worker / livekit-client and its worker", gzip: `${widget.ratio.toFixed(2)}x` },
    { name: 'the same, without simple-peer and its dependencies', gzip: `${widget.ratio_without_simple_peer.toFixed(2)}x` },
  ];
  return { rows, widget };
}
