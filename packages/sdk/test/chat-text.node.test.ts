import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatTextParts } from '../src/share/chat.js';

test('links only https addresses, and leaves the rest of the text as it is', () => {
  assert.deepEqual(chatTextParts('The form: https://insurer.example/claims/42?lang=de. Thanks!'), [
    { text: 'The form: ' },
    { text: 'https://insurer.example/claims/42?lang=de', href: 'https://insurer.example/claims/42?lang=de' },
    { text: '. Thanks!' },
  ]);
  assert.deepEqual(chatTextParts('(see https://a.example/x)'), [{ text: '(see ' }, { text: 'https://a.example/x', href: 'https://a.example/x' }, { text: ')' }]);
});

test('never links another scheme or an address with credentials', () => {
  for (const text of ['http://insecure.example/form', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://user:secret@phish.example/']) {
    assert.deepEqual(chatTextParts(text), [{ text }]);
  }
});

test('markup stays text around the one https address in it', () => {
  const text = '<a href="https://evil.example">click</a>';
  const parts = chatTextParts(text);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(parts.filter((p) => 'href' in p), [{ text: 'https://evil.example', href: 'https://evil.example/' }]);
});

test('a message without an address is one piece of text', () => {
  assert.deepEqual(chatTextParts('<img src=x onerror=alert(1)>'), [{ text: '<img src=x onerror=alert(1)>' }]);
});
