import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMessage, LocaleRegistry, placeholdersOf, SealcallError } from '../src/index.js';

const format = (message: string, values: Record<string, string | number>, locale = 'en') =>
  formatMessage(message, { locale, value: (name) => values[name] ?? assert.fail(`no ${name}`) });

describe('the message format', () => {
  it('fills placeholders and leaves braces that are not one as text', () => {
    assert.equal(format('Hello {name}, { color: red } {1x} {', { name: 'Ada' }), 'Hello Ada, { color: red } {1x} {');
  });

  it('never scans a value again', () => {
    assert.equal(format('{a} and {b}', { a: '{b}', b: 'x' }), '{b} and x');
  });

  it('picks plural forms by the language, exact matches first, with # as the number', () => {
    const boxes = 'Zdjęcie, {count, plural, =0 {bez obszarów} one {# obszar} few {# obszary} many {# obszarów} other {# obszaru}}';
    assert.deepEqual(
      [0, 1, 2, 5, 22, 1.5].map((count) => format(boxes, { count }, 'pl')),
      ['Zdjęcie, bez obszarów', 'Zdjęcie, 1 obszar', 'Zdjęcie, 2 obszary', 'Zdjęcie, 5 obszarów', 'Zdjęcie, 22 obszary', 'Zdjęcie, 1,5 obszaru'],
    );
    assert.equal(format('{n, plural, one {# item} other {# items}} for {who}', { n: 1200, who: 'Bo' }), '1,200 items for Bo');
  });

  it('reads a plural without an "other" branch, or an unclosed one, as text', () => {
    assert.equal(format('{n, plural, one {# x}}', { n: 1 }), '{n, plural, one {# x}}');
    assert.equal(format('{n, plural, other {# x}', { n: 1 }), '{n, plural, other {# x}');
  });

  it('names each placeholder once, those inside plural branches too', () => {
    assert.deepEqual(placeholdersOf('{a} {n, plural, one {# {b}} other {{a} {c}}} {a}'), ['a', 'n', 'b', 'c']);
  });
});

interface Messages {
  readonly greet: string;
  readonly states: { readonly idle: string; readonly busy: string };
}

const shipped: Record<string, Messages> = {
  en: { greet: 'Hello {name}', states: { idle: 'Ready', busy: 'Busy' } },
  de: { greet: 'Hallo {name}', states: { idle: 'Bereit', busy: 'Besetzt' } },
};

describe('LocaleRegistry', () => {
  it('falls back from a region to its language, and knows nothing of an unregistered language', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    assert.equal(registry.lookup('de-AT')?.tag, 'de');
    assert.equal(registry.lookup('DE-at')?.messages.greet, 'Hallo {name}');
    assert.equal(registry.lookup('es'), undefined);
    assert.equal(registry.lookup(''), undefined);
  });

  it('merges a partial catalogue for a region over its language, deeply', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    registry.register('de-AT', { states: { idle: 'Servus, bereit' } });
    const austrian = registry.lookup('de-AT');
    assert.equal(austrian?.tag, 'de-AT');
    assert.deepEqual(austrian?.messages, { greet: 'Hallo {name}', states: { idle: 'Servus, bereit', busy: 'Besetzt' } });
    assert.equal(registry.lookup('de')?.messages.states.idle, 'Bereit');
  });

  it('takes a new language only complete, and says what is missing', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    assert.throws(
      () => registry.register('es', { greet: 'Hola {name}', states: { idle: 'Listo' } }),
      (error: unknown) => error instanceof SealcallError && error.code === 'INVALID_ARGUMENT' && /missing: states\.busy/.test(error.message),
    );
    assert.equal(registry.lookup('es'), undefined);
    registry.register('es', { greet: 'Hola {name}', states: { idle: 'Listo', busy: 'Ocupado' } });
    assert.equal(registry.lookup('es-MX')?.messages.states.busy, 'Ocupado');
    assert.deepEqual(registry.tags, ['en', 'de', 'es']);
  });

  it('refuses an unknown key, a wrong shape and a placeholder the reference does not fill, naming each', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    const refused = (catalogue: object, pattern: RegExp) =>
      assert.throws(() => registry.register('de', catalogue), (error: unknown) => error instanceof SealcallError && pattern.test(error.message));
    refused({ greeting: 'Hi' }, /The de catalogue\.greeting is not a message; known here: greet, states/);
    refused({ states: 'Bereit' }, /The de catalogue\.states expected an object of messages, got string/);
    refused({ states: { idle: 3 } }, /The de catalogue\.states\.idle expected a string, got number/);
    refused({ greet: 'Hallo {customer}' }, /greet uses \{customer\}, which this message does not fill; it fills: \{name\}/);
    assert.equal(registry.lookup('de')?.messages.greet, 'Hallo {name}');
  });

  it('refuses a tag that is not BCP 47', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    assert.throws(() => registry.register('not a tag', {}), /registerLocale expected a BCP 47 language tag/);
  });

  it('tells its listeners of every registration', () => {
    const registry = new LocaleRegistry(shipped, 'en');
    let calls = 0;
    const stop = registry.onChange(() => (calls += 1));
    registry.register('de', { greet: 'Servus {name}' });
    stop();
    registry.register('de', { greet: 'Grüß Gott {name}' });
    assert.equal(calls, 1);
    assert.equal(registry.lookup('de')?.messages.greet, 'Grüß Gott {name}');
  });

  describe('with a shipped language loaded the first time it is asked for', () => {
    function lazyRegistry(loader: () => Promise<{ default: Messages }>) {
      let loads = 0;
      const registry = new LocaleRegistry<Messages>({ en: shipped.en as Messages, de: () => ((loads += 1), loader()) }, 'en');
      return { registry, loads: () => loads };
    }

    it('answers without it until load() has brought it, once for every caller', async () => {
      const { registry, loads } = lazyRegistry(async () => ({ default: shipped.de as Messages }));
      assert.equal(registry.lookup('de-AT'), undefined);
      assert.equal(registry.load('en'), undefined);
      assert.equal(registry.load('es'), undefined);
      await Promise.all([registry.load('de-AT'), registry.load('de')]);
      assert.equal(loads(), 1);
      assert.equal(registry.load('de'), undefined);
      assert.equal(registry.lookup('de-AT')?.messages.greet, 'Hallo {name}');
      assert.deepEqual(registry.tags, ['en', 'de']);
    });

    it('takes a region before its language is loaded and merges it over the language once it is', async () => {
      const { registry } = lazyRegistry(async () => ({ default: shipped.de as Messages }));
      registry.register('de-AT', { states: { idle: 'Servus, bereit' } });
      assert.equal(registry.lookup('de-AT'), undefined);
      await registry.load('de-AT');
      assert.deepEqual(registry.lookup('de-AT')?.messages, { greet: 'Hallo {name}', states: { idle: 'Servus, bereit', busy: 'Besetzt' } });
    });

    it('rejects LOCALE_UNAVAILABLE when the language cannot be fetched, and then answers as if it were not shipped', async () => {
      const { registry, loads } = lazyRegistry(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
      registry.register('de-CH', { greet: 'Grüezi {name}' });
      await assert.rejects(registry.load('de') as Promise<void>, (error: unknown) => error instanceof SealcallError && error.code === 'LOCALE_UNAVAILABLE' && /de messages could not be loaded/.test(error.message));
      assert.equal(registry.load('de'), undefined);
      assert.equal(registry.lookup('de'), undefined);
      assert.equal(loads(), 1);
      assert.equal(registry.lookup('de-CH'), undefined, 'a partial region with nothing under it');
    });

    it('refuses a loader for the reference language', () => {
      assert.throws(() => new LocaleRegistry<Messages>({ en: async () => ({ default: shipped.en as Messages }) }, 'en'), /reference language en needs its catalogue itself/);
    });
  });
});
