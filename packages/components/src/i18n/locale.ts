/** The languages every Sealcall element ships wording for. */
export const supportedLocales = ['en', 'nl', 'de', 'fr', 'pl'] as const;
export type Locale = (typeof supportedLocales)[number];

/**
 * The element's language: its own `lang`, else the nearest ancestor's (across shadow roots),
 * else the document's; `nl-BE` counts as `nl`; anything unsupported falls back to English.
 */
export function resolveLocale(element: Element): Locale {
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node instanceof Element && node.hasAttribute('lang')) return toLocale(node.getAttribute('lang') ?? '');
  }
  return toLocale(document.documentElement.lang);
}

export function toLocale(tag: string): Locale {
  const base = tag.toLowerCase().split('-')[0] ?? '';
  return (supportedLocales as readonly string[]).includes(base) ? (base as Locale) : 'en';
}
