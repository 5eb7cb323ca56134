import fc from 'fast-check';
import { buildRule, choicesOf, DEFAULT_RULE_FORM, grantSeconds, RuleForm, wholeNumber } from './rule';

const form = (over: Partial<RuleForm>): RuleForm => ({ ...DEFAULT_RULE_FORM, ...over });

describe('the rule builder', () => {
  it('makes a simple majority with its tie rule and no threshold', () => {
    expect(buildRule(form({ tie: 'chair_decides' }))).toEqual({ rule: { method: 'majority', base: 'cast', tie: 'chair_decides', allowChange: true }, problems: [] });
  });

  it('gives a qualified majority its threshold and comparator, and no tie rule', () => {
    const { rule } = buildRule(form({ method: 'qualified', thresholdNumerator: '2', thresholdDenominator: '3', comparator: 'more_than', base: 'eligible', tie: 'chair_decides' }));
    expect(rule).toEqual({ method: 'qualified', base: 'eligible', threshold: { numerator: 2, denominator: 3 }, comparator: 'more_than', allowChange: true });
  });

  it('leaves threshold, comparator and tie out of unanimity, consensus and consent', () => {
    for (const method of ['unanimity', 'consensus', 'consent'] as const) {
      expect(buildRule(form({ method, base: 'present' })).rule).toEqual({ method, base: 'present', allowChange: true });
    }
  });

  it('takes a quorum as a count or as a fraction of the eligible', () => {
    expect(buildRule(form({ quorum: 'count', quorumCount: '54' })).rule?.quorum).toEqual({ count: 54 });
    expect(buildRule(form({ quorum: 'fraction', quorumNumerator: '2', quorumDenominator: '3' })).rule?.quorum).toEqual({ numerator: 2, denominator: 3 });
    expect(buildRule(form({ quorum: 'none', quorumCount: 'x' })).rule).not.toHaveProperty('quorum');
  });

  it('never lets a secret poll allow a change', () => {
    expect(buildRule(form({ secret: true, allowChange: true })).rule?.allowChange).toBe(false);
    expect(buildRule(form({ secret: false, allowChange: false })).rule?.allowChange).toBe(false);
  });

  it('names the field of an impossible threshold or quorum', () => {
    expect(buildRule(form({ method: 'qualified', thresholdNumerator: '4', thresholdDenominator: '3' })).problems).toEqual([{ field: 'thresholdNumerator', code: 'fraction' }]);
    expect(buildRule(form({ method: 'qualified', thresholdNumerator: '0', thresholdDenominator: '3' })).problems).toEqual([{ field: 'thresholdNumerator', code: 'fraction' }]);
    expect(buildRule(form({ method: 'qualified', thresholdNumerator: '1.5', thresholdDenominator: '' })).problems).toEqual([
      { field: 'thresholdNumerator', code: 'wholeNumber' },
      { field: 'thresholdDenominator', code: 'wholeNumber' },
    ]);
    expect(buildRule(form({ quorum: 'count', quorumCount: '0' })).problems).toEqual([{ field: 'quorumCount', code: 'positive' }]);
    expect(buildRule(form({ quorum: 'count', quorumCount: '-3' })).problems).toEqual([{ field: 'quorumCount', code: 'wholeNumber' }]);
    expect(buildRule(form({ quorum: 'fraction', quorumNumerator: '3', quorumDenominator: '0' })).problems).toEqual([{ field: 'quorumNumerator', code: 'fraction' }]);
  });

  it('makes a rule exactly when every fraction is within (0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }), (n, d) => {
        const r = buildRule(form({ method: 'qualified', thresholdNumerator: String(n), thresholdDenominator: String(d) }));
        const valid = n >= 1 && d >= 1 && n <= d;
        return valid ? r.rule?.threshold?.numerator === n && r.problems.length === 0 : r.rule === null && r.problems.length > 0;
      }),
    );
  });

  it('offers the choices of the method', () => {
    expect(choicesOf('consensus')).toEqual(['for', 'stand_aside', 'block']);
    expect(choicesOf('consent')).toEqual(['for', 'against', 'abstain']);
  });

  it('reads whole numbers only', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    expect(wholeNumber('1e3')).toBeNull();
    expect(wholeNumber('')).toBeNull();
  });
});

describe('the time a speaker is granted', () => {
  it('is seconds or minutes, between 1 s and an hour', () => {
    expect(grantSeconds('90', 'seconds')).toBe(90);
    expect(grantSeconds('3', 'minutes')).toBe(180);
    expect(grantSeconds('1,5', 'minutes')).toBe(90);
    expect(grantSeconds('60', 'minutes')).toBe(3600);
    expect(grantSeconds('61', 'minutes')).toBeNull();
    expect(grantSeconds('0', 'seconds')).toBeNull();
    expect(grantSeconds('abc', 'seconds')).toBeNull();
    expect(grantSeconds('-5', 'seconds')).toBeNull();
  });
});
