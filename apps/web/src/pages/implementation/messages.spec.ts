import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

const catalogs = { en, ru, kk } as Record<string, Record<string, string>>;
const locales: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

describe('the implementation page’s messages', () => {
  it('have the same ids in English, Russian and Kazakh, all under implementation.', () => {
    const ids = Object.keys(en).sort();
    expect(ids.every((id) => id.startsWith('implementation.'))).toBe(true);
    expect(Object.keys(ru).sort()).toEqual(ids);
    expect(Object.keys(kk).sort()).toEqual(ids);
  });

  it('are translated: Russian in Cyrillic, Kazakh with its own letters', () => {
    expect(Object.values(ru).filter((m) => /[а-яё]/i.test(m)).length).toBeGreaterThan(20);
    expect(Object.values(kk).join(' ')).toMatch(/[әғқңөұүһі]/);
  });

  it('give every plural the forms its language needs (ru: one, few, many, other; kk and en: one, other) and balance their braces', () => {
    const needed = (locale: string) => new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const lang of Object.keys(catalogs)) {
      for (const [id, message] of Object.entries(catalogs[lang])) {
        let depth = 0;
        for (const ch of message) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect({ id, lang, depth }).toEqual({ id, lang, depth: 0 });
        const plural = /\{(\w+), plural, (.*)\}$/.exec(message);
        if (!plural) continue;
        const forms = [...plural[2].matchAll(/(\w+) \{/g)].map((x) => x[1]);
        for (const category of needed(locales[lang])) expect({ id, lang, has: forms.includes(category) }).toEqual({ id, lang, has: true });
      }
    }
    expect(new Intl.PluralRules('ru-RU').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
  });

  it('carry the same placeholders in every language', () => {
    const names = (m: string) => [...m.matchAll(/\{(\w+)[,}]/g)].map((x) => x[1]).sort();
    for (const id of Object.keys(en)) {
      expect({ id, ru: names(ru[id as keyof typeof ru]) }).toEqual({ id, ru: names(en[id as keyof typeof en]) });
      expect({ id, kk: names(kk[id as keyof typeof kk]) }).toEqual({ id, kk: names(en[id as keyof typeof en]) });
    }
  });
});
