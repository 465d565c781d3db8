import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * simple-peer's fork is an ES module but reaches CommonJS dependencies (debug, streamx,
 * err-code), and axe-core is UMD: a dev server that serves only ES modules cannot load them. This serves them
 * pre-bundled by esbuild, each as one ES module, for @web/test-runner.
 */
export function prebundlePlugin(packages = ['@thaunknown/simple-peer', 'axe-core']) {
  const prefix = '/__prebundled__/';
  const cache = new Map();
  return {
    name: 'sealcall-prebundle',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${encodeURIComponent(source)}.js`;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return;
      const name = decodeURIComponent(context.path.slice(prefix.length, -'.js'.length));
      if (!packages.includes(name)) return;
      if (!cache.has(name)) cache.set(name, bundle(name));
      return { body: await cache.get(name), type: 'js' };
    },
  };
}

async function bundle(name) {
  const result = await build({
    entryPoints: [require.resolve(name)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    define: { global: 'globalThis' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
