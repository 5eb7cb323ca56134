/**
 * One solve of a CPLEX LP-format programme with HiGHS, given the loaded
 * `highs` module (the caller loads it: in a worker thread in the API, in
 * process in tests). Self-contained on purpose: the API's worker runs this
 * function's source text, so it uses nothing from outside its body.
 */
export interface LpResult {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error';
  /** The objective of the best solution found (null without one). */
  objective: number | null;
  /** The best bound proved on the objective (a MIP's dual bound; an LP's optimum). */
  bound: number | null;
  values: Record<string, number>;
  rowDuals: Record<string, number>;
  message: string | null;
}

 
export function runHighs(highs: any, lp: string, timeLimitSeconds: number): LpResult {
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    // Presolve off: the planner's programmes are small and dense, and solve about twice as fast without it.
    model.options.set({ output_flag: false, time_limit: Math.max(0.01, timeLimitSeconds), mip_rel_gap: 0, mip_abs_gap: 1e-6, presolve: 'off' });
    model.run();
    const code = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    let status: LpResult['status'] = 'error';
    if (code === codes.optimal) status = 'optimal';
    else if (code === codes.timeLimit || code === codes.interrupted || code === codes.iterationLimit) status = 'time_limit';
    else if (code === codes.infeasible || code === codes.unboundedOrInfeasible) status = 'infeasible';
    const values: Record<string, number> = {};
    const rowDuals: Record<string, number> = {};
    let objective: number | null = null;
    let bound: number | null = null;
    if (status === 'optimal' || status === 'time_limit') {
      let hasSolution = true;
      try {
        hasSolution = Number(model.info.get('primal_solution_status')) === 2;
      } catch {
        hasSolution = status === 'optimal';
      }
      if (hasSolution) {
        const solution = model.getSolution();
        for (let i = 0; i < solution.colValue.length; i++) values[model.getColName(i)] = solution.colValue[i] + 0; // + 0 turns -0 into 0
        for (let i = 0; i < solution.rowDual.length; i++) rowDuals[model.getRowName(i)] = solution.rowDual[i];
        objective = model.getObjectiveValue();
      }
      try {
        const b = Number(model.info.get('mip_dual_bound'));
        bound = Number.isFinite(b) ? b : objective;
      } catch {
        bound = objective;
      }
      if (status === 'optimal') bound = objective;
    }
    return { status, objective, bound, values, rowDuals, message: null };
  } catch (e) {
    return { status: 'error', objective: null, bound: null, values: {}, rowDuals: {}, message: e instanceof Error ? e.message : String(e) };
  } finally {
    model.dispose();
  }
}

/**
 * A small integer programme of the planner's shape (a few hundred bounded
 * integers, rows of many of them), solved once when a solver starts: the
 * first solves in a fresh WebAssembly instance run several times slower
 * until V8 has compiled its hot functions.
 */
export function warmUpLp(): string {
  const n = 300;
  const xs = Array.from({ length: n }, (_x, i) => `x${i}`);
  const rows = Array.from({ length: 12 }, (_r, r) => ` r${r}: ${xs.filter((_x, i) => (i * (r + 3)) % 7 < 3).join(' + ')} + u${r} >= ${40 + r} `);
  return [
    'Minimize',
    ` obj: ${Array.from({ length: 12 }, (_r, r) => `u${r}`).join(' + ')}`,
    'Subject To',
    ` seats: ${xs.join(' + ')} = 150`,
    ...rows,
    'Bounds',
    ...xs.map((x, i) => ` 0 <= ${x} <= ${1 + (i % 3)}`),
    'General',
    ` ${xs.join(' ')}`,
    'End',
  ].join('\n');
}

/** Solves one programme within a time limit (seconds). */
export type LpSolver = (lp: string, timeLimitSeconds: number) => Promise<LpResult>;
