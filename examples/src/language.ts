import { DEMO_LANGUAGES, type DemoLanguage } from './notice.js';
import { wordPage } from './page-words.js';

/** The browser's first language the demo speaks, else English. */
function browserLanguage(): DemoLanguage {
  for (const tag of navigator.languages) {
    const language = tag.toLowerCase().split('-')[0];
    if (language && Object.hasOwn(DEMO_LANGUAGES, language)) return language as DemoLanguage;
  }
  return 'en';
}

/**
 * Sets the page's `lang` from the browser, and lets the `<select id="language">` change it: the
 * elements follow `lang` on their own, the page's `data-words` are put in the language. `changed`
 * runs now and on every change, for more the page words itself (the notice).
 */
export function languageSwitch(changed: (language: DemoLanguage) => void = () => undefined): void {
  const select = document.querySelector<HTMLSelectElement>('#language');
  const apply = (language: DemoLanguage) => {
    document.documentElement.lang = language;
    wordPage(language);
    if (select) select.value = language;
    changed(language);
  };
  if (select) {
    select.replaceChildren(...Object.entries(DEMO_LANGUAGES).map(([value, name]) => Object.assign(new Option(name, value), { lang: value })));
    select.addEventListener('change', () => apply(select.value as DemoLanguage));
  }
  apply(browserLanguage());
}
