import fc from 'fast-check';
import { formatMessage } from './icu';

describe('formatMessage (the ICU subset of the catalogs)', () => {
  it('fills {name} arguments with the value as it is, and # in a plural with the number in the locale (as react-intl)', () => {
    expect(formatMessage('Authors: {names}', { names: 'A, B' }, 'en-GB')).toBe('Authors: A, B');
    expect(formatMessage('Version {version} of {count}', { version: 3, count: 12000 }, 'en-GB')).toBe('Version 3 of 12000');
    expect(formatMessage('{n, plural, one {# item} other {# items}}', { n: 12000 }, 'en-GB')).toBe('12,000 items');
  });

  it('picks the plural case by the language: English one/other, Russian one/few/many', () => {
    const en = '{count, plural, one {# comment} other {# comments}}';
    expect(formatMessage(en, { count: 1 }, 'en-GB')).toBe('1 comment');
    expect(formatMessage(en, { count: 500 }, 'en-GB')).toBe('500 comments');
    const ru = '{count, plural, one {# комментарий} few {# комментария} many {# комментариев} other {# комментария}}';
    expect([1, 2, 5, 21, 22, 25, 111].map((count) => formatMessage(ru, { count }, 'ru-RU'))).toEqual([
      '1 комментарий',
      '2 комментария',
      '5 комментариев',
      '21 комментарий',
      '22 комментария',
      '25 комментариев',
      '111 комментариев',
    ]);
  });

  it('takes an exact =n case before the category, wherever it stands', () => {
    const m = '{n, plural, one {one} =1 {exactly one} =0 {none} other {#}}';
    expect(formatMessage(m, { n: 1 }, 'en-GB')).toBe('exactly one');
    expect(formatMessage(m, { n: 0 }, 'en-GB')).toBe('none');
    expect(formatMessage(m, { n: 7 }, 'en-GB')).toBe('7');
  });

  it('keeps quoted text and apostrophes as ICU does', () => {
    expect(formatMessage("It's '{'not an argument'}' here", {}, 'en-GB')).toBe("It's {not an argument} here");
    expect(formatMessage("a '' quote", {}, 'en-GB')).toBe("a ' quote");
  });

  it('refuses what it does not format rather than show it half done', () => {
    expect(() => formatMessage('{x}', {}, 'en-GB')).toThrow(/no value/);
    expect(() => formatMessage('{g, select, a {A} other {B}}', { g: 'a' }, 'en-GB')).toThrow(/unsupported/);
    expect(() => formatMessage('{n, plural, one {x}}', { n: 1 }, 'en-GB')).toThrow(/other/);
    expect(() => formatMessage('{n, plural, other {x}', { n: 1 }, 'en-GB')).toThrow();
    expect(() => formatMessage('a } b', {}, 'en-GB')).toThrow(/unbalanced/);
  });

  it('leaves text without arguments as it is', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/[{}'#]/.test(s)), (s) => {
        expect(formatMessage(s, {}, 'ru-RU')).toBe(s);
      }),
    );
  });
});
