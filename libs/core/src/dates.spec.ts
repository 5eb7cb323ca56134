import fc from 'fast-check';
import { dateOf, isIsoDate } from './dates';

/** Independent Gregorian calendar oracle (no Date object involved). */
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
function daysIn(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

describe('isIsoDate', () => {
  it.each(['2024-01-01', '2024-12-31', '1999-06-15', '2024-02-29', '2000-02-29', '2023-02-28', '2024-04-30', '9999-12-31', '0001-01-01'])(
    'accepts %s',
    (s) => expect(isIsoDate(s)).toBe(true),
  );

  it.each([
    ['2023-02-29', 'Feb 29 in a common year'],
    ['1900-02-29', 'Feb 29 in a century that is not a leap year'],
    ['2100-02-29', 'Feb 29 in 2100'],
    ['2024-02-30', 'Feb 30'],
    ['2024-04-31', 'Apr 31'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['2024-01-32', 'day 32'],
    ['2024-1-01', 'one-digit month'],
    ['2024-01-1', 'one-digit day'],
    ['24-01-01', 'two-digit year'],
    ['20240101', 'no separators'],
    ['2024/01/01', 'slashes'],
    ['2024-01-01T00:00:00Z', 'a timestamp'],
    ['2024-01-01 ', 'trailing space'],
    [' 2024-01-01', 'leading space'],
    ['2024-01-01\n', 'trailing newline'],
    ['+2024-01-01', 'a sign'],
    ['２０２４-01-01', 'full-width digits'],
    ['', 'the empty string'],
  ])('refuses %s (%s)', (s) => expect(isIsoDate(s)).toBe(false));

  it.each([
    [null],
    [undefined],
    [20240101],
    [new Date(Date.UTC(2024, 0, 1))],
    [{ toString: () => '2024-01-01' }],
    [['2024-01-01']],
    [true],
  ])('refuses the non-string %p', (v) => expect(isIsoDate(v)).toBe(false));

  it('agrees with the Gregorian calendar for every year 1..9999, month 0..13, day 0..32 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const want = m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
        expect(isIsoDate(iso(y, m, d))).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('follows the leap-year rules in years below 100 as well', () => {
    expect(isIsoDate('0004-02-29')).toBe(true);
    expect(isIsoDate('0001-02-29')).toBe(false);
    expect(isIsoDate('0100-02-29')).toBe(false);
    expect(isIsoDate('0400-02-29')).toBe(true);
  });

  it('refuses year 0000, which PostgreSQL does not have', () => {
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0000-02-29')).toBe(false);
  });

  it('orders valid dates as strings the same way as in time (property)', () => {
    const day = fc.integer({ min: -700000, max: 2900000 }).map((n) => new Date(Date.UTC(1970, 0, 1 + n)));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [sa, sb] = [dateOf(a), dateOf(b)];
        expect(isIsoDate(sa) && isIsoDate(sb)).toBe(true);
        expect(sa < sb).toBe(a.getTime() < b.getTime());
        expect(sa === sb).toBe(a.getTime() === b.getTime());
      }),
    );
  });
});

describe('dateOf', () => {
  it('gives the UTC calendar date of an instant', () => {
    expect(dateOf(new Date('2024-03-01T12:34:56Z'))).toBe('2024-03-01');
  });

  it('uses UTC, not the offset the instant was written in', () => {
    expect(dateOf(new Date('2024-03-01T23:30:00-05:00'))).toBe('2024-03-02');
    expect(dateOf(new Date('2024-03-02T01:00:00+06:00'))).toBe('2024-03-01');
  });

  it('keeps the last and first millisecond of a day on their own dates', () => {
    expect(dateOf(new Date('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29');
    expect(dateOf(new Date('2024-03-01T00:00:00.000Z'))).toBe('2024-03-01');
  });

  it('throws on an invalid Date rather than inventing one', () => {
    expect(() => dateOf(new Date('not a date'))).toThrow(RangeError);
  });

  it('returns a valid ISO date with the UTC components of any instant in years 1000..9999 (property)', () => {
    const instant = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, (t) => {
        const s = dateOf(t);
        expect(isIsoDate(s)).toBe(true);
        expect(s).toBe(iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()));
      }),
    );
  });
});
