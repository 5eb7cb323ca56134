import { BalanceTarget } from './balance';
import { LpResult, LpSolver } from './highs-run';
import { drawIndex, drawWithout, seededRng } from './rng';
import { buildModel, evaluate, peopleOf, ProfilePlan, profilePlanOf, RotationInput, RotationModel, rotationLp, swapTowards } from './rotation-model';

export interface Relaxation {
  dimension: string;
  value: string;
  bound: 'min' | 'max';
  from: number;
  to: number;
}

export interface RotationResult {
  /** `infeasible` when the targets cannot all be met (then `relaxations` says by how little), or no plan fills the seats. */
  status: 'proposed' | 'infeasible';
  solver: { status: 'optimal' | 'time_limit'; objective: number | null; bound: number | null; solves: number; solverMs: number };
  plan: ProfilePlan | null;
  deviation: number | null;
  /** The deviation with each target's weight: what the planner minimised. */
  weighted: number | null;
  changes: number | null;
  leaving: { id: string; reason: 'term_ends' | 'must_leave' | 'rebalance' }[];
  joining: string[];
  relaxations: Relaxation[];
  /** With a lottery: each candidate's chance of joining, and the least chance among those any best plan can take. */
  probabilities: { candidateId: string; probability: number }[] | null;
  maximin: number | null;
}

export interface PlanOptions {
  timeLimitMs: number;
  lottery?: { seed: string } | null;
  now?: () => number;
}

/** The smallest change of targets that the plan's counts need: each count outside its bounds moves the bound to it. */
export function relaxationsOf(targets: readonly BalanceTarget[], counts: readonly number[]): Relaxation[] {
  const out: Relaxation[] = [];
  targets.forEach((t, i) => {
    if (t.min !== null && counts[i] < t.min) out.push({ dimension: t.dimension, value: t.value, bound: 'min', from: t.min, to: counts[i] });
    if (t.max !== null && counts[i] > t.max) out.push({ dimension: t.dimension, value: t.value, bound: 'max', from: t.max, to: counts[i] });
  });
  return out;
}

/** The time left to a plan, shared by its solves. */
export class SolveClock {
  solves = 0;
  limited = false;
  constructor(
    private readonly solve: LpSolver,
    private readonly deadline: number,
    private readonly now: () => number,
  ) {}
  left(): number {
    return Math.max(0, this.deadline - this.now()) / 1000;
  }
  /** Milliseconds spent in the solver. */
  solverMs = 0;
  async run(lp: string): Promise<LpResult> {
    this.solves++;
    const started = this.now();
    const r = await this.solve(lp, Math.max(0.01, this.left()));
    this.solverMs += this.now() - started;
    if (r.status === 'error') throw new Error(`the solver failed: ${r.message}`);
    if (r.status === 'time_limit') this.limited = true;
    return r;
  }
}

const noPlan = (clock: SolveClock, status: 'optimal' | 'time_limit'): RotationResult => ({
  status: 'infeasible',
  solver: { status, objective: null, bound: null, solves: clock.solves, solverMs: clock.solverMs },
  plan: null,
  deviation: null,
  weighted: null,
  changes: null,
  leaving: [],
  joining: [],
  relaxations: [],
  probabilities: null,
  maximin: null,
});

/**
 * Plans a rotation: first the least total weighted deviation from the targets, then,
 * with that fixed, the fewest changes. The least deviation is also the
 * smallest relaxation of targets that makes them all reachable (each unit of
 * shortfall or excess is a unit by which a bound must move), so the same
 * programme names the relaxations. With a lottery, the plan is drawn among
 * the best ones by a maximin distribution.
 */
export async function planRotation(input: RotationInput, solve: LpSolver, opts: PlanOptions): Promise<RotationResult> {
  const now = opts.now ?? Date.now;
  const clock = new SolveClock(solve, now() + opts.timeLimitMs, now);
  const model = buildModel(input);
  if (model.stayMin > model.stayMax) return noPlan(clock, 'optimal');
  const first = await clock.run(rotationLp(model, { kind: 'deviation' }));
  if (first.status === 'infeasible' || first.objective === null) return noPlan(clock, first.status === 'infeasible' ? 'optimal' : 'time_limit');
  let plan = profilePlanOf(model, first.values);
  const deviation = evaluate(model, plan).weighted;
  if (clock.left() > 0) {
    const second = await clock.run(rotationLp(model, { kind: 'changes' }, { maxDeviation: deviation }));
    if (second.objective !== null) {
      const candidate = profilePlanOf(model, second.values);
      if (evaluate(model, candidate).weighted <= deviation) plan = candidate;
    }
  } else clock.limited = true;
  const best = evaluate(model, plan);
  let pick = (ids: string[], n: number) => ids.slice(0, n);
  let probabilities: RotationResult['probabilities'] = null;
  let maximin: number | null = null;
  if (opts.lottery) {
    const lottery = await maximinLottery(model, best.weighted, best.changes, plan, clock);
    const rng = seededRng(opts.lottery.seed);
    plan = lottery.columns[drawIndex(lottery.weights, rng)];
    pick = (ids, n) => drawWithout(ids, n, rng);
    probabilities = model.candidateProfiles.flatMap((p, k) => p.ids.map((candidateId) => ({ candidateId, probability: lottery.profileChance[k] })));
    maximin = lottery.value;
  }
  const after = evaluate(model, plan);
  const people = peopleOf(model, plan, pick);
  return {
    status: after.deviation > 0 ? 'infeasible' : 'proposed',
    solver: { status: clock.limited ? 'time_limit' : 'optimal', objective: tidy(first.objective), bound: tidy(first.bound), solves: clock.solves, solverMs: clock.solverMs },
    plan,
    deviation: after.deviation,
    weighted: after.weighted,
    changes: after.changes,
    leaving: people.leaving,
    joining: people.joining,
    relaxations: relaxationsOf(input.targets, after.counts),
    probabilities,
    maximin,
  };
}

export interface MaximinLottery {
  columns: ProfilePlan[];
  weights: number[];
  /** The chance of each candidate of a profile. */
  profileChance: number[];
  value: number;
}

/**
 * The master programme: the distribution over the plans found that maximises
 * the least chance of an includable profile's candidate. Its rows grow as
 * columns are added, so each round writes only the new columns' terms.
 */
export class MaximinMaster {
  private readonly rows = new Map<number, string[]>();
  private built = 0;

  constructor(
    private readonly model: RotationModel,
    private readonly includable: readonly number[],
  ) {
    for (const k of includable) this.rows.set(k, []);
  }

  lp(columns: readonly ProfilePlan[]): string {
    for (; this.built < columns.length; this.built++) {
      const c = columns[this.built];
      for (const k of this.includable) {
        if (c.join[k] > 0) (this.rows.get(k) as string[]).push(`+ ${(c.join[k] / this.model.candidateProfiles[k].ids.length).toPrecision(15)} p${this.built}`);
      }
    }
    const lines = ['Maximize', ' obj: z', 'Subject To'];
    for (const k of this.includable) lines.push(` c${k}: ${(this.rows.get(k) as string[]).join(' ')} - z >= 0`);
    lines.push(` total: ${columns.map((_c, i) => `+ p${i}`).join(' ')} = 1`, 'End');
    return lines.join('\n');
  }
}

/** A solver's figure without its floating-point dust (23.000000000000004 is 23). */
const tidy = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

/** A solver's number, or 0 when it is missing or not finite (negative ones too, unless `signed`). */
const finite = (x: number | undefined, signed = false) => (x !== undefined && Number.isFinite(x) ? (signed ? x : Math.max(0, x)) : 0);

/** How many columns the local search starts from at each round of column generation. */
const PRICING_STARTS = 8;

/** A column's identity: its joiners per profile (the stayers follow from them in every best plan the master compares). */
const keyOf = (c: ProfilePlan) => c.join.join(',');

/**
 * Maximin over the best plans (Flanigan et al., Nature 2021), by column
 * generation: the master LP weighs the plans found so far; its duals price
 * each candidate profile, and the integer programme (deviation and changes
 * held at their optimum) finds the plan worth most at those prices; it joins
 * the master until none improves on the master's value. Candidates whom no
 * best plan can take (their profile is never needed) are left out of the
 * minimum, else it would be 0: the profiles that can join are found first,
 * by plans that cover as many profiles not yet seen as they can.
 */
/** `deviation` is the best plans' weighted deviation. */
export async function maximinLottery(model: RotationModel, deviation: number, changes: number, start: ProfilePlan, clock: SolveClock): Promise<MaximinLottery> {
  const fix = { maxDeviation: deviation, maxChanges: changes };
  const columns: ProfilePlan[] = [start];
  const seen = new Set([keyOf(start)]);
  const add = (plan: ProfilePlan) => {
    columns.push(plan);
    seen.add(keyOf(plan));
  };
  const covered = model.candidateProfiles.map((_p, k) => start.join[k] > 0);
  const priceOf = (plan: ProfilePlan, prices: readonly number[]) => plan.join.reduce((acc, n, k) => acc + n * prices[k], 0);
  let settled = false;
  while (clock.left() > 0) {
    const flagged = covered.map((c) => !c);
    if (!flagged.some(Boolean)) {
      settled = true;
      break;
    }
    // First by local moves from the last plan found (cheap); the solver only when they reach no new profile.
    let plan = swapTowards(model, columns[columns.length - 1], flagged.map(Number), deviation, true);
    if (!plan.join.some((n, k) => n > 0 && !covered[k])) {
      const r = await clock.run(rotationLp(model, { kind: 'cover', flagged }, fix));
      if (r.objective === null || r.objective < 0.5) {
        settled = r.status === 'optimal';
        break;
      }
      plan = profilePlanOf(model, r.values);
    }
    add(plan);
    plan.join.forEach((n, k) => n > 0 && (covered[k] = true));
  }
  const includable = covered.flatMap((c, k) => (c ? [k] : []));
  let weights: number[] = columns.map((_c, i) => (i === 0 ? 1 : 0));
  let value = 0;
  let converged = includable.length === 0;
  if (includable.length) {
    const masterLp = new MaximinMaster(model, includable);
    while (clock.left() > 0) {
      const master = await clock.run(masterLp.lp(columns));
      if (master.objective === null) break;
      weights = columns.map((_c, i) => finite(master.values[`p${i}`]));
      value = master.objective;
      const duals = model.candidateProfiles.map((_p, k) => Math.abs(finite(master.rowDuals[`c${k}`], true)));
      const total = duals.reduce((a, b) => a + b, 0) || 1;
      const prices = duals.map((y, k) => y / total / model.candidateProfiles[k].ids.length);
      // Pricing: local moves from the best column at these prices first, the integer programme when they do not improve.
      // From the few best columns at these prices, each improving plan found joins the master.
      const starts = [...columns].sort((a, b) => priceOf(b, prices) - priceOf(a, prices)).slice(0, PRICING_STARTS);
      let added = 0;
      for (const startColumn of starts) {
        const plan = swapTowards(model, startColumn, prices, deviation);
        if (priceOf(plan, prices) > value + 1e-7 && !seen.has(keyOf(plan))) {
          add(plan);
          added++;
        }
      }
      if (added === 0) {
        const priced = await clock.run(rotationLp(model, { kind: 'weights', weights: prices }, fix));
        if (priced.objective === null || priced.objective <= value + 1e-7) {
          converged = priced.status === 'optimal';
          break;
        }
        const plan = profilePlanOf(model, priced.values);
        if (seen.has(keyOf(plan))) {
          converged = true;
          break;
        }
        add(plan);
      }
    }
  }
  // Stopped by the time limit before the profiles that can join were all found, or before the maximin was proved.
  if (!settled || !converged) clock.limited = true;
  // A column found after the last master solve has no weight yet.
  weights = columns.map((_c, i) => weights[i] ?? 0);
  const sumW = weights.reduce((a, b) => a + b, 0) || 1;
  weights = weights.map((w) => w / sumW);
  const profileChance = model.candidateProfiles.map((p, k) => columns.reduce((acc, c, i) => acc + (weights[i] * c.join[k]) / p.ids.length, 0));
  value = includable.length ? Math.min(...includable.map((k) => profileChance[k])) : 0;
  return { columns, weights, profileChance, value };
}
