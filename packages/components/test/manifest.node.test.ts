import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';

// The Custom Elements Manifest is generated from the elements' JSDoc headers: a property, event,
// part or CSS custom property added to an element and not documented there would be missing
// from what editors and frameworks see. This compares the manifest with the elements' sources.

const root = new URL('../', import.meta.url);
const ELEMENTS = [
  { tag: 'seal-call', file: 'src/call/call.ts', styles: 'src/call/call.styles.ts', templates: ['src/call/security-code-panel.ts', 'src/call/chat-panel.ts', 'src/call/chat-view.ts'] },
  { tag: 'seal-capture', file: 'src/capture/capture.ts', styles: 'src/capture/capture.styles.ts', templates: ['src/capture/redaction-review.ts'] },
  { tag: 'seal-consent-dialog', file: 'src/consent-dialog/consent-dialog.ts', styles: 'src/consent-dialog/consent-dialog.styles.ts' },
  { tag: 'seal-records', file: 'src/records/records.ts', styles: 'src/records/records.styles.ts' },
] as const;

interface Declaration {
  readonly tagName?: string;
  readonly customElement?: boolean;
  readonly members?: ReadonlyArray<{ readonly name: string; readonly kind: string; readonly description?: string }>;
  readonly attributes?: ReadonlyArray<{ readonly name: string; readonly fieldName?: string }>;
  readonly events?: ReadonlyArray<{ readonly name: string; readonly description?: string }>;
  readonly cssParts?: ReadonlyArray<{ readonly name: string }>;
  readonly cssProperties?: ReadonlyArray<{ readonly name: string }>;
}

let declarations: Declaration[];

before(async () => {
  // What `npm run build` runs, where it runs it: the config's globs are relative to the package.
  await promisify(execFile)(process.execPath, ['../../node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: root });
  const manifest = JSON.parse(await readFile(new URL('dist/custom-elements.json', root), 'utf8')) as { modules: Array<{ declarations?: Declaration[] }> };
  declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
});

/** The public properties of `static properties`: not `state: true`; their attribute, if any. */
function properties(source: string): Array<{ name: string; attribute: string | null }> {
  const block = /static override properties = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1];
  assert.ok(block, 'static properties found');
  return [...block.matchAll(/^\s{4}(\w+): \{([^}]*)\}/gm)]
    .filter(([, , options]) => !/state: true/.test(options as string))
    .map(([, name, options]) => {
      const named = /attribute: '([a-z-]+)'/.exec(options as string)?.[1];
      return { name: name as string, attribute: /attribute: false/.test(options as string) ? null : (named ?? (name as string).toLowerCase()) };
    });
}

const unique = (values: Iterable<string>) => [...new Set(values)].sort();

describe('the Custom Elements Manifest', () => {
  for (const { tag, file, styles, templates = [] } of ELEMENTS as ReadonlyArray<{ tag: string; file: string; styles: string; templates?: string[] }>) {
    it(`describes everything <${tag}> offers`, async () => {
      const source = await readFile(new URL(file, root), 'utf8');
      // The parts of the templates the element renders from other modules.
      const rendered = [source, ...(await Promise.all(templates.map((template) => readFile(new URL(template, root), 'utf8'))))].join('\n');
      const css = await readFile(new URL(styles, root), 'utf8');
      const declaration = declarations.find((d) => d.tagName === tag);
      assert.ok(declaration, `${tag} is in the manifest`);

      const members = new Set((declaration.members ?? []).filter((m) => m.kind === 'field').map((m) => m.name));
      const attributes = new Set((declaration.attributes ?? []).map((a) => a.name));
      for (const { name, attribute } of properties(source)) {
        assert.ok(members.has(name), `property ${name} is in the manifest`);
        if (attribute) assert.ok(attributes.has(attribute), `attribute ${attribute} is in the manifest`);
      }
      const undocumented = (declaration.members ?? []).filter((m) => m.kind === 'field' && !m.description).map((m) => m.name);
      assert.deepEqual(undocumented, [], 'every public property has a description');

      const dispatched = unique([...source.matchAll(/'(seal-[a-z-]+)'/g)].map((m) => m[1] as string).filter((name) => !ELEMENTS.some((e) => e.tag === name) && name !== 'seal-record-viewer'));
      assert.deepEqual(unique((declaration.events ?? []).map((e) => e.name)), dispatched, 'events');
      // Its own parts, and those of the elements inside it that it forwards (`exportparts`, as
      // `inner: outer` where it renames them).
      const own = [...rendered.matchAll(/\spart="([a-z0-9- ]+)"/g)].flatMap((m) => (m[1] as string).split(' ').filter(Boolean));
      const forwarded = [...source.matchAll(/\sexportparts="([a-z0-9-,: ]+)"/g)].flatMap((m) => (m[1] as string).split(',').map((pair) => pair.split(':').at(-1)!.trim()));
      const parts = unique([...own, ...forwarded]);
      assert.deepEqual(unique((declaration.cssParts ?? []).map((p) => p.name)), parts, 'parts');
      const custom = unique([...css.matchAll(/var\((--seal-[a-z-]+)/g)].map((m) => m[1] as string));
      assert.deepEqual(unique((declaration.cssProperties ?? []).map((p) => p.name)), custom, 'CSS custom properties');
    });
  }

  it('lists no element that the package does not register', async () => {
    const registered = unique(
      (await readdir(new URL('src/', root))).filter((name) => /^seal-.*\.ts$/.test(name)).map((name) => name.replace(/\.ts$/, '')),
    );
    assert.deepEqual(unique(declarations.map((d) => d.tagName as string)), registered);
  });
});
