import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

const catalogs = { en, ru, kk } as Record<string, Record<string, string>>;
const locales: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/** Every `{name, plural, …}` of a message with the forms it gives. */
function plurals(message: string): { name: string; forms: string[] }[] {
  const out: { name: string; forms: string[] }[] = [];
  const re = /\{(\w+), plural, /g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(message))) {
    let depth = 1;
    let i = re.lastIndex;
    const forms: string[] = [];
    let token = '';
    for (; i < message.length && depth > 0; i++) {
      const ch = message[i];
      if (ch === '{') {
        if (depth === 1) forms.push(token.trim());
        depth++;
        token = '';
      } else if (ch === '}') depth--;
      else if (depth === 1) token += ch;
    }
    out.push({ name: m[1], forms });
  }
  return out;
}

describe('the rule builder’s messages', () => {
  it('have the same ids in English, Russian and Kazakh, all under rules.', () => {
    const ids = Object.keys(en).sort();
    expect(ids.every((id) => id.startsWith('rules.'))).toBe(true);
    expect(Object.keys(ru).sort()).toEqual(ids);
    expect(Object.keys(kk).sort()).toEqual(ids);
  });

  it('are translated: Russian in Cyrillic, Kazakh with its own letters', () => {
    expect(Object.values(ru).filter((m) => /[а-яё]/i.test(m)).length).toBe(Object.keys(ru).length);
    expect(Object.values(kk).join(' ')).toMatch(/[әғқңөұүһі]/);
    for (const id of Object.keys(en)) expect({ id, same: ru[id as keyof typeof ru] === en[id as keyof typeof en] }).toEqual({ id, same: false });
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
        for (const p of plurals(message)) for (const category of needed(locales[lang])) expect({ id, lang, plural: p.name, has: p.forms.includes(category) }).toEqual({ id, lang, plural: p.name, has: true });
      }
    }
  });

  it('carry the same placeholders in every language', () => {
    const names = (m: string) => [...new Set([...m.matchAll(/\{(\w+)[,}]/g)].map((x) => x[1]))].sort();
    for (const id of Object.keys(en)) {
      expect({ id, ru: names(ru[id as keyof typeof ru]) }).toEqual({ id, ru: names(en[id as keyof typeof en]) });
      expect({ id, kk: names(kk[id as keyof typeof kk]) }).toEqual({ id, kk: names(en[id as keyof typeof en]) });
    }
  });
});
