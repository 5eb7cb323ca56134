import fc from 'fast-check';
import { balanceOf, distanceOutside, historyDates, monthsBefore, targetProblems } from './balance';
import { bestPlans } from './brute-force';
import { greedyRotation } from './greedy';
import { drawIndex, drawWithout, seededRng } from './rng';

describe('balanceOf', () => {
  const composition = { at: '2026-03-01', total: 5, dimensions: { sector: { law: 3, health: 2 }, stance: { left: 5 } } };
  it('gives each value its count, bounds and status, and the deviation', () => {
    const b = balanceOf(
      composition,
      [
        { dimension: 'sector', value: 'law', min: null, max: 2 },
        { dimension: 'sector', value: 'energy', min: 1, max: 3 },
        { dimension: 'stance', value: 'left', min: 2, max: 5 },
      ],
      9,
    );
    expect(b).toEqual({
      at: '2026-03-01',
      total: 5,
      seats: 9,
      deviation: 2,
      dimensions: {
        sector: {
          law: { count: 3, min: null, max: 2, status: 'over' },
          health: { count: 2, min: null, max: null, status: 'met' },
          energy: { count: 0, min: 1, max: 3, status: 'under' },
        },
        stance: { left: { count: 5, min: 2, max: 5, status: 'met' } },
      },
    });
  });
  it('is the sum of the distances outside the bounds', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.option(fc.nat(20), { nil: null }), fc.option(fc.nat(20), { nil: null }), (count, a, b) => {
        const [min, max] = a !== null && b !== null && a > b ? [b, a] : [a, b];
        const d = distanceOutside(count, min, max);
        const inside = (min === null || count >= min) && (max === null || count <= max);
        return inside ? d === 0 : d > 0 && (d === (min ?? -Infinity) - count || d === count - (max ?? Infinity));
      }),
    );
  });
});

describe('targetProblems', () => {
  it('names an unknown dimension, min above max, a target without bounds and a repeat', () => {
    expect(
      targetProblems(
        [
          { dimension: 'region', value: 'north', min: 1, max: 2 },
          { dimension: 'sector', value: 'law', min: 3, max: 2 },
          { dimension: 'sector', value: 'health', min: null, max: null },
          { dimension: 'sector', value: 'law', min: 0, max: 2 },
        ],
        ['sector', 'stance'],
      ).map((p) => [p.index, p.field]),
    ).toEqual([
      [0, 'dimension'],
      [1, 'min'],
      [2, 'min'],
      [3, 'value'],
    ]);
  });
});

describe('historyDates', () => {
  it('steps by month or quarter from the first date, keeping the day within short months', () => {
    expect(historyDates('2026-01-31', '2026-05-01', 'month', 50)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(historyDates('2025-11-15', '2026-08-15', 'quarter', 50)).toEqual(['2025-11-15', '2026-02-15', '2026-05-15', '2026-08-15']);
    expect(historyDates('2026-01-01', '2026-12-31', 'month', 3)).toHaveLength(3);
    expect(historyDates('2026-02-01', '2026-01-01', 'month', 3)).toEqual([]);
  });
});

describe('monthsBefore', () => {
  it('steps back whole months, keeping the day within short months, and historyDates walks back to it', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 11)).toBe('2025-02-15');
    expect(monthsBefore('2024-05-31', 3)).toBe('2024-02-29');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.nat(30), (y, m, d, n) => {
        const to = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const dates = historyDates(monthsBefore(to, n), to, 'month', 100);
        return dates.length === n + 1 && dates[n] === to;
      }),
    );
  });
});

describe('seeded draws', () => {
  it('repeat for a seed and differ between seeds', () => {
    const a = seededRng('kenes');
    const b = seededRng('kenes');
    const c = seededRng('kenes!');
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('draw without replacement and by probability', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.nat(), { maxLength: 10 }), fc.nat(12), (seed, items, k) => {
        const drawn = drawWithout(items, k, seededRng(seed));
        return drawn.length === Math.min(k, items.length) && new Set(drawn.map((_x, i) => i)).size === drawn.length;
      }),
    );
    expect(drawIndex([0, 1, 0], seededRng('x'))).toBe(1);
    expect(drawIndex([0.5, 0.5, 0], () => 0.999999)).toBe(1);
  });
});

describe('greedyRotation', () => {
  it('fills the seats and is never better than the optimum', () => {
    const input = {
      members: ['law', 'law', 'law', 'health'].map((sector, i) => ({ id: `m${i}`, attributes: { sector }, fixed: null, startsOn: '2020-01-01' })),
      candidates: ['energy', 'energy', 'health'].map((sector, i) => ({ id: `c${i}`, attributes: { sector } })),
      targets: [
        { dimension: 'sector', value: 'law', min: 1, max: 2 },
        { dimension: 'sector', value: 'energy', min: 1, max: 2 },
      ],
      seats: 4,
      leave: { min: 0, max: 2 },
    };
    const g = greedyRotation(input);
    expect(g.plan.stay.reduce((a, b) => a + b, 0) + g.plan.join.reduce((a, b) => a + b, 0)).toBe(4);
    expect(g.deviation).toBeGreaterThanOrEqual(bestPlans(input)[0].deviation);
    expect(g.deviation).toBe(0);
  });
});
