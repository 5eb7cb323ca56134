import { warmUpLp } from '@kenes/core';
import { ROTATION_TIME_LIMIT_MS } from '../rotation.config';
import { HighsWorkerSolver } from './highs-worker.solver';

describe('HighsWorkerSolver', () => {
  const solver = new HighsWorkerSolver();
  afterAll(() => solver.onModuleDestroy());

  it('solves in a worker thread, one programme after the other, each answer to its own question', async () => {
    const lp = (rhs: number) => `Maximize\n obj: x + 2 y\nSubject To\n c1: x + y <= ${rhs}\nBounds\n 0 <= x <= 2\n 0 <= y <= 2\nGeneral\n x y\nEnd`;
    const results = await Promise.all([lp(3), lp(1), lp(4)].map((p) => solver.solve(p, 10)));
    expect(results.map((r) => [r.status, r.objective, r.values])).toEqual([
      ['optimal', 5, { x: 1, y: 2 }],
      ['optimal', 2, { x: 0, y: 1 }],
      ['optimal', 6, { x: 2, y: 2 }],
    ]);
  });

  it('gives the LP duals, and says infeasible', async () => {
    const lp = await solver.solve('Maximize\n obj: z\nSubject To\n a: 0.5 p1 - z >= 0\n b: 0.5 p2 - z >= 0\n s: p1 + p2 = 1\nEnd', 10);
    expect(lp.status).toBe('optimal');
    expect(lp.objective).toBeCloseTo(0.25, 9);
    expect(Math.abs(lp.rowDuals.a) + Math.abs(lp.rowDuals.b)).toBeCloseTo(1, 9);
    const none = await solver.solve('Minimize\n obj: x\nSubject To\n c: x >= 3\nBounds\n 0 <= x <= 2\nGeneral\n x\nEnd', 10);
    expect(none).toMatchObject({ status: 'infeasible', objective: null });
  });

  it('stops at its time limit and says so, with the bound proved so far', async () => {
    // Even weights cannot add up to an odd total, which branch and bound takes long to prove.
    const xs = Array.from({ length: 50 }, (_x, i) => `x${i}`);
    const lp = [
      'Maximize',
      ` obj: ${xs.map((x, i) => `${(i % 7) + 1} ${x}`).join(' + ')}`,
      'Subject To',
      ` c: ${xs.map((x, i) => `${2 * ((i * 37) % 101) + 2} ${x}`).join(' + ')} = 1001`,
      ` d: ${xs.map((x, i) => `${2 * ((i * 53) % 97) + 2} ${x}`).join(' + ')} = 1203`,
      'Bounds',
      ...xs.map((x) => ` 0 <= ${x} <= 1`),
      'Binary',
      ` ${xs.join(' ')}`,
      'End',
    ].join('\n');
    const r = await solver.solve(lp, 0.2);
    expect(r).toMatchObject({ status: 'time_limit', objective: null });
    expect(r.bound).toEqual(expect.any(Number));
    expect((await solver.solve(warmUpLp(), 10)).status).toBe('optimal');
  });
});

describe('ROTATION_TIME_LIMIT_MS', () => {
  it('defaults to 10 s and refuses what is not a whole number of milliseconds from 100 to 600000, naming the variable', () => {
    expect(ROTATION_TIME_LIMIT_MS({})).toBe(10_000);
    expect(ROTATION_TIME_LIMIT_MS({ ROTATION_TIME_LIMIT_MS: '2500' })).toBe(2500);
    for (const bad of ['99', '600001', '1.5', 'soon']) expect(() => ROTATION_TIME_LIMIT_MS({ ROTATION_TIME_LIMIT_MS: bad })).toThrow(/ROTATION_TIME_LIMIT_MS/);
  });
});
