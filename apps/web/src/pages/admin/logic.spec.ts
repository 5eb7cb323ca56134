import { addDays, covers, localToIso, quorumOf, splitProblem, wholeNumber } from './logic';

describe('the administration’s plain rules', () => {
  it('sorts a problem’s errors to the form’s fields, sub-fields included, and keeps the rest general', () => {
    const p = { title: 'Bad Request', status: 400, detail: 'The request body is invalid.', errors: [
      { field: 'name', message: 'must not be empty' },
      { field: 'attributes.sector', message: 'is not a balance dimension' },
      { field: 'colour', message: 'is not allowed' },
    ] };
    const s = splitProblem(p, ['name', 'attributes', 'code'], 'Refused');
    expect(s.byField).toEqual({ name: 'must not be empty', attributes: 'is not a balance dimension' });
    expect(s.general).toBe('The request body is invalid. (colour: is not allowed)');
    expect(splitProblem(undefined, ['name'], 'Network down')).toEqual({ byField: {}, general: 'Network down' });
    const placed = splitProblem({ ...p, detail: 'name: must not be empty', errors: [p.errors[0]] }, ['name'], 'Refused', 'Correct the fields marked.');
    expect(placed).toEqual({ byField: { name: 'must not be empty' }, general: 'Correct the fields marked.' });
    expect(splitProblem({ ...p, detail: 'colour: is not allowed', errors: [p.errors[2]] }, ['name'], 'Refused').general).toBe('colour: is not allowed');
    expect(splitProblem({ title: 'Conflict', status: 409, detail: '' }, [], 'x').general).toBe('Conflict');
  });

  it('counts days across months and years, and back', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('reads whole numbers, datetimes and quorums, refusing what is not one', () => {
    expect(wholeNumber(' 48 ')).toBe(48);
    expect(wholeNumber('4.5')).toBeNull();
    expect(wholeNumber('-1')).toBeNull();
    expect(localToIso('nonsense')).toBeNull();
    expect(localToIso('2026-12-07T10:30')).toBe(new Date(2026, 11, 7, 10, 30).toISOString());
    expect(quorumOf('none', '', '', '')).toEqual({ quorum: null });
    expect(quorumOf('count', '12', '', '')).toEqual({ quorum: { count: 12 } });
    expect(quorumOf('count', '0', '', '')).toEqual({ field: 'plenaryQuorum.count' });
    expect(quorumOf('fraction', '', '2', '3')).toEqual({ quorum: { numerator: 2, denominator: 3 } });
    expect(quorumOf('fraction', '', '4', '3')).toEqual({ field: 'plenaryQuorum.fraction' });
  });

  it('takes both ends of a term as inclusive', () => {
    const term = { startsOn: '2026-01-01', endsOn: '2026-06-30' };
    expect([covers(term, '2025-12-31'), covers(term, '2026-01-01'), covers(term, '2026-06-30'), covers(term, '2026-07-01')]).toEqual([false, true, true, false]);
    expect(covers({ startsOn: '2026-01-01', endsOn: null }, '2099-01-01')).toBe(true);
  });
});
