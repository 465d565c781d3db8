import { readFileSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

// One ES module build per library package: every `exports` entry's source becomes its
// `default` file, TypeScript is stripped by esbuild, and every bare import stays external
// (the integrator's bundler resolves dependencies once). Declarations come from `tsc -b`.
const packages = ['sframe', 'sdk', 'components', 'server'];

function entries(dir) {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const input = {};
  for (const target of Object.values(manifest.exports)) {
    input[target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = `${dir}/${target.source}`;
  }
  if (manifest.bin) {
    for (const bin of Object.values(manifest.bin)) {
      input[bin.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = `${dir}/${bin.replace('./dist/', 'src/').replace(/\.js$/, '.ts')}`;
    }
  }
  return input;
}

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default packages.map((name) => {
  const dir = `packages/${name}`;
  return {
    input: entries(dir),
    external: isBare,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json' })],
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: `${dir}/src`,
    },
  };
});
