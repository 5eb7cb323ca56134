import fc from 'fast-check';
import { BASES, ceilMulDiv, choicesOf, floorMulDiv, METHODS, quorumNeeded, resolveRule, ruleProblems, TallyRule } from './tally-rule';

/*
 * Expectations are written from SPEC.md, "Tally rules": a rule is data, refused with the field named
 * (400) when impossible; quorum needed = the count, or ceil(E·n/d) of the E eligible.
 */
const GROUP = { kind: 'group', secret: false } as const;
const SESSION = { kind: 'session', secret: false } as const;
const SECRET_GROUP = { kind: 'group', secret: true } as const;

const fields = (rule: unknown, ctx: { kind: 'group' | 'session'; secret: boolean } = GROUP) => ruleProblems(rule, ctx).map((p) => p.field);

/** Exact ceil(a·n/d) via quotient and remainder in BigInt (not the code's (a·n + d − 1)/d). */
const refCeil = (a: number, n: number, d: number): number => {
  const p = BigInt(a) * BigInt(n);
  const q = p / BigInt(d);
  return Number(p % BigInt(d) === 0n ? q : q + 1n);
};

describe('ruleProblems: rules that can be used', () => {
  it.each<[string, unknown]>([
    ['plain majority on cast', { method: 'majority', base: 'cast' }],
    ['majority with every option', { method: 'majority', base: 'eligible', quorum: { count: 54 }, tie: 'chair_decides', allowChange: false }],
    ['qualified 2/3 at least', { method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 } }],
    ['qualified 1/1 more_than', { method: 'qualified', base: 'cast', threshold: { numerator: 1, denominator: 1 }, comparator: 'more_than' }],
    ['qualified with the largest terms', { method: 'qualified', base: 'cast', threshold: { numerator: 1_000_000, denominator: 1_000_000 } }],
    ['unanimity with a fractional quorum', { method: 'unanimity', base: 'cast_with_abstentions', quorum: { numerator: 2, denominator: 3 } }],
    ['consensus on eligible', { method: 'consensus', base: 'eligible' }],
    ['consent on cast', { method: 'consent', base: 'cast', allowChange: true }],
    ['a quorum of 1/1', { method: 'majority', base: 'cast', quorum: { numerator: 1, denominator: 1 } }],
    ['explicit undefined optional fields', { method: 'majority', base: 'cast', threshold: undefined, comparator: undefined, tie: undefined }],
  ])('%s', (_name, rule) => {
    expect(ruleProblems(rule, GROUP)).toEqual([]);
  });

  it('base present is fine on a session poll', () => {
    expect(ruleProblems({ method: 'majority', base: 'present' }, SESSION)).toEqual([]);
  });

  it('allowChange false (or absent) on a secret poll is fine', () => {
    expect(ruleProblems({ method: 'majority', base: 'cast', allowChange: false }, SECRET_GROUP)).toEqual([]);
    expect(ruleProblems({ method: 'majority', base: 'cast' }, SECRET_GROUP)).toEqual([]);
  });

  it('every method and every base (but present on a group poll) is accepted', () => {
    for (const method of METHODS)
      for (const base of BASES) {
        const rule = method === 'qualified' ? { method, base, threshold: { numerator: 1, denominator: 2 } } : { method, base };
        expect(ruleProblems(rule, SESSION)).toEqual([]);
        expect(fields(rule, GROUP)).toEqual(base === 'present' ? ['rule.base'] : []);
      }
  });
});

describe('ruleProblems: every refusal names its field', () => {
  const q = (extra: object) => ({ method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, ...extra });
  const m = (extra: object) => ({ method: 'majority', base: 'cast', ...extra });

  it.each<[string, unknown, string[]]>([
    ['threshold 0 (numerator 0)', q({ threshold: { numerator: 0, denominator: 3 } }), ['rule.threshold.numerator']],
    ['negative numerator', q({ threshold: { numerator: -1, denominator: 3 } }), ['rule.threshold.numerator']],
    ['fractional numerator', q({ threshold: { numerator: 1.5, denominator: 3 } }), ['rule.threshold.numerator']],
    ['string numerator', q({ threshold: { numerator: '2', denominator: 3 } }), ['rule.threshold.numerator']],
    ['denominator 0', q({ threshold: { numerator: 1, denominator: 0 } }), ['rule.threshold.denominator']],
    ['threshold above 1', q({ threshold: { numerator: 4, denominator: 3 } }), ['rule.threshold']],
    ['threshold just above 1', q({ threshold: { numerator: 1_000_000, denominator: 999_999 } }), ['rule.threshold']],
    ['threshold terms above 10^6', q({ threshold: { numerator: 1, denominator: 1_000_001 } }), ['rule.threshold.denominator']],
    ['threshold not an object', q({ threshold: 0.66 }), ['rule.threshold']],
    ['threshold an array', q({ threshold: [2, 3] }), ['rule.threshold']],
    ['threshold null', q({ threshold: null }), ['rule.threshold']],
    ['threshold with an unknown field', q({ threshold: { numerator: 2, denominator: 3, exact: true } }), ['rule.threshold.exact']],
    ['missing threshold on qualified', { method: 'qualified', base: 'cast' }, ['rule.threshold']],
    ['threshold on majority', m({ threshold: { numerator: 1, denominator: 2 } }), ['rule.threshold']],
    ['threshold on unanimity', { method: 'unanimity', base: 'cast', threshold: { numerator: 1, denominator: 1 } }, ['rule.threshold']],
    ['threshold on consensus', { method: 'consensus', base: 'cast', threshold: { numerator: 1, denominator: 2 } }, ['rule.threshold']],
    ['threshold on consent', { method: 'consent', base: 'cast', threshold: { numerator: 1, denominator: 2 } }, ['rule.threshold']],
    ['comparator on majority', m({ comparator: 'at_least' }), ['rule.comparator']],
    ['comparator on consensus', { method: 'consensus', base: 'cast', comparator: 'more_than' }, ['rule.comparator']],
    ['unknown comparator on qualified', q({ comparator: 'greater' }), ['rule.comparator']],
    ['tie on qualified', q({ tie: 'fails' }), ['rule.tie']],
    ['tie on unanimity', { method: 'unanimity', base: 'cast', tie: 'chair_decides' }, ['rule.tie']],
    ['unknown tie on majority', m({ tie: 'coin_toss' }), ['rule.tie']],
    ['base present on a group poll', m({ base: 'present' }), ['rule.base']],
    ['unknown base', m({ base: 'voters' }), ['rule.base']],
    ['missing base', { method: 'majority' }, ['rule.base']],
    ['unknown method', { method: 'plurality', base: 'cast' }, ['rule.method']],
    ['missing method', { base: 'cast' }, ['rule.method']],
    ['allowChange not a boolean', m({ allowChange: 'yes' }), ['rule.allowChange']],
    ['unknown field', m({ weighted: true }), ['rule.weighted']],
    ['two unknown fields', m({ a: 1, b: 2 }), ['rule.a', 'rule.b']],
    ['quorum {count: 0}', m({ quorum: { count: 0 } }), ['rule.quorum.count']],
    ['quorum {count: -3}', m({ quorum: { count: -3 } }), ['rule.quorum.count']],
    ['quorum {count: 2.5}', m({ quorum: { count: 2.5 } }), ['rule.quorum.count']],
    ['quorum {count: "5"}', m({ quorum: { count: '5' } }), ['rule.quorum.count']],
    ['quorum above 1 ({numerator: 3, denominator: 2})', m({ quorum: { numerator: 3, denominator: 2 } }), ['rule.quorum']],
    ['quorum {count: 1, numerator: 1}', m({ quorum: { count: 1, numerator: 1 } }), ['rule.quorum.numerator']],
    ['quorum {numerator: 0, denominator: 2}', m({ quorum: { numerator: 0, denominator: 2 } }), ['rule.quorum.numerator']],
    ['quorum {numerator: 1}', m({ quorum: { numerator: 1 } }), ['rule.quorum.denominator']],
    ['quorum a bare number', m({ quorum: 54 }), ['rule.quorum']],
    ['quorum an array', m({ quorum: [54] }), ['rule.quorum']],
    ['quorum {}', m({ quorum: {} }), ['rule.quorum.numerator']],
    ['quorum with an unknown field', m({ quorum: { numerator: 1, denominator: 2, of: 'present' } }), ['rule.quorum.of']],
  ])('%s', (_name, rule, expected) => {
    const problems = ruleProblems(rule, GROUP);
    expect(problems.map((p) => p.field)).toEqual(expected);
    for (const p of problems) expect(p.message).toMatch(/\S/);
  });

  it('allowChange true on a secret poll is refused; on a named poll it is fine', () => {
    expect(fields(m({ allowChange: true }), SECRET_GROUP)).toEqual(['rule.allowChange']);
    expect(fields(m({ allowChange: true }), { kind: 'session', secret: true })).toEqual(['rule.allowChange']);
    expect(fields(m({ allowChange: true }), GROUP)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'majority'],
    ['a number', 42],
    ['true', true],
    ['an array', [{ method: 'majority', base: 'cast' }]],
  ])('a non-object rule (%s) is refused as the rule itself', (_name, rule) => {
    expect(fields(rule)).toEqual(['rule']);
  });

  it('names fields under the given prefix', () => {
    expect(ruleProblems({ method: 'qualified', base: 'cast' }, GROUP, 'body.rule').map((p) => p.field)).toEqual(['body.rule.threshold']);
    expect(ruleProblems(7, GROUP, 'body.rule').map((p) => p.field)).toEqual(['body.rule']);
  });

  it('reports several problems at once, each with its own field', () => {
    const got = fields({ method: 'consensus', base: 'present', tie: 'fails', comparator: 'at_least', quorum: { count: 0 }, allowChange: true, x: 1 }, SECRET_GROUP);
    expect([...got].sort()).toEqual(['rule.allowChange', 'rule.base', 'rule.comparator', 'rule.quorum.count', 'rule.tie', 'rule.x'].sort());
  });

  it('property: any valid qualified threshold is accepted; one with n > d or a term out of 1..10^6 is refused at rule.threshold*', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 1_000_005 }), fc.integer({ min: -5, max: 1_000_005 }), (n, d) => {
        const got = fields(q({ threshold: { numerator: n, denominator: d } }));
        const valid = n >= 1 && d >= 1 && n <= 1_000_000 && d <= 1_000_000 && n <= d;
        if (valid) expect(got).toEqual([]);
        else {
          expect(got).toHaveLength(1);
          expect(got[0]).toMatch(/^rule\.threshold(\.numerator|\.denominator)?$/);
        }
      }),
    );
  });

  it('a method that is a JSON object (no usable toString) is refused, not thrown on', () => {
    const rule = JSON.parse('{"method":{"toString":1},"base":"cast","threshold":{"numerator":1,"denominator":2}}');
    expect(fields(rule)).toEqual(['rule.method', 'rule.threshold']);
    expect(fields({ method: Object.create(null), base: 'cast', threshold: { numerator: 1, denominator: 2 } })).toEqual(['rule.method', 'rule.threshold']);
  });

  it('property: never throws, and every problem field is "rule" or starts with "rule."', () => {
    const any = fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true });
    const ruleish = fc.record({ method: fc.oneof(fc.constantFrom(...METHODS), any), base: fc.oneof(fc.constantFrom(...BASES), any), threshold: any, quorum: any }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(any, ruleish), fc.constantFrom('group' as const, 'session' as const), fc.boolean(), (rule, kind, secret) => {
        for (const p of ruleProblems(rule, { kind, secret })) expect(p.field === 'rule' || p.field.startsWith('rule.')).toBe(true);
      }),
    );
  });
});

describe('resolveRule: defaults', () => {
  it('comparator defaults to at_least, and stays more_than when given', () => {
    const t = { numerator: 2, denominator: 3 };
    expect(resolveRule({ method: 'qualified', base: 'cast', threshold: t }, false)).toEqual({
      method: 'qualified', base: 'cast', threshold: t, comparator: 'at_least', quorum: null, tie: null, allowChange: true,
    });
    expect(resolveRule({ method: 'qualified', base: 'cast', threshold: t, comparator: 'more_than' }, false).comparator).toBe('more_than');
  });

  it('tie defaults to fails on a majority, and stays chair_decides when given', () => {
    expect(resolveRule({ method: 'majority', base: 'cast' }, false)).toEqual({
      method: 'majority', base: 'cast', threshold: null, comparator: null, quorum: null, tie: 'fails', allowChange: true,
    });
    expect(resolveRule({ method: 'majority', base: 'cast', tie: 'chair_decides' }, false).tie).toBe('chair_decides');
  });

  it('allowChange: true by default on a named poll, false on a secret one; an explicit false is kept', () => {
    expect(resolveRule({ method: 'consent', base: 'cast' }, false).allowChange).toBe(true);
    expect(resolveRule({ method: 'consent', base: 'cast' }, true).allowChange).toBe(false);
    expect(resolveRule({ method: 'consent', base: 'cast', allowChange: false }, false).allowChange).toBe(false);
    // a secret ballot can never be changed, even if an (already refused) rule asked for it
    expect(resolveRule({ method: 'consent', base: 'cast', allowChange: true }, true).allowChange).toBe(false);
  });

  it('methods other than qualified / majority get no threshold, comparator or tie', () => {
    for (const method of ['unanimity', 'consensus', 'consent'] as const) {
      const r = resolveRule({ method, base: 'eligible', quorum: { count: 3 } }, false);
      expect(r).toEqual({ method, base: 'eligible', threshold: null, comparator: null, quorum: { count: 3 }, tie: null, allowChange: true });
    }
  });

  it('keeps the quorum as given', () => {
    const rule: TallyRule = { method: 'majority', base: 'cast', quorum: { numerator: 2, denominator: 3 } };
    expect(resolveRule(rule, false).quorum).toEqual({ numerator: 2, denominator: 3 });
  });
});

describe('choicesOf', () => {
  it('consensus takes for, stand_aside and block; every other method for, against and abstain', () => {
    expect([...choicesOf('consensus')].sort()).toEqual(['block', 'for', 'stand_aside']);
    for (const m of ['majority', 'qualified', 'unanimity', 'consent'] as const) expect([...choicesOf(m)].sort()).toEqual(['abstain', 'against', 'for']);
  });
});

describe('quorumNeeded', () => {
  it('no quorum → null', () => {
    expect(quorumNeeded(null, 80)).toBeNull();
  });

  it('a count is the count, whatever E is', () => {
    expect(quorumNeeded({ count: 54 }, 80)).toBe(54);
    expect(quorumNeeded({ count: 1 }, 0)).toBe(1);
  });

  it.each<[number, number, number, number]>([
    [2, 3, 80, 54],
    [1, 2, 7, 4],
    [1, 2, 8, 4],
    [2, 3, 60, 40],
    [1, 1, 13, 13],
    [1, 3, 1, 1],
    [1, 2, 0, 0],
    [999_999, 1_000_000, 1_000_000, 999_999],
    [1, 1_000_000, 1_000_000, 1],
    [1, 1_000_000, 1_000_001, 2],
  ])('%i/%i of %i eligible → %i', (n, d, E, expected) => {
    expect(quorumNeeded({ numerator: n, denominator: d }, E)).toBe(expected);
  });

  it('property: a fraction quorum is exactly ceil(E·n/d) (BigInt reference), and the least count q with q·d ≥ E·n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (E, a, b) => {
        const [n, d] = a <= b ? [a, b] : [b, a];
        const got = quorumNeeded({ numerator: n, denominator: d }, E) as number;
        expect(got).toBe(refCeil(E, n, d));
        expect(BigInt(got) * BigInt(d) >= BigInt(E) * BigInt(n)).toBe(true);
        if (got > 0) expect(BigInt(got - 1) * BigInt(d) < BigInt(E) * BigInt(n)).toBe(true);
        expect(got).toBeLessThanOrEqual(E);
      }),
    );
  });
});

describe('ceilMulDiv / floorMulDiv', () => {
  it.each<[number, number, number, number, number]>([
    [60, 2, 3, 40, 40],
    [61, 2, 3, 41, 40],
    [7, 1, 2, 4, 3],
    [0, 5, 7, 0, 0],
    [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000],
    [1_000_000, 999_999, 1_000_000, 999_999, 999_999],
    [999_999, 999_999, 1_000_000, 999_999, 999_998],
    [1_000_000, 1, 999_999, 2, 1],
  ])('a=%i, n/d=%i/%i → ceil %i, floor %i', (a, n, d, ceil, floor) => {
    expect(ceilMulDiv(a, n, d)).toBe(ceil);
    expect(floorMulDiv(a, n, d)).toBe(floor);
  });

  it('property: agree with a BigInt quotient/remainder reference; ceil − floor is 1 exactly when d does not divide a·n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, n, d) => {
        const p = BigInt(a) * BigInt(n);
        expect(floorMulDiv(a, n, d)).toBe(Number(p / BigInt(d)));
        expect(ceilMulDiv(a, n, d)).toBe(refCeil(a, n, d));
        expect(ceilMulDiv(a, n, d) - floorMulDiv(a, n, d)).toBe(p % BigInt(d) === 0n ? 0 : 1);
      }),
    );
  });
});
