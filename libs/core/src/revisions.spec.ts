import fc from 'fast-check';
import { revisionAt, revisionProblem } from './revisions';

describe('revisionProblem', () => {
  const term = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
  it('refuses a change before the term starts or after it ends', () => {
    expect(revisionProblem(term, null, '2025-12-31')).toBe('before_start');
    expect(revisionProblem(term, null, '2027-01-01')).toBe('after_end');
    expect(revisionProblem({ ...term, endsOn: null }, null, '2030-01-01')).toBeNull();
  });
  it('refuses a change in the past of an earlier one, and accepts the same day', () => {
    expect(revisionProblem(term, '2026-06-01', '2026-05-31')).toBe('before_earlier_change');
    expect(revisionProblem(term, '2026-06-01', '2026-06-01')).toBeNull();
    expect(revisionProblem(term, '2026-06-01', '2026-06-02')).toBeNull();
    expect(revisionProblem(term, null, '2026-01-01')).toBeNull();
  });
});

describe('revisionAt', () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
  it('is the latest revision on or before the date, whatever their order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(day, { maxLength: 6 }), day, (days, at) => {
        const revisions = days.map((effectiveOn, i) => ({ effectiveOn, roles: [`r${i}`], attributes: {} }));
        const found = revisionAt(revisions, at);
        const eligible = days.filter((d) => d <= at).sort();
        if (eligible.length === 0) return found === null;
        return found !== null && found.effectiveOn === eligible[eligible.length - 1];
      }),
    );
  });
});
