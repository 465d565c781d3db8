import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

// What handles keys, frames or invitation links must never log: a console call there is one
// refactor away from printing a key, a frame or a link's secret (it happened to another SDK's
// crypto worker).
const folder = (path: string) => readdirSync(new URL(path, import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => new URL(`${path}${f}`, import.meta.url));
const sensitive = [
  ...folder('../src/e2ee/'),
  ...folder('../src/e2ee/worker/'),
  ...folder('../../sframe/src/'),
  ...folder('../src/templates/'),
  ...folder('../src/notifications/'),
];

test('nothing that handles keys, frames or invitation links calls console', () => {
  const offenders = sensitive.filter((file) => /\bconsole\s*\./.test(readFileSync(file, 'utf8'))).map((file) => file.pathname);
  assert.deepEqual(offenders, []);
});
