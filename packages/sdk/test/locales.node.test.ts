import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { catalogueProblems } from '../src/index.js';

const dir = new URL('../src/locales/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

describe("the templates' catalogues", () => {
  it('ship the five languages, one JSON file each', () => {
    assert.deepEqual(readdirSync(dir).sort(), ['de.json', 'en.json', 'fr.json', 'nl.json', 'pl.json']);
  });

  for (const language of ['nl', 'de', 'fr', 'pl']) {
    it(`${language} has every message of English, each with the same placeholders`, () => {
      assert.deepEqual(catalogueProblems(read('en.json') as object, read(`${language}.json`)), []);
    });
  }
});
