import { CATALOGS, LANGS, pickLang } from './locale';

describe('page language', () => {
  it('takes ?lang= first, then the kept choice, then the browser, then English', () => {
    expect(pickLang('?lang=kk', 'ru', ['en-US'])).toBe('kk');
    expect(pickLang('?lang=fr', 'ru', ['kk-KZ'])).toBe('ru');
    expect(pickLang('', null, ['de-DE', 'kk-KZ', 'ru'])).toBe('kk');
    expect(pickLang('', 'xx', ['de'])).toBe('en');
  });

  it('has every message in every language', () => {
    const ids = Object.keys(CATALOGS.en).sort();
    for (const l of LANGS) expect(Object.keys(CATALOGS[l]).sort()).toEqual(ids);
  });
});
