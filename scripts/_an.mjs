import { build } from 'esbuild';
import { bundleOptions } from './browser-pages.mjs';
const CUSTOMER_PAGE = `export { CallSession, WebSocketSignaling, parseInvite, ConsentLedger } from '@sealcall/sdk';
import '@sealcall/components/seal-call.js';
import '@sealcall/components/seal-consent-dialog.js';`;
const entry = process.argv[2] ? process.argv[2] : { contents: CUSTOMER_PAGE };
const r = await build({ ...bundleOptions(entry, []), splitting: true, outdir: 'bench-out', metafile: true });
const outs = r.metafile.outputs;
const ef = Object.keys(outs).find(f => outs[f].entryPoint !== undefined);
const up = new Set(); const visit = f => { if (up.has(f)||!outs[f]) return; up.add(f); for (const i of outs[f].imports) if (i.kind==='import-statement'&&!i.external) visit(i.path); }; visit(ef);
const by = {};
for (const f of up) for (const [inp, v] of Object.entries(outs[f].inputs)) { by[inp] = (by[inp]||0) + v.bytesInOutput; }
const groups = {};
for (const [k,v] of Object.entries(by)) { const g = k.includes('node_modules') ? k.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : k.replace(/^packages\/([^/]+)\/src\/([^/]+).*/, '$1/$2'); groups[g]=(groups[g]||0)+v; }
console.log(Object.entries(groups).sort((a,b)=>b[1]-a[1]).map(([k,v])=>`${(v/1024).toFixed(1).padStart(6)} ${k}`).join('\n'));
console.log('total', Object.values(by).reduce((a,b)=>a+b,0));
console.log('---');
console.log(Object.entries(by).filter(([k])=>!k.includes('node_modules')).sort((a,b)=>b[1]-a[1]).slice(0,45).map(([k,v])=>`${(v/1024).toFixed(1).padStart(6)} ${k}`).join('\n'));
