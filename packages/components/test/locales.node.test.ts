import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { catalogueProblems } from '@sealcall/sdk';

const dir = new URL('../src/locales/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
const reference = read('en.json') as object;

describe("the elements' catalogues", () => {
  it('ship the five languages, one JSON file each', () => {
    assert.deepEqual(readdirSync(dir).sort(), ['de.json', 'en.json', 'fr.json', 'nl.json', 'pl.json']);
  });

  for (const language of ['nl', 'de', 'fr', 'pl']) {
    it(`${language} has every message of English, each with the same placeholders`, () => {
      assert.deepEqual(catalogueProblems(reference, read(`${language}.json`)), []);
    });
  }

  it('report a message left out, a placeholder changed and a key invented', () => {
    const broken = structuredClone(read('de.json')) as { call: Record<string, unknown>; capture: Record<string, unknown> };
    delete broken.call.join;
    broken.capture.box = 'Feld {nummer}, {style}';
    broken.call.joinNow = 'Jetzt';
    assert.deepEqual(catalogueProblems(reference, broken), ['call.join is missing', 'call.joinNow is not a message', 'capture.box fills {nummer, style} instead of {number, style}']);
  });
});

describe('the failure catalogue of docs/errors.md', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const { problems } = (reference as { call: { problems: Record<string, { customer?: string; agent?: string }> } }).call;

  it("has every problem's English words, as the element shows them", () => {
    const missing = Object.entries(problems).flatMap(([problem, words]) =>
      Object.entries(words)
        .filter(([, text]) => !doc.includes(text))
        .map(([role, text]) => `${problem}.${role}: ${text}`),
    );
    assert.deepEqual(missing, []);
  });
});
