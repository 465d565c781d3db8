import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, prepareConsumerApp, writeFiles } from './consumer-app.mjs';

// `npm run bench:consumer`: what the app of docs/getting-started.md ships, built by Vite from the
// packed tarballs as an integrator builds it: each page's JavaScript (the entry and every chunk
// it imports) and the E2EE worker, gzip level 9. The anchor, built by the same Vite in the same
// app with the same target, is a page with one bare LitElement: the floor any Lit page pays.
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
  console.log(`| the worker's X25519 fallback, loaded only where WebCrypto has no X25519 | ${kb(onDemand)} |`);
} finally {
  await rm(dirname(app), { recursive: true, force: true });
}
