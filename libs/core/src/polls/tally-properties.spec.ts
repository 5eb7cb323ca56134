import fc from 'fast-check';
import { Base, BASES, Choice, CHOICES, choicesOf, Fraction, Method, METHODS, Quorum, ResolvedRule } from './tally-rule';
import { Counts, forNeeded, Outcome, tally, TallyInput } from './tally';

/*
 * Properties of the tally engine, against an independent BigInt reference written from SPEC.md,
 * "Tally rules". Ballots are generated realistically: a method's own choices only, and every voter
 * eligible (eligible ≥ participation); `present` is anything from 0 to eligible, or not taken.
 */

// ---- the reference (SPEC.md, "Tally rules"), exact in BigInt --------------------------------------
const big = BigInt;
const ceilDiv = (p: bigint, d: bigint) => (p % d === 0n ? p / d : p / d + 1n);

function refNeeded(r: ResolvedRule, B: number): bigint {
  const b = big(B);
  if (r.method === 'majority') return b / 2n + 1n;
  if (r.method === 'unanimity') return b;
  if (r.method === 'qualified') {
    const { numerator: n, denominator: d } = r.threshold as Fraction;
    return r.comparator === 'more_than' ? (b * big(n)) / big(d) + 1n : ceilDiv(b * big(n), big(d));
  }
  return 1n;
}

function refTally(i: TallyInput): { B: number; needed: number; qNeeded: number | null; participation: number; outcome: Outcome } {
  const { rule: r, counts: c, eligible, present } = i;
  const participation = CHOICES.reduce((s, k) => s + c[k], 0);
  const opposed = r.method === 'consensus' ? c.block : c.against;
  const abstained = r.method === 'consensus' ? c.stand_aside : c.abstain;
  const B = { cast: c.for + opposed, cast_with_abstentions: c.for + opposed + abstained, present: present ?? 0, eligible }[r.base];
  const needed = refNeeded(r, B);
  const q = r.quorum;
  const qNeeded = q === null ? null : 'count' in q ? q.count : Number(ceilDiv(big(eligible) * big(q.numerator), big(q.denominator)));
  let outcome: Outcome;
  if (qNeeded !== null && participation < qNeeded) outcome = 'no_quorum';
  else if (B === 0) outcome = 'rejected';
  else if (big(c.for) >= needed && !(r.method === 'consensus' && c.block > 0) && !(r.method === 'consent' && c.against > 0)) outcome = 'adopted';
  else if (r.method === 'majority' && r.tie === 'chair_decides' && c.for === c.against) outcome = i.castingDecision ?? 'tied';
  else outcome = 'rejected';
  return { B, needed: Number(needed), qNeeded, participation, outcome };
}

// ---- generators ---------------------------------------------------------------------------------
const fraction: fc.Arbitrary<Fraction> = fc
  .oneof(
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
    fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 })),
  )
  .map(([a, b]) => (a <= b ? { numerator: a, denominator: b } : { numerator: b, denominator: a }));
const quorum: fc.Arbitrary<Quorum | null> = fc.option(fc.oneof(fc.integer({ min: 1, max: 80 }).map((count) => ({ count })), fraction), { nil: null });
const comparator = fc.constantFrom('at_least' as const, 'more_than' as const);
const tieArb = fc.constantFrom('fails' as const, 'chair_decides' as const);

function ruleOf(method: Method, base: Base): fc.Arbitrary<ResolvedRule> {
  return fc.record({ threshold: fraction, comparator, quorum, tie: tieArb }).map((x) => ({
    method,
    base,
    threshold: method === 'qualified' ? x.threshold : null,
    comparator: method === 'qualified' ? x.comparator : null,
    quorum: x.quorum,
    tie: method === 'majority' ? x.tie : null,
    allowChange: true,
  }));
}
const anyRule = fc.constantFrom(...METHODS).chain((m) => fc.constantFrom(...BASES).chain((b) => ruleOf(m, b)));

/** Counts in the method's own choices, often shaped to reach the edges: ties, no opposition at all. */
function countsFor(method: Method): fc.Arbitrary<Counts> {
  const n = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 }));
  const shape = fc.constantFrom('free', 'free', 'free', 'tie', 'only_for', 'no_opposition', 'little_opposition');
  return fc.tuple(n, n, n, shape).map(([f, o, a, how]) => {
    const c: Counts = { for: f, against: 0, abstain: 0, block: 0, stand_aside: 0 };
    const [opp, abs] = method === 'consensus' ? (['block', 'stand_aside'] as const) : (['against', 'abstain'] as const);
    c[opp] = how === 'tie' ? f : how === 'only_for' || how === 'no_opposition' ? 0 : how === 'little_opposition' ? o % 3 : o;
    c[abs] = how === 'only_for' ? 0 : a;
    return c;
  });
}
const sum = (c: Counts) => CHOICES.reduce((s, k) => s + c[k], 0);

/**
 * A whole poll under the given rule: eligible = participation + room + extra (extra often 0);
 * present not taken, everyone, just the voters, or any number up to eligible.
 */
function inputFor(r: fc.Arbitrary<ResolvedRule>, room = 0): fc.Arbitrary<TallyInput> {
  const extra = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }));
  const presence = fc.oneof(fc.constantFrom('none' as const, 'all' as const, 'voters' as const), fc.double({ min: 0, max: 1, noNaN: true }));
  return r.chain((rule) =>
    fc.record({ counts: countsFor(rule.method), extra, presence }).map(({ counts, extra, presence }) => {
      const eligible = sum(counts) + room + extra;
      const present =
        presence === 'none' ? null : presence === 'all' ? eligible : presence === 'voters' ? sum(counts) : Math.floor(presence * eligible);
      return { rule, counts, eligible, present };
    }),
  );
}
const plus = (c: Counts, k: Choice): Counts => ({ ...c, [k]: c[k] + 1 });

// ---- the properties -----------------------------------------------------------------------------
describe('tally agrees with the reference of SPEC.md', () => {
  it('base size, for needed, quorum needed, participation and outcome, with or without a casting decision', () => {
    const casting = fc.constantFrom(undefined, null, 'adopted' as const, 'rejected' as const);
    fc.assert(
      fc.property(inputFor(anyRule), casting, (input, castingDecision) => {
        const t = tally({ ...input, castingDecision });
        const ref = refTally({ ...input, castingDecision });
        expect([t.baseSize, t.forNeeded, t.quorumNeeded, t.participation, t.outcome]).toEqual([ref.B, ref.needed, ref.qNeeded, ref.participation, ref.outcome]);
        expect(t.quorumReached).toBe(ref.qNeeded === null || ref.participation >= ref.qNeeded);
        const tiedMajority = input.rule.tie === 'chair_decides' && input.counts.for === input.counts.against && ref.outcome !== 'no_quorum' && ref.B > 0;
        expect(t.castingDecision).toBe(tiedMajority && castingDecision ? castingDecision : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('the counts always sum to participation, and are reported unchanged', () => {
    fc.assert(
      fc.property(inputFor(anyRule), (input) => {
        const before = { ...input.counts };
        const t = tally(input);
        expect(t.participation).toBe(before.for + before.against + before.abstain + before.block + before.stand_aside);
        expect(t.counts).toEqual(before);
        expect(input.counts).toEqual(before);
      }),
    );
  });
});

describe('monotonicity', () => {
  const combos = METHODS.flatMap((m) => BASES.map((b) => [m, b] as const));

  // Holds for every method and base. On cast / cast_with_abstentions the base grows by 1 with the
  // new `for`, and for needed by at most 1 (n/d ≤ 1); on present / eligible the base is unchanged.
  // Unanimity on eligible is left out: adopted there means every eligible voter voted for, so there
  // is nobody left to add a ballot.
  it.each(combos.filter(([m, b]) => !(m === 'unanimity' && b === 'eligible')))('%s on %s: adding a for ballot never turns an adopted poll into anything else', (method, base) => {
    fc.assert(
      fc.property(inputFor(ruleOf(method, base), 1), (input) => {
        fc.pre(tally(input).outcome === 'adopted');
        expect(tally({ ...input, counts: plus(input.counts, 'for') }).outcome).toBe('adopted');
      }),
    );
  });

  // For the methods that take `against` (consensus takes `block` instead: see below). A majority with
  // tie chair_decides can go from rejected to tied (for = against after the new ballot); never adopted.
  it.each(combos.filter(([m]) => m !== 'consensus'))('%s on %s: adding an against ballot never turns a rejected poll into adopted', (method, base) => {
    fc.assert(
      fc.property(inputFor(ruleOf(method, base), 1), (input) => {
        fc.pre(tally(input).outcome === 'rejected');
        const after = tally({ ...input, counts: plus(input.counts, 'against') });
        expect(['rejected', 'tied']).toContain(after.outcome);
        if (after.outcome === 'tied') expect([input.rule.tie, after.counts.for]).toEqual(['chair_decides', after.counts.against]);
      }),
    );
  });

  it.each(BASES)('consensus on %s: once the quorum is reached, a single block rejects', (base) => {
    fc.assert(
      fc.property(inputFor(ruleOf('consensus', base), 1), (input) => {
        const after = tally({ ...input, counts: plus(input.counts, 'block') });
        fc.pre(after.outcome !== 'no_quorum');
        expect(after.outcome).toBe('rejected');
      }),
    );
  });

  it('for needed grows by 0 or 1 per extra member of the base (majority, qualified), exactly 1 for unanimity, never for consensus / consent', () => {
    fc.assert(
      fc.property(anyRule, fc.integer({ min: 0, max: 1_000_000 }), (rule, B) => {
        const step = forNeeded(rule, B + 1) - forNeeded(rule, B);
        if (rule.method === 'unanimity') expect(step).toBe(1);
        else if (rule.method === 'consensus' || rule.method === 'consent') expect(step).toBe(0);
        else expect([0, 1]).toContain(step);
      }),
    );
  });
});

describe('exact arithmetic of for needed', () => {
  const B = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1_000_000 }), fc.constant(1_000_000));
  const big6 = fc
    .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }))
    .map(([a, b]) => (a <= b ? { numerator: a, denominator: b } : { numerator: b, denominator: a }));
  const q = (threshold: Fraction, cmp: 'at_least' | 'more_than') => ({ ...ruleFixed('qualified'), threshold, comparator: cmp });
  function ruleFixed(method: Method): ResolvedRule {
    return { method, base: 'cast', threshold: null, comparator: null, quorum: null, tie: method === 'majority' ? 'fails' : null, allowChange: true };
  }

  it('qualified at_least = ceil(B·n/d), more_than = floor(B·n/d) + 1, against BigInt, B and terms up to 10^6', () => {
    fc.assert(
      fc.property(B, fc.oneof(big6, fraction, fc.constant({ numerator: 1_000_000, denominator: 1_000_000 })), (b, t) => {
        const p = big(b) * big(t.numerator);
        const d = big(t.denominator);
        const atLeast = forNeeded(q(t, 'at_least'), b);
        const moreThan = forNeeded(q(t, 'more_than'), b);
        expect(big(atLeast)).toBe(p % d === 0n ? p / d : p / d + 1n);
        expect(big(moreThan)).toBe(p / d + 1n);
        // the least k with k·d ≥ B·n, and the least k with k·d > B·n
        expect(big(atLeast) * d >= p && (atLeast === 0 || big(atLeast - 1) * d < p)).toBe(true);
        expect(big(moreThan) * d > p && big(moreThan - 1) * d <= p).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('majority = floor(B/2) + 1: the least k with 2k > B', () => {
    fc.assert(
      fc.property(B, (b) => {
        const k = forNeeded(ruleFixed('majority'), b);
        expect(2 * k > b && 2 * (k - 1) <= b).toBe(true);
      }),
    );
  });

  it('at_least is never stricter than more_than: needed differs by exactly 1 when d divides B·n, else 0', () => {
    fc.assert(
      fc.property(B, big6, (b, t) => {
        const diff = forNeeded(q(t, 'more_than'), b) - forNeeded(q(t, 'at_least'), b);
        expect(diff).toBe((big(b) * big(t.numerator)) % big(t.denominator) === 0n ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('adoption under more_than implies adoption under at_least (same base, quorum and ballots)', () => {
    const qualifiedBoth = fc.constantFrom(...BASES).chain((base) => ruleOf('qualified', base));
    fc.assert(
      fc.property(inputFor(qualifiedBoth), (input) => {
        const strict = tally({ ...input, rule: { ...input.rule, comparator: 'more_than' } });
        const loose = tally({ ...input, rule: { ...input.rule, comparator: 'at_least' } });
        expect(loose.forNeeded).toBeLessThanOrEqual(strict.forNeeded);
        if (strict.outcome === 'adopted') expect(loose.outcome).toBe('adopted');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('independence of ballot order', () => {
  it('the tally of a shuffled list of ballots is the same', () => {
    const ballots = anyRule.chain((rule) =>
      fc.array(fc.constantFrom(...choicesOf(rule.method)), { maxLength: 80 }).chain((list) =>
        fc.record({ rule: fc.constant(rule), list: fc.constant(list), shuffled: fc.shuffledSubarray(list, { minLength: list.length }), extra: fc.nat(20) }),
      ),
    );
    const countOf = (list: Choice[]): Counts => {
      const c: Counts = { for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 };
      for (const x of list) c[x]++;
      return c;
    };
    fc.assert(
      fc.property(ballots, ({ rule, list, shuffled, extra }) => {
        const eligible = list.length + extra;
        const a = tally({ rule, eligible, present: eligible, counts: countOf(list) });
        const b = tally({ rule, eligible, present: eligible, counts: countOf(shuffled) });
        expect(b).toEqual(a);
        expect(a.participation).toBe(list.length);
      }),
    );
  });
});

describe('unanimity is the strictest rule', () => {
  it('unanimity adopted ⇒ every majority, every qualified at_least and every qualified more_than n/d < 1 adopts (same base, quorum, ballots)', () => {
    const unanimous = fc.constantFrom(...BASES).chain((base) => ruleOf('unanimity', base));
    fc.assert(
      fc.property(inputFor(unanimous), fraction, tieArb, (input, t, tie) => {
        fc.pre(tally(input).outcome === 'adopted');
        const same = { ...input.rule, threshold: null, comparator: null, tie: null };
        expect(tally({ ...input, rule: { ...same, method: 'majority', tie } }).outcome).toBe('adopted');
        expect(tally({ ...input, rule: { ...same, method: 'qualified', threshold: t, comparator: 'at_least' } }).outcome).toBe('adopted');
        if (t.numerator < t.denominator) expect(tally({ ...input, rule: { ...same, method: 'qualified', threshold: t, comparator: 'more_than' } }).outcome).toBe('adopted');
      }),
      { numRuns: 1000 },
    );
  });

  it('(by the SPEC arithmetic) qualified more_than 1/1 needs B + 1 for, so it never adopts while for ≤ B', () => {
    const allOf = fc.constantFrom(...BASES).chain((base) =>
      ruleOf('qualified', base).map((r) => ({ ...r, threshold: { numerator: 7, denominator: 7 }, comparator: 'more_than' as const })),
    );
    fc.assert(
      fc.property(inputFor(allOf), (input) => {
        const present = input.present === null ? null : Math.max(input.present, sum(input.counts));
        const t = tally({ ...input, present });
        expect(t.forNeeded).toBe(t.baseSize + 1);
        expect(t.outcome).not.toBe('adopted');
      }),
    );
  });
});
