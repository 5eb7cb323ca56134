import { CHOICES, Choice, Fraction, Quorum, ResolvedRule } from './tally-rule';
import { baseSize, Counts, forNeeded, isMinorityChoice, Outcome, tally, TallyInput } from './tally';

/*
 * Worked examples, each computed by hand from SPEC.md, "Tally rules" (outcome order, base size B,
 * for needed) and step 4 (who is in the minority).
 */
const counts = (c: Partial<Counts>): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0, ...c });

const rule = (r: Partial<ResolvedRule> & Pick<ResolvedRule, 'method' | 'base'>): ResolvedRule => ({
  threshold: null, comparator: null, quorum: null, tie: null, allowChange: true, ...r,
});
const majority = (base: ResolvedRule['base'], extra: Partial<ResolvedRule> = {}) => rule({ method: 'majority', base, tie: 'fails', ...extra });
const qualified = (base: ResolvedRule['base'], threshold: Fraction, comparator: 'at_least' | 'more_than' = 'at_least', quorum: Quorum | null = null) =>
  rule({ method: 'qualified', base, threshold, comparator, quorum });

const run = (r: ResolvedRule, c: Partial<Counts>, eligible = 100, present: number | null = null, castingDecision?: TallyInput['castingDecision']) =>
  tally({ rule: r, eligible, present, counts: counts(c), castingDecision });

describe("the study's example: 36 for, 24 against, 40 abstain", () => {
  const c = { for: 36, against: 24, abstain: 40 };

  it('majority on base cast: B = 60, 31 needed → adopted', () => {
    const t = run(majority('cast'), c);
    expect([t.baseSize, t.forNeeded, t.outcome]).toEqual([60, 31, 'adopted']);
  });

  it('majority on base cast_with_abstentions: B = 100, 51 needed → rejected', () => {
    const t = run(majority('cast_with_abstentions'), c);
    expect([t.baseSize, t.forNeeded, t.outcome]).toEqual([100, 51, 'rejected']);
  });
});

describe('forNeeded: exact figures', () => {
  it.each<[number, number]>([
    [0, 1], [1, 1], [2, 2], [3, 2], [7, 4], [60, 31], [100, 51], [101, 51], [1_000_000, 500_001], [999_999, 500_000],
  ])('majority of %i → %i (floor(B/2) + 1)', (B, n) => {
    expect(forNeeded(majority('cast'), B)).toBe(n);
  });

  it.each<[number, number, number, 'at_least' | 'more_than', number]>([
    [60, 2, 3, 'at_least', 40],
    [60, 2, 3, 'more_than', 41],
    [7, 1, 2, 'at_least', 4],
    [7, 1, 2, 'more_than', 4],
    [8, 1, 2, 'at_least', 4],
    [8, 1, 2, 'more_than', 5],
    [61, 2, 3, 'at_least', 41],
    [61, 2, 3, 'more_than', 41],
    [10, 1, 1, 'at_least', 10],
    [10, 1, 1, 'more_than', 11],
    [0, 2, 3, 'at_least', 0],
    [0, 2, 3, 'more_than', 1],
    [1_000_000, 999_999, 1_000_000, 'at_least', 999_999],
    [1_000_000, 999_999, 1_000_000, 'more_than', 1_000_000],
    [1_000_000, 1, 1_000_000, 'at_least', 1],
    [1_000_000, 1, 1_000_000, 'more_than', 2],
    [999_999, 1, 1_000_000, 'at_least', 1],
    [999_999, 1, 1_000_000, 'more_than', 1],
  ])('qualified, B = %i, %i/%i %s → %i', (B, n, d, cmp, expected) => {
    expect(forNeeded(qualified('cast', { numerator: n, denominator: d }, cmp), B)).toBe(expected);
  });

  it('unanimity needs all of B; consensus and consent need 1 whatever B is', () => {
    for (const B of [0, 1, 17, 1_000_000]) {
      expect(forNeeded(rule({ method: 'unanimity', base: 'cast' }), B)).toBe(B);
      expect(forNeeded(rule({ method: 'consensus', base: 'eligible' }), B)).toBe(1);
      expect(forNeeded(rule({ method: 'consent', base: 'eligible' }), B)).toBe(1);
    }
  });
});

describe('baseSize', () => {
  const c = counts({ for: 5, against: 3, abstain: 2, block: 7, stand_aside: 11 });

  it('cast = for + against; cast_with_abstentions adds abstain; present and eligible are the head counts', () => {
    expect(baseSize('cast', 'majority', c, 40, 30)).toBe(8);
    expect(baseSize('cast_with_abstentions', 'majority', c, 40, 30)).toBe(10);
    expect(baseSize('present', 'majority', c, 40, 30)).toBe(30);
    expect(baseSize('eligible', 'majority', c, 40, 30)).toBe(40);
  });

  it('for consensus, block stands where against does and stand_aside where abstain does', () => {
    expect(baseSize('cast', 'consensus', c, 40, 30)).toBe(12);
    expect(baseSize('cast_with_abstentions', 'consensus', c, 40, 30)).toBe(23);
  });

  it('consent counts its reasoned objections (against) in the base', () => {
    expect(baseSize('cast', 'consent', c, 40, 30)).toBe(8);
  });

  it('present without an attendance figure is 0', () => {
    expect(baseSize('present', 'majority', c, 40, null)).toBe(0);
  });
});

describe('tally: outcome order', () => {
  it('no_quorum comes before everything, even with B = 0', () => {
    const q = { count: 5 };
    expect(run(majority('cast', { quorum: q }), { abstain: 4 }).outcome).toBe('no_quorum');
    expect(run(majority('present', { quorum: q }), { for: 4 }, 100, 0).outcome).toBe('no_quorum');
    expect(run(majority('cast', { quorum: q }), {}).outcome).toBe('no_quorum');
  });

  it('no_quorum beats a unanimous for, a block, an objection and a tie', () => {
    const q = { numerator: 1, denominator: 2 };
    expect(run(rule({ method: 'unanimity', base: 'cast', quorum: q }), { for: 49 }).outcome).toBe('no_quorum');
    expect(run(rule({ method: 'consensus', base: 'cast', quorum: q }), { for: 40, block: 1 }).outcome).toBe('no_quorum');
    expect(run(rule({ method: 'consent', base: 'cast', quorum: q }), { for: 40, against: 1 }).outcome).toBe('no_quorum');
    expect(run(majority('cast', { quorum: q, tie: 'chair_decides' }), { for: 20, against: 20 }, 100, null, 'adopted').outcome).toBe('no_quorum');
  });

  it('quorum is reached at exactly the quorum needed: 2/3 of 80 is 54', () => {
    const r = majority('cast', { quorum: { numerator: 2, denominator: 3 } });
    const below = run(r, { for: 53 }, 80);
    const at = run(r, { for: 54 }, 80);
    expect([below.quorumNeeded, below.quorumReached, below.outcome]).toEqual([54, false, 'no_quorum']);
    expect([at.quorumNeeded, at.quorumReached, at.outcome]).toEqual([54, true, 'adopted']);
  });

  it('a quorum counts ballots of any choice, abstentions included', () => {
    const t = run(majority('cast', { quorum: { count: 10 } }), { for: 2, abstain: 8 });
    expect([t.participation, t.quorumReached, t.outcome]).toEqual([10, true, 'adopted']);
  });

  it('B = 0 → rejected, for every method', () => {
    expect(run(majority('cast'), { abstain: 9 }).outcome).toBe('rejected');
    expect(run(qualified('cast', { numerator: 1, denominator: 2 }), { abstain: 9 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'unanimity', base: 'cast' }), { abstain: 9 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'consensus', base: 'cast' }), { stand_aside: 9 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'consent', base: 'cast' }), { abstain: 9 }).outcome).toBe('rejected');
    expect(run(majority('eligible'), {}, 0).outcome).toBe('rejected');
  });

  it('B = 0 → rejected comes before adoption, even where the base does not otherwise decide (consensus on present = 0)', () => {
    // SPEC lists "B = 0 → rejected" before "for ≥ for needed"; that order is applied to consensus/consent too.
    expect(run(rule({ method: 'consensus', base: 'present' }), { for: 5 }, 10, 0).outcome).toBe('rejected');
    expect(run(rule({ method: 'consent', base: 'present' }), { for: 5 }, 10, null).outcome).toBe('rejected');
  });

  it('consensus with any block → rejected, however many for', () => {
    expect(run(rule({ method: 'consensus', base: 'cast' }), { for: 99, block: 1 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'consensus', base: 'cast' }), { for: 1, stand_aside: 98 }).outcome).toBe('adopted');
    expect(run(rule({ method: 'consensus', base: 'eligible' }), { for: 1 }, 1_000).outcome).toBe('adopted');
  });

  it('consent with any against (objection) → rejected, however many for', () => {
    expect(run(rule({ method: 'consent', base: 'cast' }), { for: 99, against: 1 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'consent', base: 'cast_with_abstentions' }), { for: 1, abstain: 98 }).outcome).toBe('adopted');
  });

  it('consensus and consent with no for → rejected', () => {
    expect(run(rule({ method: 'consensus', base: 'eligible' }), { stand_aside: 5 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'consent', base: 'eligible' }), { abstain: 5 }).outcome).toBe('rejected');
  });

  it('unanimity: adopted only when every member of the base votes for', () => {
    expect(run(rule({ method: 'unanimity', base: 'cast' }), { for: 10, abstain: 5 }).outcome).toBe('adopted');
    expect(run(rule({ method: 'unanimity', base: 'cast' }), { for: 10, against: 1 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'unanimity', base: 'cast_with_abstentions' }), { for: 10, abstain: 1 }).outcome).toBe('rejected');
    expect(run(rule({ method: 'unanimity', base: 'eligible' }), { for: 10 }, 11).outcome).toBe('rejected');
    expect(run(rule({ method: 'unanimity', base: 'eligible' }), { for: 11 }, 11).outcome).toBe('adopted');
  });

  describe('a majority tie (for = against)', () => {
    const chair = majority('cast', { tie: 'chair_decides' });

    it('with tie chair_decides and no decision yet → tied, no casting decision', () => {
      const t = run(chair, { for: 5, against: 5, abstain: 3 });
      expect([t.outcome, t.castingDecision, t.baseSize, t.forNeeded]).toEqual(['tied', null, 10, 6]);
    });

    it.each<['adopted' | 'rejected']>([['adopted'], ['rejected']])('with the casting decision %s → that outcome, reported', (decision) => {
      const t = run(chair, { for: 5, against: 5 }, 100, null, decision);
      expect([t.outcome, t.castingDecision, t.facts.outcome, t.facts.castingDecision]).toEqual([decision, decision, decision, decision]);
    });

    it('with tie fails → rejected, and no casting decision is taken', () => {
      const t = run(majority('cast', { tie: 'fails' }), { for: 5, against: 5 }, 100, null, 'adopted');
      expect([t.outcome, t.castingDecision]).toEqual(['rejected', null]);
    });

    it('a casting decision is ignored (and not reported) when the poll is not tied', () => {
      const won = run(chair, { for: 6, against: 5 }, 100, null, 'rejected');
      const lost = run(chair, { for: 4, against: 5 }, 100, null, 'adopted');
      expect([won.outcome, won.castingDecision, lost.outcome, lost.castingDecision]).toEqual(['adopted', null, 'rejected', null]);
    });

    it('ties are a majority matter only: qualified 1/2 with for = against → rejected', () => {
      expect(run(qualified('cast', { numerator: 1, denominator: 2 }, 'more_than'), { for: 5, against: 5 }).outcome).toBe('rejected');
    });

    it('on base eligible, a for = against short of a majority of the eligible is tied too', () => {
      expect(run(majority('eligible', { tie: 'chair_decides' }), { for: 3, against: 3 }, 10).outcome).toBe('tied');
    });

    it('read literally, for = against = 0 on a non-empty base is a tie as well', () => {
      // SPEC: "method majority with for = against and tie: chair_decides → tied" (no exception for 0 = 0).
      expect(run(majority('cast_with_abstentions', { tie: 'chair_decides' }), { abstain: 4 }).outcome).toBe('tied');
    });
  });

  it('base present uses the present count', () => {
    const r = majority('present');
    const low = run(r, { for: 10, against: 2 }, 100, 20);
    const high = run(r, { for: 11, against: 2 }, 100, 20);
    expect([low.baseSize, low.forNeeded, low.outcome, high.outcome, high.present]).toEqual([20, 11, 'rejected', 'adopted', 20]);
  });

  it('base eligible uses the eligible count, voters or not', () => {
    const r = majority('eligible');
    expect(run(r, { for: 15, against: 1 }, 30)).toMatchObject({ baseSize: 30, forNeeded: 16, outcome: 'rejected' });
    expect(run(r, { for: 16, against: 14 }, 30)).toMatchObject({ baseSize: 30, forNeeded: 16, outcome: 'adopted' });
  });

  it("qualified 2/3 on cast: SPEC's explanation example (41 for, 19 against, 7 abstain, 80 eligible, quorum 2/3)", () => {
    const t = run(qualified('cast', { numerator: 2, denominator: 3 }, 'at_least', { numerator: 2, denominator: 3 }), { for: 41, against: 19, abstain: 7 }, 80);
    expect(t).toMatchObject({ baseSize: 60, forNeeded: 40, participation: 67, eligible: 80, quorumNeeded: 54, quorumReached: true, outcome: 'adopted' });
  });

  it('qualified more_than 2/3 of 60 needs 41: 40 for is rejected, 41 adopted', () => {
    const r = qualified('cast', { numerator: 2, denominator: 3 }, 'more_than');
    expect(run(r, { for: 40, against: 20 }).outcome).toBe('rejected');
    expect(run(r, { for: 41, against: 19 }).outcome).toBe('adopted');
  });

  it('reports every figure, a copy of the counts and the facts of the explanation', () => {
    const input = counts({ for: 7, against: 2, abstain: 1 });
    const r = majority('cast', { quorum: { count: 6 } });
    const t = tally({ rule: r, eligible: 12, present: 11, counts: input });
    expect(t).toEqual({
      counts: { for: 7, against: 2, abstain: 1, block: 0, stand_aside: 0 },
      base: 'cast', baseSize: 9, forNeeded: 5, quorumNeeded: 6, quorumReached: true, participation: 10, eligible: 12, present: 11,
      outcome: 'adopted', castingDecision: null, represented: 0,
      facts: {
        outcome: 'adopted', castingDecision: null, method: 'majority', base: 'cast', baseSize: 9, forCount: 7, forNeeded: 5,
        threshold: null, comparator: null, blocks: 0, objections: 2, participation: 10, eligible: 12, quorumNeeded: 6,
      },
    });
    expect(t.counts).not.toBe(input);
  });

  it('without a quorum rule, quorumNeeded is null and the quorum is reached', () => {
    const t = run(majority('cast'), {});
    expect([t.quorumNeeded, t.quorumReached, t.participation]).toEqual([null, true, 0]);
  });
});

describe('isMinorityChoice (SPEC step 4)', () => {
  const expected: Record<Outcome, Choice[]> = {
    adopted: ['against', 'abstain', 'block', 'stand_aside'],
    rejected: ['for'],
    no_quorum: [],
    tied: [],
  };

  it.each(Object.keys(expected) as Outcome[])('%s', (outcome) => {
    expect(CHOICES.filter((c) => isMinorityChoice(outcome, c)).sort()).toEqual([...expected[outcome]].sort());
  });

  it('a tied poll has a minority once the casting decision settles it', () => {
    const settled = run(majority('cast', { tie: 'chair_decides' }), { for: 4, against: 4 }, 10, null, 'rejected');
    expect(isMinorityChoice(settled.outcome, 'for')).toBe(true);
    expect(isMinorityChoice(settled.outcome, 'against')).toBe(false);
  });
});
