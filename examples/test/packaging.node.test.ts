import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

// What `npm pack` puts in each package's tarball, as an integrator installing it would get it
// (after `npm run build`, which `npm test` runs first): every `exports` and `bin` target, the
// sources the `source` condition and the source and declaration maps point at, the licence, no
// build state, and a dependency for every module the published types import.

const PACKAGES = ['protocol', 'sframe', 'sdk', 'components', 'react', 'server'];
const root = new URL('../../', import.meta.url);

interface Manifest {
  readonly name: string;
  readonly exports: Record<string, string | Record<string, string>>;
  readonly bin?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** The packed files, and their modes. */
async function packed(dir: URL): Promise<Map<string, number>> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string; mode: number }> }>;
  return new Map(report!.files.map((file) => [file.path, file.mode]));
}

const relative = (path: string) => path.replace(/^\.\//, '');

/** Whether the pack holds `target`, or for a subpath pattern (`src/locales/*.json`), a file it matches. */
function packs(files: ReadonlySet<string>, target: string): boolean {
  if (!target.includes('*')) return files.has(target);
  const [head, tail] = target.split('*') as [string, string];
  return [...files].some((path) => path.startsWith(head) && path.endsWith(tail) && !path.slice(head.length, -tail.length || undefined).includes('/'));
}

/** The package a bare specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const [first, second] = specifier.split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}

/** Whether `name`, as installed here, brings its own types. */
function typesIncluded(name: string): boolean {
  const manifest = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')) as Record<string, unknown>;
  return 'types' in manifest || 'typings' in manifest || JSON.stringify(manifest.exports ?? {}).includes('"types"') || existsSync(new URL(`node_modules/${name}/index.d.ts`, root));
}

describe('the packages as npm packs them', () => {
  for (const name of PACKAGES) {
    it(`@sealcall/${name} holds what it points at, its licence and sources, and no build state`, async () => {
      const dir = new URL(`packages/${name}/`, root);
      assert.ok(existsSync(new URL('dist/', dir)), 'dist/ exists: run `npm run build` first (npm test does)');
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as Manifest;
      const modes = await packed(dir);
      const files = new Set(modes.keys());

      assert.ok(files.has('LICENSE'), 'LICENSE');
      assert.ok(files.has('README.md'), 'README.md');
      assert.deepEqual([...files].filter((file) => file.includes('tsbuildinfo')), [], 'no .tsbuildinfo');
      assert.deepEqual([...files].filter((file) => /(^|\/)test\//.test(file)), [], 'no tests');
      const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
      for (const target of [...targets, ...Object.values(manifest.bin ?? {})]) assert.ok(packs(files, relative(target)), `${target} is packed`);
      for (const bin of Object.values(manifest.bin ?? {})) {
        assert.equal((modes.get(relative(bin)) ?? 0) & 0o111, 0o111, `${bin} is executable`);
        for (const [, imported] of readFileSync(new URL(bin, dir), 'utf8').matchAll(/import '(\.[^']+)'/g)) {
          const resolved = new URL(imported as string, new URL(bin, dir)).href.slice(dir.href.length);
          assert.ok(files.has(resolved), `${bin} starts ${resolved}, which is packed`);
        }
      }

      for (const map of [...files].filter((file) => file.endsWith('.map'))) {
        const { sources } = JSON.parse(readFileSync(new URL(map, dir), 'utf8')) as { sources: string[] };
        const code = readFileSync(new URL(map.replace(/\.map$/, ''), dir), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '' && !/^(export (\*|\{[^}]*\}) from |import |\/\/# sourceMappingURL)/.test(line));
        if (code.length > 0) assert.ok(sources.length > 0, `${map} maps ${map.replace(/\.map$/, '')} to its source`);
        for (const source of sources) {
          const resolved = new URL(source, new URL(map, dir)).href.slice(dir.href.length);
          assert.ok(files.has(resolved), `${map} points at ${resolved}, which is packed`);
        }
      }

      const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
      const imported = new Set<string>();
      const ambient = new Set<string>();
      for (const types of [...files].filter((file) => file.endsWith('.d.ts'))) {
        const text = readFileSync(new URL(types, dir), 'utf8');
        for (const [, module] of text.matchAll(/^declare module '([^']+)'/gm)) ambient.add(module as string);
        for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'([^'.][^']*)'/g)) imported.add(specifier as string);
        if (text.includes('/// <reference types="node"')) imported.add('node:fs');
      }
      for (const specifier of imported) {
        if (specifier.startsWith('node:') || builtinModules.includes(specifier)) {
          assert.ok('@types/node' in declared, `the types import ${specifier}: @types/node is a dependency`);
          continue;
        }
        const dependency = packageOf(specifier);
        assert.ok(dependency in declared, `the types import ${specifier}: ${dependency} is a dependency`);
        if (!typesIncluded(dependency) && !ambient.has(specifier)) {
          const typesPackage = `@types/${dependency.replace(/^@/, '').replace('/', '__')}`;
          assert.ok(typesPackage in declared, `the types import ${specifier}, which has no types of its own: ${typesPackage} is a dependency`);
        }
      }
    });
  }
});
