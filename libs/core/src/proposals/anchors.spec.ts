import fc from 'fast-check';
import { anchorProblem } from './anchors';

const at = (start: number, end: number, version = 3) => ({ version, start, end });

describe('anchorProblem', () => {
  it('accepts a span inside the body', () => {
    expect(anchorProblem(at(2, 5), 10)).toBeNull();
  });

  it('accepts a span from the very start', () => {
    expect(anchorProblem(at(0, 1), 1)).toBeNull();
  });

  it('accepts a span that ends exactly at the body length (end is exclusive)', () => {
    expect(anchorProblem(at(4, 10), 10)).toBeNull();
    expect(anchorProblem(at(0, 10), 10)).toBeNull();
  });

  it('refuses a negative start', () => {
    expect(anchorProblem(at(-1, 5), 10)).toEqual({ field: 'anchor.start', message: 'must be a non-negative integer' });
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5])('refuses a start of %p', (start) => {
    expect(anchorProblem(at(start, 5), 10)).toEqual({ field: 'anchor.start', message: 'must be a non-negative integer' });
  });

  it('refuses an empty span (end equal to start)', () => {
    expect(anchorProblem(at(3, 3), 10)).toEqual({ field: 'anchor.end', message: 'must be greater than start' });
    expect(anchorProblem(at(0, 0), 0)).toEqual({ field: 'anchor.end', message: 'must be greater than start' });
  });

  it('refuses an end before the start', () => {
    expect(anchorProblem(at(5, 2), 10)).toEqual({ field: 'anchor.end', message: 'must be greater than start' });
    expect(anchorProblem(at(5, -1), 10)).toMatchObject({ field: 'anchor.end' });
  });

  it.each([5.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses an end of %p', (end) => {
    expect(anchorProblem(at(2, end), 10)).toMatchObject({ field: 'anchor.end' });
  });

  it('refuses an end past the body, naming the version and its length', () => {
    expect(anchorProblem(at(2, 11), 10)).toEqual({ field: 'anchor.end', message: 'must not exceed the body length of version 3 (10)' });
    expect(anchorProblem(at(0, 1, 7), 0)).toEqual({ field: 'anchor.end', message: 'must not exceed the body length of version 7 (0)' });
  });

  it('reports the start first when both ends are wrong', () => {
    expect(anchorProblem(at(-3, -5), 10)).toMatchObject({ field: 'anchor.start' });
    expect(anchorProblem(at(-1, 50), 10)).toMatchObject({ field: 'anchor.start' });
  });

  it('counts UTF-16 code units, as JSON strings do', () => {
    const body = 'ab😀';
    expect(body.length).toBe(4);
    expect(anchorProblem(at(2, 4), body.length)).toBeNull();
    expect(anchorProblem(at(2, 5), body.length)).toMatchObject({ field: 'anchor.end' });
  });

  describe('properties', () => {
    it('every span 0 <= start < end <= length fits', () => {
      const span = fc
        .integer({ min: 1, max: 10_000 })
        .chain((n) => fc.nat({ max: n - 1 }).chain((s) => fc.record({ n: fc.constant(n), s: fc.constant(s), e: fc.integer({ min: s + 1, max: n }) })));
      fc.assert(
        fc.property(span, fc.nat(), ({ n, s, e }, version) => {
          expect(anchorProblem({ version, start: s, end: e }, n)).toBeNull();
        }),
      );
    });

    it('an empty span never fits, whatever the body', () => {
      fc.assert(
        fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (s, n) => {
          expect(anchorProblem(at(s, s), n)).toEqual({ field: 'anchor.end', message: 'must be greater than start' });
        }),
      );
    });

    it('any integer span fits exactly when 0 <= start < end <= length, and the field says which end is wrong', () => {
      const int = fc.integer({ min: -50, max: 200 });
      fc.assert(
        fc.property(int, int, fc.nat({ max: 150 }), (s, e, n) => {
          const p = anchorProblem(at(s, e), n);
          const fits = s >= 0 && s < e && e <= n;
          expect(p === null).toBe(fits);
          if (s < 0) expect(p?.field).toBe('anchor.start');
          else if (!fits) expect(p?.field).toBe('anchor.end');
        }),
      );
    });

    it('never accepts a non-integer bound', () => {
      const frac = fc.double({ noNaN: true, min: -100, max: 100 }).filter((x) => !Number.isInteger(x));
      fc.assert(
        fc.property(frac, fc.integer({ min: 0, max: 100 }), fc.boolean(), (x, i, startIsOdd) => {
          const a = startIsOdd ? at(x, i + 200) : at(i, x);
          expect(anchorProblem(a, 1000)).not.toBeNull();
        }),
      );
    });
  });
});
