/**
 * bench:rotation: the planner on a council of 300 seats with 60 leaving (45
 * terms end, 15 more leave to rebalance at most), 5,000 candidates, and 4
 * dimensions with 20 values in all, each targeted; against a greedy swap
 * heuristic on the same input in the same run. Then the maximin lottery at
 * 2,000 candidates, against the plain plan on that pool.
 */
import { BalanceTarget, greedyRotation, planRotation, RotationInput, seededRng } from '@kenes/core';
import { HighsWorkerSolver } from '@kenes/rotation/solver/highs-worker.solver';
import { ROTATION_TIME_LIMIT_MS } from '@kenes/rotation/rotation.config';
import { Benchmark, BenchResult, metric } from './harness';

const DIMENSIONS: Record<string, string[]> = {
  sector: ['law', 'economics', 'health', 'education', 'energy', 'agriculture', 'media', 'science'],
  stance: ['moderate', 'tolerant', 'critical', 'radical'],
  region: ['north', 'south', 'east', 'west', 'capital'],
  age: ['under35', '35to55', 'over55'],
};

function instance(candidates: number, seed: string): RotationInput {
  const rng = seededRng(seed);
  // Skewed draws: the council drifted towards the first values of each dimension.
  const draw = (values: string[], skew: number) => values[Math.min(values.length - 1, Math.floor(values.length * rng() ** skew))];
  const person = (skew: number) => Object.fromEntries(Object.entries(DIMENSIONS).map(([d, vs]) => [d, draw(vs, skew)]));
  const members = Array.from({ length: 300 }, (_x, i) => ({
    id: `m${String(i).padStart(3, '0')}`,
    attributes: person(1.5),
    fixed: i < 45 ? ('term_ends' as const) : null,
    startsOn: `20${String(10 + (i % 15)).padStart(2, '0')}-01-01`,
  }));
  const pool = Array.from({ length: candidates }, (_x, i) => ({ id: `c${i}`, attributes: person(1) }));
  const targets: BalanceTarget[] = Object.entries(DIMENSIONS).flatMap(([dimension, values]) => {
    const share = 300 / values.length;
    return values.map((value) => ({ dimension, value, min: Math.floor(share * 0.8), max: Math.ceil(share * 1.2) }));
  });
  return { members, candidates: pool, targets, seats: 300, leave: { min: 45, max: 60 } };
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

export const rotationBenchmark: Benchmark = {
  name: 'rotation',
  description: 'rotation planner (HiGHS in a worker) vs a greedy swap heuristic; maximin lottery',
  async run(): Promise<BenchResult> {
    const solver = new HighsWorkerSolver();
    const solve = (lp: string, t: number) => solver.solve(lp, t);
    const limit = ROTATION_TIME_LIMIT_MS();
    try {
      await solve('Minimize\n obj: x\nSubject To\n c: x >= 1\nEnd', 5); // loads the WebAssembly module once
      const input = instance(5000, 'kenes-bench');
      const greedy = await timed(() => greedyRotation(input));
      const planned = await timed(() => planRotation(input, solve, { timeLimitMs: limit }));
      const small = instance(2000, 'kenes-bench-lottery');
      const plain = await timed(() => planRotation(small, solve, { timeLimitMs: limit }));
      const lottery = await timed(() => planRotation(small, solve, { timeLimitMs: limit, lottery: { seed: 'bench' } }));
      const p = planned.value;
      return {
        name: 'rotation',
        params: {
          seats: 300,
          termsEnding: 45,
          leave: input.leave,
          candidates: 5000,
          dimensions: Object.keys(DIMENSIONS).length,
          values: Object.values(DIMENSIONS).flat().length,
          timeLimitMs: limit,
          planner: { deviation: p.deviation, changes: p.changes, solver: p.solver, status: p.status },
          greedy: { deviation: greedy.value.deviation, changes: greedy.value.changes },
          lottery: { candidates: 2000, maximin: lottery.value.maximin, solves: lottery.value.solver.solves, solver: lottery.value.solver.status },
        },
        metrics: [
          metric('rotation_deviation', 'units', p.deviation ?? Infinity, greedy.value.deviation, '≤ 1× the greedy heuristic, and 0 when the targets are reachable'),
          metric('rotation_changes', 'changes', p.changes ?? Infinity, greedy.value.changes, 'reported (fewest at the least deviation)'),
          metric('rotation_ms', 'ms', planned.ms, greedy.ms, `under the default time limit (${limit} ms); baseline: the greedy heuristic`),
          metric('lottery_ms', 'ms', lottery.ms, plain.ms, `maximin lottery at 2,000 candidates under the time limit (${limit} ms); baseline: the plan without lottery`),
        ],
      };
    } finally {
      await solver.onModuleDestroy();
    }
  },
};
