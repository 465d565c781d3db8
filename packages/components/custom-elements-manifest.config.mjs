import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

// `npm run build` runs `cem analyze` with this: the Custom Elements Manifest of the elements, from
// their JSDoc headers and Lit's `static properties`, into dist/custom-elements.json (package.json's
// `customElements`), and VS Code's HTML custom data from it, into dist/vscode.html-custom-data.json.

/** Only what an integrator may use: no private or `#` members, no state, no undocumented event. */
function publicSurface() {
  return {
    name: 'sealcall-public-surface',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (!declaration.customElement) continue;
        declaration.members = (declaration.members ?? []).filter((member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#') && !member.static);
        const fields = new Set(declaration.members.map((member) => member.name));
        declaration.attributes = (declaration.attributes ?? []).filter((attribute) => fields.has(attribute.fieldName));
        declaration.events = (declaration.events ?? []).filter((event) => event.description !== undefined);
      }
    },
  };
}

/** The tokens every element reads, under its own properties: one place themes them all. */
const SHARED_TOKENS = {
  '--seal-color-primary': 'Shared: buttons, links and the accent of every element.',
  '--seal-color-surface': 'Shared: the background of light surfaces.',
  '--seal-color-on-surface': 'Shared: text on light surfaces.',
  '--seal-color-surface-dark': 'Shared: the background behind video.',
  '--seal-color-on-surface-dark': 'Shared: text over video.',
  '--seal-color-muted': 'Shared: secondary text.',
  '--seal-color-border': 'Shared: lines and outlines.',
  '--seal-color-control': 'Shared: the background of controls over video.',
  '--seal-color-danger': 'Shared: destructive actions and errors.',
  '--seal-color-warning': 'Shared: warnings.',
  '--seal-color-recording': 'Shared: the recording indicator.',
  '--seal-color-focus': 'Shared: the focus ring.',
  '--seal-radius': 'Shared: the corner radius.',
  '--seal-font-family': 'Shared: the font.',
};

/**
 * Adds to each element the shared tokens its styles (`<name>.styles.ts` beside it) read. A
 * shared token without a description here fails the build.
 */
function sharedTokens() {
  return {
    name: 'sealcall-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const styles = new URL(module.path.replace(/\.ts$/, '.styles.ts'), import.meta.url);
        if (!existsSync(styles)) continue;
        const used = new Set([...readFileSync(styles, 'utf8').matchAll(/var\((--seal-(?:color-[a-z-]+|radius|font-family))/g)].map((match) => match[1]));
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          for (const name of [...used].sort()) {
            if (!(name in SHARED_TOKENS)) throw new Error(`${module.path} reads the shared token ${name}, which has no description in custom-elements-manifest.config.mjs`);
            (declaration.cssProperties ??= []).push({ name, description: SHARED_TOKENS[name] });
          }
        }
      }
    },
  };
}

/** VS Code's HTML custom data (`html.customData`): tags, their attributes and descriptions. */
function vscodeCustomData(outfile) {
  return {
    name: 'sealcall-vscode-custom-data',
    packageLinkPhase({ customElementsManifest }) {
      const tags = customElementsManifest.modules
        .flatMap((module) => module.declarations ?? [])
        .filter((declaration) => declaration.customElement && declaration.tagName)
        .map((declaration) => ({
          name: declaration.tagName,
          description: declaration.summary ?? declaration.description ?? '',
          attributes: (declaration.attributes ?? []).map((attribute) => ({ name: attribute.name, description: attribute.description ?? '' })),
        }));
      mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
      writeFileSync(new URL(outfile, import.meta.url), `${JSON.stringify({ version: 1.1, tags }, null, 2)}\n`);
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // Internal to <seal-records>, which registers and drives it.
  exclude: ['src/records/record-viewer.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [publicSurface(), sharedTokens(), vscodeCustomData('./dist/vscode.html-custom-data.json')],
};
