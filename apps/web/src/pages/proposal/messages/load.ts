/**
 * The proposal pages' Russian and Kazakh messages, each fetched only when a
 * page is shown in that language (English comes with the page's code): an
 * English page does not carry two catalogs it never shows, a Russian one not
 * the Kazakh one. Kept apart from i18n.tsx so that the route's loader can
 * start the fetch beside the page's code.
 */
export type OtherLang = 'ru' | 'kk';
type Catalog = Record<string, string>;

const loaded: Partial<Record<OtherLang, Catalog>> = {};
const loading: Partial<Record<OtherLang, Promise<Catalog>>> = {};

/** The catalog once fetched, else undefined. */
export const loadedCatalog = (lang: OtherLang): Catalog | undefined => loaded[lang];

export function loadCatalog(lang: OtherLang): Promise<Catalog> {
  const fetch = () => (lang === 'ru' ? import('./ru.json') : import('./kk.json')).then((m) => (loaded[lang] = m.default as Catalog));
  // A failed fetch is forgotten, so that the next page in that language tries again.
  return (loading[lang] ??= fetch().catch((e: unknown) => {
    delete loading[lang];
    throw e;
  }));
}
