import fc from 'fast-check';
import loadHighs from 'highs';
import { BalanceTarget } from './balance';
import { allPlans, bestPlans, BrutePlan } from './brute-force';
import { LpSolver, runHighs } from './highs-run';
import { greedyRotation } from './greedy';
import { buildModel, evaluate, MemberFixed, ProfilePlan, RotationInput, swapTowards } from './rotation-model';
import { planRotation } from './rotation-planner';

let solve: LpSolver;
 
let highs: any;
beforeAll(async () => {
  highs = await loadHighs();
  solve = async (lp, t) => runHighs(highs, lp, t);
});

const SECTORS = ['law', 'health', 'energy'];
const STANCES = ['left', 'right'];

const attributes = fc.record({ sector: fc.constantFrom(...SECTORS), stance: fc.constantFrom(...STANCES) });
const fixed = fc.constantFrom<MemberFixed>(null, null, null, 'term_ends', 'must_leave', 'must_stay');
const target = fc
  .record({
    dimension: fc.constantFrom('sector', 'stance'),
    min: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    span: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    pick: fc.nat(),
    weight: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ dimension, min, span, pick, weight }) => {
    const values = dimension === 'sector' ? SECTORS : STANCES;
    const max = span === null ? (min === null ? 2 : null) : (min ?? 0) + span;
    return { dimension, value: values[pick % values.length], min, max, ...(weight === undefined ? {} : { weight }) } as BalanceTarget;
  });

/** Small councils: up to 6 members and 6 candidates, two dimensions, a few targets. */
const instance: fc.Arbitrary<RotationInput> = fc
  .record({
    members: fc.array(fc.record({ attributes, fixed }), { maxLength: 6 }),
    candidates: fc.array(attributes, { maxLength: 6 }),
    targets: fc.uniqueArray(target, { maxLength: 4, selector: (t) => `${t.dimension}=${t.value}` }),
    seatsDelta: fc.integer({ min: -1, max: 1 }),
    leaveMin: fc.integer({ min: 0, max: 2 }),
    leaveSpan: fc.integer({ min: 0, max: 4 }),
  })
  .map((r) => ({
    members: r.members.map((m, i) => ({ id: `m${i}`, attributes: m.attributes, fixed: m.fixed, startsOn: `2020-01-0${1 + (i % 9)}` })),
    candidates: r.candidates.map((a, i) => ({ id: `c${i}`, attributes: a })),
    targets: r.targets,
    seats: Math.max(0, r.members.length + r.seatsDelta),
    leave: { min: r.leaveMin, max: r.leaveMin + r.leaveSpan },
  }));

const isPlan = (input: RotationInput, leaving: string[], joining: string[]): BrutePlan | undefined => {
  const freeLeaving = leaving.filter((id) => input.members.find((m) => m.id === id)?.fixed === null).sort();
  return allPlans(input).find((p) => [...p.leaving].sort().join() === freeLeaving.join() && [...p.joining].sort().join() === [...joining].sort().join());
};

describe('planRotation against a brute force on small councils', () => {
  it('finds the least deviation and then the fewest changes, and names a smallest relaxation', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const best = bestPlans(input);
        const r = await planRotation(input, solve, { timeLimitMs: 10_000 });
        if (!best.length) {
          expect(r.plan).toBeNull();
          expect(r.status).toBe('infeasible');
          return;
        }
        expect(r.weighted).toBe(best[0].weighted);
        expect(r.changes).toBe(best[0].changes);
        expect(r.solver.status).toBe('optimal');
        const found = isPlan(input, r.leaving.map((l) => l.id), r.joining);
        expect(found).toBeDefined();
        expect(found?.weighted).toBe(best[0].weighted);
        expect(r.deviation).toBe(found?.deviation);
        // Forced leavers are named with their reason.
        for (const m of input.members.filter((x) => x.fixed === 'term_ends' || x.fixed === 'must_leave')) {
          expect(r.leaving).toContainEqual({ id: m.id, reason: m.fixed });
        }
        expect(r.status).toBe(best[0].deviation > 0 ? 'infeasible' : 'proposed');
        // The relaxations, weighed, add up to the least weighted deviation (no smaller change of targets makes
        // them reachable), and with them every target is reachable.
        const weightOf = (x: { dimension: string; value: string }) => input.targets.find((t) => t.dimension === x.dimension && t.value === x.value)?.weight ?? 1;
        expect(r.relaxations.reduce((a, x) => a + weightOf(x) * Math.abs(x.to - x.from), 0)).toBe(best[0].weighted);
        const relaxed = input.targets.map((t) => {
          const rel = r.relaxations.filter((x) => x.dimension === t.dimension && x.value === t.value);
          return rel.reduce((acc, x) => ({ ...acc, [x.bound]: x.to }), { ...t });
        });
        expect(bestPlans({ ...input, targets: relaxed })[0].deviation).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

/** The brute force's maximin: an LP over every best plan, person by person, for the candidates some best plan takes. */
function bruteMaximin(best: BrutePlan[]): number {
  const includable = [...new Set(best.flatMap((p) => p.joining))];
  if (!includable.length) return 0;
  const rows = includable.map((c) => ` r_${c}: ${best.map((p, i) => (p.joining.includes(c) ? `+ p${i}` : '')).join(' ')} - z >= 0`);
  const lp = ['Maximize', ' obj: z', 'Subject To', ...rows, ` total: ${best.map((_p, i) => `+ p${i}`).join(' ')} = 1`, 'End'].join('\n');
  const r = runHighs(highs, lp, 10);
  return r.objective as number;
}

describe('the maximin lottery against a brute force', () => {
  it('draws a best plan, reproducibly, with chances that sum to the joiners and none below the maximin', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.string({ minLength: 1, maxLength: 8 }), async (input, seed) => {
        const best = bestPlans(input);
        fc.pre(best.length > 0);
        const a = await planRotation(input, solve, { timeLimitMs: 10_000, lottery: { seed } });
        const b = await planRotation(input, solve, { timeLimitMs: 10_000, lottery: { seed } });
        expect(b.joining).toEqual(a.joining);
        expect(b.leaving).toEqual(a.leaving);
        const drawn = isPlan(input, a.leaving.map((l) => l.id), a.joining);
        expect(drawn && drawn.weighted === best[0].weighted && drawn.changes === best[0].changes).toBe(true);
        const probabilities = a.probabilities ?? [];
        expect(probabilities).toHaveLength(input.candidates.length);
        const joiners = best[0].joining.length;
        expect(probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(joiners, 6);
        const includable = new Set(best.flatMap((p) => p.joining));
        const value = bruteMaximin(best);
        for (const p of probabilities) {
          if (includable.has(p.candidateId)) expect(p.probability).toBeGreaterThanOrEqual(value - 1e-6);
          else expect(p.probability).toBeCloseTo(0, 9);
        }
        expect(a.maximin ?? 0).toBeCloseTo(value, 6);
      }),
      { numRuns: 80 },
    );
  });
});

describe('greedyRotation against the brute force', () => {
  it('never finds less deviation than the optimum, and fills the seats when the optimum does', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const best = bestPlans(input);
        const g = greedyRotation(input);
        if (!best.length) return;
        expect(g.weighted).toBeGreaterThanOrEqual(best[0].weighted);
      }),
      { numRuns: 200 },
    );
  });
});

describe('swapTowards', () => {
  it('keeps the deviation within its bound and the number of joiners, and never lowers the priced value', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }), async (input, raw) => {
        const r = await planRotation(input, solve, { timeLimitMs: 10_000 });
        fc.pre(r.plan !== null);
        const model = buildModel(input);
        const plan = r.plan as ProfilePlan;
        const prices = model.candidateProfiles.map((_p, k) => raw[k % raw.length]);
        const moved = swapTowards(model, plan, prices, r.weighted as number);
        const before = evaluate(model, plan);
        const after = evaluate(model, moved);
        expect(after.weighted).toBeLessThanOrEqual(before.weighted);
        expect(after.changes).toBe(before.changes);
        const value = (p: ProfilePlan) => p.join.reduce((a, n, k) => a + n * prices[k], 0);
        expect(value(moved)).toBeGreaterThanOrEqual(value(plan) - 1e-12);
        moved.join.forEach((n, k) => expect(n).toBeLessThanOrEqual(model.candidateProfiles[k].ids.length));
      }),
      { numRuns: 100 },
    );
  });
});

describe('planRotation under a time limit', () => {
  const input: RotationInput = {
    members: ['law', 'law', 'law', 'media'].map((sector, i) => ({ id: `m${i}`, attributes: { sector }, fixed: null, startsOn: '2020-01-01' })),
    candidates: ['health', 'health'].map((sector, i) => ({ id: `c${i}`, attributes: { sector } })),
    targets: [{ dimension: 'sector', value: 'law', min: null, max: 2 }],
    seats: 4,
    leave: { min: 0, max: 2 },
  };

  it('says time_limit, with the best plan found and the bound proved, when a solve stops at the limit', async () => {
    let calls = 0;
    const limited: LpSolver = async (lp, t) => {
      const r = await solve(lp, t);
      return calls++ === 0 ? { ...r, status: 'time_limit', bound: -1 } : r;
    };
    const r = await planRotation(input, limited, { timeLimitMs: 10_000 });
    expect(r.solver).toMatchObject({ status: 'time_limit', objective: 0, bound: -1 });
    expect(r.deviation).toBe(0);
  });

  it('keeps the first stage when no time is left for the second', async () => {
    let t = 0;
    const r = await planRotation(input, async (lp, s) => {
      t += 20_000;
      return solve(lp, s);
    }, { timeLimitMs: 10_000, now: () => t });
    expect(r.solver.status).toBe('time_limit');
    expect(r.solver.solves).toBe(1);
    expect(r.deviation).toBe(0);
  });
});

describe('weighted targets', () => {
  const input = (healthWeight: number): RotationInput => ({
    members: ['m0', 'm1'].map((id) => ({ id, attributes: { sector: 'law' }, fixed: null, startsOn: '2020-01-01' })),
    candidates: [{ id: 'c0', attributes: { sector: 'health' } }],
    targets: [
      { dimension: 'sector', value: 'law', min: 2, max: null },
      { dimension: 'sector', value: 'health', min: 1, max: null, weight: healthWeight },
    ],
    seats: 2,
    leave: { min: 0, max: 1 },
  });

  it('gives up the lighter target: a tie changes nothing, a heavier health target swaps a lawyer for it', async () => {
    const tie = await planRotation(input(1), solve, { timeLimitMs: 10_000 });
    expect(tie).toMatchObject({ weighted: 1, deviation: 1, changes: 0, joining: [], relaxations: [{ dimension: 'sector', value: 'health', bound: 'min', from: 1, to: 0 }] });
    const heavy = await planRotation(input(3), solve, { timeLimitMs: 10_000 });
    expect(heavy).toMatchObject({ weighted: 1, deviation: 1, changes: 2, joining: ['c0'], relaxations: [{ dimension: 'sector', value: 'law', bound: 'min', from: 2, to: 1 }] });
    expect(heavy.leaving).toEqual([{ id: 'm0', reason: 'rebalance' }]);
  });
});
