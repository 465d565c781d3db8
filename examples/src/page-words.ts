import type { DemoLanguage } from './notice.js';

interface PageWords {
  language: string;
  customerTitle: string;
  receipt: string;
}

/** What the demo pages say themselves, in each language; the elements bring their own words. */
const pageWords: Record<DemoLanguage, PageWords> = {
  en: { language: 'Language', customerTitle: 'Video call with your insurer', receipt: 'Download my consent receipt' },
  de: { language: 'Sprache', customerTitle: 'Videogespräch mit Ihrer Versicherung', receipt: 'Meine Einwilligungsbestätigung herunterladen' },
  fr: { language: 'Langue', customerTitle: 'Appel vidéo avec votre assureur', receipt: 'Télécharger mon reçu de consentement' },
  nl: { language: 'Taal', customerTitle: 'Videogesprek met uw verzekeraar', receipt: 'Mijn toestemmingsbewijs downloaden' },
  pl: { language: 'Język', customerTitle: 'Rozmowa wideo z Twoim ubezpieczycielem', receipt: 'Pobierz potwierdzenie mojej zgody' },
};

function isWordKey(key: string | undefined): key is keyof PageWords {
  return key !== undefined && Object.hasOwn(pageWords.en, key);
}

/** Puts the words of `language` into every element marked `data-words="<key>"`. */
export function wordPage(language: DemoLanguage): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-words]')) {
    const key = element.dataset.words;
    if (isWordKey(key)) element.textContent = pageWords[language][key];
  }
}
