import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * simple-peer's fork is an ES module but reaches CommonJS dependencies (debug, streamx,
 * err-code), axe-core is UMD and React is CommonJS: a dev server that serves only ES modules
 * cannot load them. This serves them pre-bundled by esbuild, as ES modules, for @web/test-runner.
 */
export function prebundlePlugin(packages = ['@thaunknown/simple-peer', 'axe-core'], shared = ['react', 'react-dom', 'react-dom/client']) {
  const prefix = '/__prebundled__/';
  const sharedPrefix = `${prefix}shared/`;
  const cache = new Map();
  const once = (key, make) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key);
  };
  return {
    name: 'sealcall-prebundle',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${encodeURIComponent(source)}.js`;
      if (shared.includes(source)) return `${sharedPrefix}${encodeURIComponent(source)}.js`;
    },
    async serve(context) {
      if (context.path === `${prefix}shared.js`) return { body: await once('shared', () => bundleShared(shared)), type: 'js' };
      if (context.path.startsWith(sharedPrefix)) {
        const name = decodeURIComponent(context.path.slice(sharedPrefix.length, -'.js'.length));
        if (shared.includes(name)) return { body: sharedFacade(name), type: 'js' };
        return;
      }
      if (!context.path.startsWith(prefix)) return;
      const name = decodeURIComponent(context.path.slice(prefix.length, -'.js'.length));
      if (!packages.includes(name)) return;
      return { body: await once(name, () => bundle(name)), type: 'js' };
    },
  };
}

/**
 * React and ReactDOM are CommonJS and must be one instance however many modules import them:
 * one bundle holds them all, and each specifier is a small ES module re-exporting its part
 * under the names Node's require() sees.
 */
async function bundleShared(names) {
  const imports = names.map((name, i) => `import * as m${i} from ${JSON.stringify(name)};`).join('\n');
  const table = names.map((name, i) => `${JSON.stringify(name)}: m${i}.default ?? m${i}`).join(', ');
  const result = await build({
    stdin: { contents: `${imports}\nexport const modules = { ${table} };`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function sharedFacade(name) {
  const names = exportNames(name).filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key));
  return `import { modules } from '/__prebundled__/shared.js';
const m = modules[${JSON.stringify(name)}];
export default m;
export const { ${names.join(', ')} } = m;
`;
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

/** What require() gives, asked of a separate Node: loading React here would wrap this process's console. */
function exportNames(name) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' }));
}
