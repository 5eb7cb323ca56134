import { CATALOGS, lacksDateData, LANGS, pickLang } from './locale';

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

describe('lacksDateData', () => {
  /** A stand-in Intl.DateTimeFormat whose every format answers `month`. */
  const answering = (month: string | Error) =>
    function FakeDateTimeFormat() {
      return {
        format: () => {
          if (month instanceof Error) throw month;
          return month;
        },
      };
    } as unknown as typeof Intl.DateTimeFormat;

  it('finds Kazakh in a full ICU (Node)', () => {
    expect(new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 6, 12))).toMatch(/^желтоқсан$/i);
    expect(lacksDateData()).toBe(false);
    expect(lacksDateData('ru-RU')).toBe(false);
  });

  it('knows an ICU without Kazakh (Debian Chromium answers M12), a fallback locale, or a failure', () => {
    expect(lacksDateData('kk-KZ', answering('M12'))).toBe(true);
    expect(lacksDateData('kk-KZ', answering('12'))).toBe(true);
    expect(lacksDateData('kk-KZ', answering('December'))).toBe(true);
    expect(lacksDateData('kk-KZ', answering(new RangeError('no locale')))).toBe(true);
    expect(lacksDateData('kk-KZ', answering('желтоқсан'))).toBe(false);
  });
});
