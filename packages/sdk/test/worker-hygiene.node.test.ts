import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

// The media path must never log: a console call in the worker or the SFrame code is one
// refactor away from printing keys or frames (it happened to another SDK's crypto worker).
const mediaPath = [
  ...['e2ee-worker.ts', 'frame-cryptor.ts', 'key-agreement.ts'].map((f) => new URL(`../src/e2ee/${f}`, import.meta.url)),
  ...readdirSync(new URL('../../sframe/src/', import.meta.url)).map((f) => new URL(`../../sframe/src/${f}`, import.meta.url)),
];

test('nothing on the media path calls console', () => {
  const offenders = mediaPath.filter((file) => /\bconsole\s*\./.test(readFileSync(file, 'utf8'))).map((file) => file.pathname);
  assert.deepEqual(offenders, []);
});
