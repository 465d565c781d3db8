import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

// The app docs/getting-started.md builds, as an integrator would make it: outside the
// workspace, with the packages installed from the tarballs `npm pack` makes. Used by
// examples/test/consumer-app.node.test.ts and by `npm run bench:consumer`.

const run = promisify(execFile);
const root = new URL('../', import.meta.url);
const PACKAGES = ['protocol', 'sframe', 'sdk', 'components', 'react', 'server'];
/** What the guide's app installs besides the tarballs, at the versions this repository uses. */
const TOOLS = ['vite', 'typescript', 'tsx', '@types/node'];
const FILE_MARKER = /<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;

/** The files of the guide: each code block under a `<!-- file: PATH -->` line. */
export async function guideFiles(guide = new URL('docs/getting-started.md', root)) {
  const text = await readFile(guide, 'utf8');
  return new Map([...text.matchAll(FILE_MARKER)].map(([, path, body]) => [path, `${body}\n`]));
}

/** Writes each `path → text` of `files` under `directory`, making the folders on the way. */
export async function writeFiles(directory, files) {
  for (const [path, body] of files) {
    await mkdir(dirname(join(directory, path)), { recursive: true });
    await writeFile(join(directory, path), body);
  }
}

/**
 * Packs every package (after `npm run build`), writes the guide's files into a new directory
 * under the system's temporary directory and installs the tarballs and the tools there.
 * Returns the app's directory.
 */
export async function prepareConsumerApp({ log = () => {} } = {}) {
  const base = await mkdtemp(join(tmpdir(), 'sealcall-consumer-'));
  const tarballs = join(base, 'tarballs');
  const app = join(base, 'app');
  await mkdir(tarballs);
  await mkdir(app);
  log(`packing into ${tarballs}`);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.map((name) => `-w=@sealcall/${name}`)], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout).map((report) => join(tarballs, report.filename));
  await writeFiles(app, await guideFiles());
  const tools = await Promise.all(TOOLS.map(async (name) => `${name}@${JSON.parse(await readFile(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version}`));
  await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'guide-app', private: true, type: 'module' }, null, 2)}\n`);
  log(`installing ${packed.length} tarballs and ${tools.join(', ')}`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packed], { cwd: app, maxBuffer: 64 * 1024 * 1024 });
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', ...tools], { cwd: app, maxBuffer: 64 * 1024 * 1024 });
  return app;
}

/** `tsc` over the app with its own tsconfig.json (strict, skipLibCheck false). Rejects with tsc's report. */
export function typecheck(app) {
  return run('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], { cwd: app });
}

/** `vite build --manifest` in `app`; returns what {@link builtSizes} measures. */
export async function build(app) {
  await run('npx', ['--no-install', 'vite', 'build', '--manifest', '--logLevel', 'warn'], { cwd: app });
  return builtSizes(app);
}

/**
 * Of a Vite project built with `--manifest` into its `dist/`, gzip level 9, in bytes: each page's
 * JavaScript (the entry and every chunk it imports), the workers, and each chunk neither loads
 * up front (dynamic imports: the languages, the capture code, the worker's X25519 fallback).
 */
async function builtSizes(project) {
  const manifest = JSON.parse(await readFile(join(project, 'dist/.vite/manifest.json'), 'utf8'));
  const gzip = async (file) => gzipSync(await readFile(join(project, 'dist', file)), { level: 9 }).length;
  const sum = async (files) => {
    let bytes = 0;
    for (const file of files) bytes += await gzip(file);
    return bytes;
  };
  const pages = {};
  const loadedByPages = new Set();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry || !key.endsWith('.html')) continue;
    const files = new Set();
    const visit = (name) => {
      const entry = manifest[name];
      if (!entry || files.has(entry.file)) return;
      files.add(entry.file);
      for (const imported of entry.imports ?? []) visit(imported);
    };
    visit(key);
    for (const file of files) loadedByPages.add(file);
    pages[key.replace(/\.html$/, '')] = { js: await sum(files) };
  }
  const scripts = (await readdir(join(project, 'dist/assets'))).filter((file) => file.endsWith('.js')).map((file) => `assets/${file}`);
  // Vite lists a worker it emitted as an asset of the chunk that starts it.
  const workers = [...new Set(Object.values(manifest).flatMap((chunk) => chunk.assets ?? []))].filter((file) => file.endsWith('.js'));
  const onDemand = [];
  for (const file of scripts.filter((f) => !loadedByPages.has(f) && !workers.includes(f))) onDemand.push({ file, gzip: await gzip(file) });
  return { pages, worker: await sum(workers), workers, onDemand };
}
