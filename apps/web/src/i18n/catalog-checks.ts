/**
 * The checks every page's own en/ru/kk catalogs pass (called from each page's
 * messages.spec.ts, inside jest): the same ids under the page's prefix, real
 * Russian and Kazakh, every plural form each language needs, balanced braces,
 * and the same placeholders everywhere.
 */
type Catalog = Record<string, string>;

const LOCALES: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

export function checkCatalogs(what: string, prefix: string, catalogs: { en: Catalog; ru: Catalog; kk: Catalog }, cyrillicAtLeast: number): void {
  const { en, ru, kk } = catalogs;
  describe(what, () => {
    it(`have the same ids in English, Russian and Kazakh, all under ${prefix}`, () => {
      const ids = Object.keys(en).sort();
      expect(ids.every((id) => id.startsWith(prefix))).toBe(true);
      expect(Object.keys(ru).sort()).toEqual(ids);
      expect(Object.keys(kk).sort()).toEqual(ids);
    });

    it('are translated: Russian in Cyrillic, Kazakh with its own letters', () => {
      expect(Object.values(ru).filter((m) => /[а-яё]/i.test(m)).length).toBeGreaterThan(cyrillicAtLeast);
      expect(Object.values(kk).join(' ')).toMatch(/[әғқңөұүһі]/);
    });

    it('give every plural the forms its language needs (ru: one, few, many, other; kk and en: one, other) and balance their braces', () => {
      const needed = (locale: string) => new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [lang, catalog] of Object.entries(catalogs)) {
        for (const [id, message] of Object.entries(catalog)) {
          let depth = 0;
          for (const ch of message) {
            depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
            expect(depth).toBeGreaterThanOrEqual(0);
          }
          expect({ id, lang, depth }).toEqual({ id, lang, depth: 0 });
          const plural = /\{(\w+), plural, (.*)\}$/.exec(message);
          if (!plural) continue;
          const forms = [...plural[2].matchAll(/(\w+) \{/g)].map((x) => x[1]);
          for (const category of needed(LOCALES[lang])) expect({ id, lang, has: forms.includes(category) }).toEqual({ id, lang, has: true });
        }
      }
      expect(new Intl.PluralRules('ru-RU').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    });

    it('carry the same placeholders in every language', () => {
      const names = (m: string) => [...m.matchAll(/\{(\w+)[,}]/g)].map((x) => x[1]).sort();
      for (const id of Object.keys(en)) {
        expect({ id, ru: names(ru[id]) }).toEqual({ id, ru: names(en[id]) });
        expect({ id, kk: names(kk[id]) }).toEqual({ id, kk: names(en[id]) });
      }
    });
  });
}
