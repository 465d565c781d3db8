import { existsSync, readdirSync, readFileSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

// One ES module build per library package: every module `exports` entry's source becomes its
// `default` file, TypeScript is stripped by esbuild, and every bare import stays external
// (the integrator's bundler resolves dependencies once). Declarations come from `tsc -b`.
const packages = ['protocol', 'sframe', 'sdk', 'components', 'react', 'server'];

function entries(dir) {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const input = {};
  // Only modules: a plain path (`./custom-elements.json`) is a file the build writes otherwise.
  for (const target of Object.values(manifest.exports).filter((target) => typeof target === 'object')) {
    input[target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = `${dir}/${target.source}`;
  }
  // The server's CLI, which its committed bin/sealcall-server.js starts.
  if (existsSync(`${dir}/src/cli.ts`)) input.cli = `${dir}/src/cli.ts`;
  return input;
}

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** The server's SQL migrations, read at run time from beside the module that applies them. */
function copyMigrations(dir) {
  const from = `${dir}/src/db/migrations`;
  return {
    name: 'copy-migrations',
    generateBundle() {
      if (!existsSync(from)) return;
      for (const name of readdirSync(from).filter((n) => n.endsWith('.sql'))) {
        this.emitFile({ type: 'asset', fileName: `db/migrations/${name}`, source: readFileSync(`${from}/${name}`, 'utf8') });
      }
    },
  };
}

export default packages.map((name) => {
  const dir = `packages/${name}`;
  return {
    input: entries(dir),
    external: isBare,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', loaders: { '.json': 'json' } }), copyMigrations(dir)],
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: `${dir}/src`,
    },
  };
});
