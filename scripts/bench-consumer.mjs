import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, prepareConsumerApp, writeFiles } from './consumer-app.mjs';

// `npm run bench:consumer`: what the app of docs/getting-started.md ships, built by Vite from the
// packed tarballs as an integrator builds it: each page's JavaScript (the entry and every chunk
// it imports), the E2EE worker, and each chunk fetched only on demand, gzip level 9. The anchor,
// built by the same Vite in the same app with the same target, is a page with one bare
// LitElement: the floor any Lit page pays.
// Results go, with this command, into docs/benchmarks.md by hand.

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const ANCHOR = {
  'index.html': '<!doctype html>\n<hello-anchor></hello-anchor>\n<script type="module" src="./main.ts"></script>\n',
  'main.ts': [
    "import { LitElement, html } from 'lit';",
    '',
    'class HelloAnchor extends LitElement {',
    '  render() {',
    '    return html`<p>Hello</p>`;',
    '  }',
    '}',
    "customElements.define('hello-anchor', HelloAnchor);",
    '',
  ].join('\n'),
  'vite.config.ts': "import { defineConfig } from 'vite';\n\nexport default defineConfig({ build: { target: 'es2022' } });\n",
};

/** What a chunk Vite named after its first module holds. */
function describeChunk(file) {
  const name = file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '');
  const known = {
    ed25519: "the worker's X25519, where WebCrypto has none",
    'backend-noble': "the SFrame reference backend, where WebCrypto is missing",
    recorder: 'the recorder, when a call is recorded',
    picture: 'the picture capture, when one is taken',
  };
  return known[name] ?? (/^(nl|de|fr|pl)\.json$/.test(name) ? `the ${name.slice(0, 2)} messages, on a page in that language` : name);
}

async function anchorSize(app) {
  const directory = join(app, 'anchor');
  await writeFiles(directory, Object.entries(ANCHOR));
  const { pages } = await build(directory);
  return pages.index.js;
}

const app = await prepareConsumerApp({ log: (line) => console.error(line) });
try {
  const { pages, worker, onDemand } = await build(app);
  const anchor = await anchorSize(app);
  console.log('| what the browser downloads (JavaScript, gzip) | size |');
  console.log('|---|---|');
  console.log(`| a page with one bare LitElement (anchor) | ${kb(anchor)} |`);
  console.log(`| the agent page (\`<seal-call>\`, the SDK, the guide's code) | ${kb(pages.agent.js)} |`);
  console.log(`| the customer page (\`<seal-consent-dialog>\`, \`<seal-call>\`, the SDK, the guide's code) | ${kb(pages.customer.js)} |`);
  console.log(`| the E2EE worker, loaded by both pages once a call starts | ${kb(worker)} |`);
  for (const { file, gzip } of onDemand) console.log(`| fetched on demand: ${describeChunk(file)} (\`${file}\`) | ${kb(gzip)} |`);
} finally {
  await rm(dirname(app), { recursive: true, force: true });
}
