import fc from 'fast-check';
import { Term, termChangeProblem, termCovers, termIsValid, termsOverlap } from './terms';

/** Day n counted from 2024-01-01 (crosses Feb 29 and month ends), as an ISO date. */
const day = (n: number): string => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
const term = (startsOn: string, endsOn: string | null): Term => ({ startsOn, endsOn });

/** A valid term in day numbers (small range so that brute force stays cheap), with its ISO form. */
const SPAN = 60;
const termInDays = fc
  .record({ start: fc.integer({ min: 0, max: SPAN }), len: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) })
  .map(({ start, len }) => ({ start, end: len === null ? null : start + len }));
const toTerm = (t: { start: number; end: number | null }): Term => term(day(t.start), t.end === null ? null : day(t.end));
/** Oracle in integer days, independent of string comparison. */
const coversDay = (t: { start: number; end: number | null }, n: number) => n >= t.start && (t.end === null || n <= t.end);

describe('termIsValid', () => {
  it('accepts an open term, a one-day term and a longer term', () => {
    expect(termIsValid(term('2024-01-01', null))).toBe(true);
    expect(termIsValid(term('2024-01-01', '2024-01-01'))).toBe(true);
    expect(termIsValid(term('2024-01-01', '2025-12-31'))).toBe(true);
  });

  it('refuses an end before the start', () => {
    expect(termIsValid(term('2024-01-02', '2024-01-01'))).toBe(false);
  });
});

describe('termCovers', () => {
  const t = term('2024-02-10', '2024-03-05');

  it('covers its first and last day (both ends inclusive)', () => {
    expect(termCovers(t, '2024-02-10')).toBe(true);
    expect(termCovers(t, '2024-03-05')).toBe(true);
  });

  it('covers a day inside, across a month end and Feb 29', () => {
    expect(termCovers(t, '2024-02-29')).toBe(true);
    expect(termCovers(t, '2024-03-01')).toBe(true);
  });

  it('does not cover the day before the start or the day after the end', () => {
    expect(termCovers(t, '2024-02-09')).toBe(false);
    expect(termCovers(t, '2024-03-06')).toBe(false);
  });

  it('covers only its single day for a one-day term', () => {
    const one = term('2024-05-01', '2024-05-01');
    expect(termCovers(one, '2024-05-01')).toBe(true);
    expect(termCovers(one, '2024-04-30')).toBe(false);
    expect(termCovers(one, '2024-05-02')).toBe(false);
  });

  it('with an open end, covers every day from the start on', () => {
    const open = term('2024-02-10', null);
    expect(termCovers(open, '2024-02-09')).toBe(false);
    expect(termCovers(open, '2024-02-10')).toBe(true);
    expect(termCovers(open, '2999-12-31')).toBe(true);
  });

  it('agrees with the integer-day oracle (property)', () => {
    fc.assert(
      fc.property(termInDays, fc.integer({ min: -5, max: SPAN + 30 }), (t, n) => {
        expect(termCovers(toTerm(t), day(n))).toBe(coversDay(t, n));
      }),
    );
  });
});

describe('termsOverlap', () => {
  it.each([
    ['identical terms', term('2024-01-01', '2024-01-31'), term('2024-01-01', '2024-01-31'), true],
    ['one inside the other', term('2024-01-01', '2024-12-31'), term('2024-03-01', '2024-03-02'), true],
    ['partial overlap', term('2024-01-01', '2024-02-15'), term('2024-02-01', '2024-03-01'), true],
    ['sharing only the last/first day', term('2024-01-01', '2024-01-31'), term('2024-01-31', '2024-02-29'), true],
    ['adjacent: ends the day before the other starts', term('2024-01-01', '2024-01-31'), term('2024-02-01', '2024-02-29'), false],
    ['adjacent across Feb 29', term('2024-01-01', '2024-02-29'), term('2024-03-01', null), false],
    ['disjoint', term('2024-01-01', '2024-01-10'), term('2024-06-01', '2024-06-10'), false],
    ['two open terms', term('2024-01-01', null), term('2030-01-01', null), true],
    ['open term starting after the other ends', term('2024-01-01', '2024-06-30'), term('2024-07-01', null), false],
    ['open term starting on the other\'s last day', term('2024-01-01', '2024-06-30'), term('2024-06-30', null), true],
    ['open term starting before a closed one', term('2020-01-01', null), term('2024-01-01', '2024-01-01'), true],
    ['closed term ending the day before an open term', term('2023-12-31', '2023-12-31'), term('2024-01-01', null), false],
  ])('%s', (_name, a, b, want) => {
    expect(termsOverlap(a, b)).toBe(want);
    expect(termsOverlap(b, a)).toBe(want);
  });

  it('is symmetric (property)', () => {
    fc.assert(
      fc.property(termInDays, termInDays, (a, b) => {
        expect(termsOverlap(toTerm(a), toTerm(b))).toBe(termsOverlap(toTerm(b), toTerm(a)));
      }),
    );
  });

  it('is true iff some day is covered by both, by brute force over the day range (property)', () => {
    fc.assert(
      fc.property(termInDays, termInDays, (a, b) => {
        // Every term in this range either covers some day ≤ SPAN + 20, or runs on past it
        // (open terms); scanning one day further than any end decides the question.
        let shared = false;
        for (let n = 0; n <= SPAN + 21 && !shared; n++) shared = coversDay(a, n) && coversDay(b, n);
        expect(termsOverlap(toTerm(a), toTerm(b))).toBe(shared);
      }),
      { numRuns: 500 },
    );
  });

  it('never overlaps when one ends the day before the other starts (property)', () => {
    fc.assert(
      fc.property(termInDays, fc.integer({ min: 0, max: 20 }), fc.boolean(), (a, len, open) => {
        fc.pre(a.end !== null);
        const b = { start: a.end! + 1, end: open ? null : a.end! + 1 + len };
        expect(termsOverlap(toTerm(a), toTerm(b))).toBe(false);
        expect(termsOverlap(toTerm(b), toTerm(a))).toBe(false);
        // …and does overlap once the second starts one day earlier.
        expect(termsOverlap(toTerm(a), toTerm({ ...b, start: a.end! }))).toBe(true);
      }),
    );
  });

  it('every valid term overlaps itself (property)', () => {
    fc.assert(fc.property(termInDays, (a) => expect(termsOverlap(toTerm(a), toTerm(a))).toBe(true)));
  });
});

describe('termChangeProblem', () => {
  const ENDED = 'term_ended';
  const BEFORE_START = 'ends_before_start';

  it('refuses any change to a term that ended before today', () => {
    const past = term('2023-01-01', '2023-12-31');
    expect(termChangeProblem(past, '2024-12-31', '2024-01-01')).toBe(ENDED);
    expect(termChangeProblem(past, null, '2024-06-01')).toBe(ENDED);
    expect(termChangeProblem(past, '2023-12-31', '2024-01-01')).toBe(ENDED);
  });

  it('still allows a change on the last day of the term (the end is inclusive)', () => {
    expect(termChangeProblem(term('2023-01-01', '2024-01-01'), '2024-06-30', '2024-01-01')).toBeNull();
    expect(termChangeProblem(term('2023-01-01', '2024-01-01'), null, '2024-01-01')).toBeNull();
  });

  it('allows ending an open term, from its start day on', () => {
    expect(termChangeProblem(term('2024-01-01', null), '2024-06-30', '2024-03-01')).toBeNull();
    expect(termChangeProblem(term('2024-01-01', null), '2024-01-01', '2024-03-01')).toBeNull();
  });

  it('allows a term that has not started yet to be changed', () => {
    expect(termChangeProblem(term('2025-01-01', '2025-12-31'), '2026-12-31', '2024-06-01')).toBeNull();
  });

  it('refuses an end before the start', () => {
    expect(termChangeProblem(term('2024-01-01', null), '2023-12-31', '2024-03-01')).toBe(BEFORE_START);
    expect(termChangeProblem(term('2025-01-01', null), '2024-12-31', '2024-06-01')).toBe(BEFORE_START);
  });

  it('reports an ended term before an end placed before the start', () => {
    expect(termChangeProblem(term('2023-01-01', '2023-02-01'), '2022-01-01', '2024-01-01')).toBe(ENDED);
  });

  it('matches its three rules for any term, new end and today (property)', () => {
    fc.assert(
      fc.property(termInDays, fc.option(fc.integer({ min: -5, max: SPAN + 30 }), { nil: null }), fc.integer({ min: 0, max: SPAN + 30 }), (t, next, today) => {
        const want = t.end !== null && t.end < today ? ENDED : next !== null && next < t.start ? BEFORE_START : null;
        expect(termChangeProblem(toTerm(t), next === null ? null : day(next), day(today))).toBe(want);
      }),
    );
  });
});
