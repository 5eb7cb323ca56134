import { UNSPECIFIED } from '../composition';
import { BalanceTarget, distanceOutside, weightedDistance, weightOf } from './balance';

/** Why a member leaves whatever the plan: the term ends first, or the secretariat says so; or stays. */
export type MemberFixed = 'term_ends' | 'must_leave' | 'must_stay' | null;

export interface RotationMember {
  id: string;
  attributes: Readonly<Record<string, string>>;
  fixed: MemberFixed;
  /** Members of one profile leave longest-serving first. */
  startsOn: string;
}

export interface RotationCandidate {
  id: string;
  attributes: Readonly<Record<string, string>>;
}

export interface RotationInput {
  members: readonly RotationMember[];
  candidates: readonly RotationCandidate[];
  targets: readonly BalanceTarget[];
  /** Members with a vote after the rotation. */
  seats: number;
  /** How many members leave (those whose term ends included). */
  leave: { min: number; max: number };
}

/** Members or candidates alike on every targeted dimension: the planner counts them, not who they are. */
export interface Profile {
  /** Per targeted dimension, the targeted value held, or null for any other. */
  key: (string | null)[];
  ids: string[];
}

/**
 * The integer programme's data. Members and candidates of one profile are
 * interchangeable for every target, so the programme has one integer per
 * profile (how many of its free members stay, how many of its candidates
 * join) instead of one binary per person: the same optimum, far fewer
 * variables and none of the symmetry that slows branch and bound.
 */
export interface RotationModel {
  input: RotationInput;
  dims: string[];
  memberProfiles: Profile[];
  candidateProfiles: Profile[];
  /** Per target, the members who stay whatever the plan and count for it. */
  fixedCount: number[];
  fixedStayers: number;
  /** Members who leave whatever the plan (term ends, must leave). */
  forcedOut: number;
  free: number;
  /** Bounds on how many free members stay, from `leave`. */
  stayMin: number;
  stayMax: number;
}

export const valueOf = (attributes: Readonly<Record<string, string>>, dimension: string): string => {
  const v = Object.hasOwn(attributes, dimension) ? attributes[dimension] : undefined;
  return v === undefined || v === null || v === '' ? UNSPECIFIED : v;
};

export function buildModel(input: RotationInput): RotationModel {
  const dims = [...new Set(input.targets.map((t) => t.dimension))].sort();
  const targeted = dims.map((d) => new Set(input.targets.filter((t) => t.dimension === d).map((t) => t.value)));
  const keyOf = (attributes: Readonly<Record<string, string>>) =>
    dims.map((d, i) => {
      const v = valueOf(attributes, d);
      return targeted[i].has(v) ? v : null;
    });
  const group = (items: { id: string; attributes: Readonly<Record<string, string>> }[]): Profile[] => {
    const byKey = new Map<string, Profile>();
    for (const item of items) {
      const key = keyOf(item.attributes);
      const k = JSON.stringify(key);
      const p = byKey.get(k) ?? { key, ids: [] };
      p.ids.push(item.id);
      byKey.set(k, p);
    }
    return [...byKey.values()];
  };
  const freeMembers = input.members.filter((m) => m.fixed === null).sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : 1));
  const stayers = input.members.filter((m) => m.fixed === 'must_stay');
  const forcedOut = input.members.length - freeMembers.length - stayers.length;
  const fixedCount = input.targets.map((t) => stayers.filter((m) => valueOf(m.attributes, t.dimension) === t.value).length);
  const free = freeMembers.length;
  // Leavers = forcedOut + (free - stay); those forced leave even past leave.max.
  const maxLeave = Math.max(input.leave.max, forcedOut);
  return {
    input,
    dims,
    memberProfiles: group(freeMembers),
    candidateProfiles: group([...input.candidates]),
    fixedCount,
    fixedStayers: stayers.length,
    forcedOut,
    free,
    stayMin: Math.max(0, forcedOut + free - maxLeave),
    stayMax: Math.min(free, forcedOut + free - input.leave.min),
  };
}

/** Whether a profile counts for a target. */
const matches = (model: RotationModel, key: (string | null)[], t: BalanceTarget) => key[model.dims.indexOf(t.dimension)] === t.value;

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));
const sum = (terms: [number, string][]) => {
  const parts = terms.filter(([c]) => c !== 0).map(([c, v], i) => `${c < 0 ? '- ' : i === 0 ? '' : '+ '}${Math.abs(c) === 1 ? '' : `${num(Math.abs(c))} `}${v}`);
  return parts.length ? parts.join(' ') : '0 zero';
};

export type RotationObjective =
  | { kind: 'deviation' }
  | { kind: 'changes' }
  /** Maximise the weighted number of joiners per candidate profile (the lottery's pricing). */
  | { kind: 'weights'; weights: number[] }
  /** Maximise how many of the flagged candidate profiles get at least one joiner. */
  | { kind: 'cover'; flagged: boolean[] };

/**
 * The programme in CPLEX LP format. Variables: `s<i>` free members of member
 * profile i who stay, `j<k>` candidates of profile k who join, `u<t>` and
 * `o<t>` the shortfall under and the excess over target t. Constraints: the
 * seats are filled, the leavers within `leave`, and each target's count after
 * the rotation within [min - u, max + o]. `maxDeviation` and `maxChanges` fix
 * an earlier stage's optimum.
 */
export function rotationLp(model: RotationModel, objective: RotationObjective, fix: { maxDeviation?: number; maxChanges?: number } = {}): string {
  if (objective.kind === 'weights') return weightedLp(model, objective.weights, fix);
  return buildRotationLp(model, objective, fix);
}

const weightedBodies = new WeakMap<RotationModel, Map<string, string>>();

/** The pricing programme, asked many times with other weights: everything but the objective is built once per model and fix. */
function weightedLp(model: RotationModel, weights: readonly number[], fix: { maxDeviation?: number; maxChanges?: number }): string {
  const byFix = weightedBodies.get(model) ?? new Map<string, string>();
  weightedBodies.set(model, byFix);
  const key = JSON.stringify(fix);
  let body = byFix.get(key);
  if (body === undefined) {
    const full = buildRotationLp(model, { kind: 'weights', weights: [] }, fix);
    body = full.slice(full.indexOf('\nSubject To'));
    byFix.set(key, body);
  }
  return `Maximize\n obj: ${sum(model.candidateProfiles.map((_p, k) => [weights[k] ?? 0, `j${k}`]))} + 0 zero${body}`;
}

function buildRotationLp(model: RotationModel, objective: RotationObjective, fix: { maxDeviation?: number; maxChanges?: number }): string {
  const { input, memberProfiles: mp, candidateProfiles: cp } = model;
  // The objective and its fix weigh each unit outside a target by the target's weight.
  const dev: [number, string][] = input.targets.flatMap((t, i) => [
    [weightOf(t), `u${i}`],
    [weightOf(t), `o${i}`],
  ]);
  const stay: [number, string][] = mp.map((_p, i) => [1, `s${i}`]);
  const join: [number, string][] = cp.map((_p, k) => [1, `j${k}`]);
  const lines: string[] = [];
  // `zero` (fixed at 0) keeps every expression non-empty.
  if (objective.kind === 'deviation') lines.push('Minimize', ` obj: ${sum(dev)} + 0 zero`);
  else if (objective.kind === 'changes') lines.push('Minimize', ` obj: ${sum([...stay.map(([, v]) => [-1, v] as [number, string]), ...join])} + 0 zero`);
  else if (objective.kind === 'weights') lines.push('Maximize', ` obj: ${sum(cp.map((_p, k) => [objective.weights[k] ?? 0, `j${k}`]))} + 0 zero`);
  else lines.push('Maximize', ` obj: ${sum(cp.flatMap((_p, k) => (objective.flagged[k] ? [[1, `b${k}`] as [number, string]] : [])))} + 0 zero`);
  lines.push('Subject To');
  lines.push(` seats: ${sum([...stay, ...join])} = ${input.seats - model.fixedStayers}`);
  lines.push(` stay_lo: ${sum(stay)} >= ${model.stayMin}`);
  lines.push(` stay_hi: ${sum(stay)} <= ${model.stayMax}`);
  input.targets.forEach((t, i) => {
    const count: [number, string][] = [
      ...mp.flatMap((p, m) => (matches(model, p.key, t) ? [[1, `s${m}`] as [number, string]] : [])),
      ...cp.flatMap((p, k) => (matches(model, p.key, t) ? [[1, `j${k}`] as [number, string]] : [])),
    ];
    if (t.min !== null) lines.push(` t${i}_min: ${sum([...count, [1, `u${i}`]])} >= ${t.min - model.fixedCount[i]}`);
    if (t.max !== null) lines.push(` t${i}_max: ${sum([...count, [-1, `o${i}`]])} <= ${t.max - model.fixedCount[i]}`);
  });
  if (fix.maxDeviation !== undefined) lines.push(` fix_dev: ${sum(dev)} <= ${fix.maxDeviation}`);
  if (fix.maxChanges !== undefined) {
    // changes = forcedOut + (free - Σs) + Σj
    lines.push(` fix_changes: ${sum([...stay.map(([, v]) => [-1, v] as [number, string]), ...join])} <= ${fix.maxChanges - model.forcedOut - model.free}`);
  }
  if (objective.kind === 'cover') cp.forEach((_p, k) => objective.flagged[k] && lines.push(` cover${k}: b${k} - j${k} <= 0`));
  lines.push('Bounds', ' 0 <= zero <= 0');
  mp.forEach((p, i) => lines.push(` 0 <= s${i} <= ${p.ids.length}`));
  cp.forEach((p, k) => lines.push(` 0 <= j${k} <= ${p.ids.length}`));
  input.targets.forEach((_t, i) => lines.push(` u${i} >= 0`, ` o${i} >= 0`));
  const ints = [...mp.map((_p, i) => `s${i}`), ...cp.map((_p, k) => `j${k}`)];
  if (ints.length) lines.push('General', ` ${ints.join(' ')}`);
  if (objective.kind === 'cover') {
    const bins = cp.flatMap((_p, k) => (objective.flagged[k] ? [`b${k}`] : []));
    if (bins.length) lines.push('Binary', ` ${bins.join(' ')}`);
  }
  lines.push('End');
  return lines.join('\n');
}

/** A plan in profile counts: free members staying per member profile, joiners per candidate profile. */
export interface ProfilePlan {
  stay: number[];
  join: number[];
}

export const profilePlanOf = (model: RotationModel, values: Record<string, number>): ProfilePlan => ({
  stay: model.memberProfiles.map((_p, i) => Math.round(values[`s${i}`] || 0)),
  join: model.candidateProfiles.map((_p, k) => Math.round(values[`j${k}`] || 0)),
});

/** Counts after the rotation for each target, its deviation (and weighted), and the changes (leavers and joiners). */
export function evaluate(model: RotationModel, plan: ProfilePlan): { counts: number[]; deviation: number; weighted: number; changes: number } {
  const counts = model.input.targets.map((t, i) => {
    let c = model.fixedCount[i];
    model.memberProfiles.forEach((p, m) => matches(model, p.key, t) && (c += plan.stay[m]));
    model.candidateProfiles.forEach((p, k) => matches(model, p.key, t) && (c += plan.join[k]));
    return c;
  });
  const deviation = model.input.targets.reduce((acc, t, i) => acc + distanceOutside(counts[i], t.min, t.max), 0);
  const weighted = model.input.targets.reduce((acc, t, i) => acc + weightedDistance(t, counts[i]), 0);
  const stayed = plan.stay.reduce((a, b) => a + b, 0);
  const joined = plan.join.reduce((a, b) => a + b, 0);
  return { counts, deviation, weighted, changes: model.forcedOut + (model.free - stayed) + joined };
}

/** Who leaves and who joins: in each profile the longest-serving members leave, and the candidates `pick` chooses join. */
export function peopleOf(
  model: RotationModel,
  plan: ProfilePlan,
  pick: (ids: string[], n: number, profile: number) => string[] = (ids, n) => ids.slice(0, n),
): { leaving: { id: string; reason: 'term_ends' | 'must_leave' | 'rebalance' }[]; joining: string[] } {
  const leaving: { id: string; reason: 'term_ends' | 'must_leave' | 'rebalance' }[] = model.input.members
    .filter((m) => m.fixed === 'term_ends' || m.fixed === 'must_leave')
    .map((m) => ({ id: m.id, reason: m.fixed as 'term_ends' | 'must_leave' }));
  model.memberProfiles.forEach((p, i) => p.ids.slice(0, p.ids.length - plan.stay[i]).forEach((id) => leaving.push({ id, reason: 'rebalance' })));
  const joining = model.candidateProfiles.flatMap((p, k) => pick(p.ids, plan.join[k], k));
  return { leaving, joining };
}

/**
 * Local search among plans as good as a given one: moves a joiner from one
 * candidate profile to another of higher price while the deviation stays
 * within `maxDeviation` (weighted; seats and changes stay as they are), best move
 * first, until none helps. With `spread`, a profile that receives a joiner
 * takes no second one and gives none away (to reach as many profiles as
 * possible). The lottery tries this before asking the solver for a plan.
 */
export function swapTowards(model: RotationModel, plan: ProfilePlan, prices: readonly number[], maxDeviation: number, spread = false): ProfilePlan {
  const targets = model.input.targets;
  const price = [...prices];
  const hits = candidateHits(model);
  const counts = [...evaluate(model, plan).counts];
  const dist = (i: number, c: number) => weightedDistance(targets[i], c);
  let dev = counts.reduce((acc, c, i) => acc + dist(i, c), 0);
  // What one more, or one fewer, member counted by a target would add to the deviation.
  const addCost = new Float64Array(targets.length);
  const removeCost = new Float64Array(targets.length);
  const refresh = (i: number) => {
    addCost[i] = dist(i, counts[i] + 1) - dist(i, counts[i]);
    removeCost[i] = dist(i, counts[i] - 1) - dist(i, counts[i]);
  };
  targets.forEach((_t, i) => refresh(i));
  const join = [...plan.join];
  const locked = new Set<number>();
  const order = price.map((_p, k) => k).sort((a, b) => price[b] - price[a]);
  // First improvement: each profile in the plan hands its joiners, one by one, to the dearest profile that takes one.
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (let k0 = 0; k0 < join.length; k0++) {
      while (join[k0] > 0 && !locked.has(k0)) {
        let to = -1;
        let newDev = dev;
        for (const k of order) {
          if (price[k] - price[k0] <= 1e-12) break;
          if (join[k] >= model.candidateProfiles[k].ids.length) continue;
          let d = dev;
          for (const i of hits[k]) if (!hits[k0].includes(i)) d += addCost[i];
          for (const i of hits[k0]) if (!hits[k].includes(i)) d += removeCost[i];
          if (d <= maxDeviation) {
            [to, newDev] = [k, d];
            break;
          }
        }
        if (to < 0) break;
        join[k0]--;
        join[to]++;
        for (const i of hits[to]) counts[i]++;
        for (const i of hits[k0]) counts[i]--;
        for (const i of hits[to]) refresh(i);
        for (const i of hits[k0]) refresh(i);
        dev = newDev;
        changed = true;
        if (spread) {
          price[to] = 0;
          locked.add(to);
          order.splice(order.indexOf(to), 1);
          order.push(to);
        }
      }
    }
  }
  return { stay: [...plan.stay], join };
}

const hitsCache = new WeakMap<RotationModel, number[][]>();

/** For each candidate profile, the targets it counts for (computed once per model). */
function candidateHits(model: RotationModel): number[][] {
  let hits = hitsCache.get(model);
  if (!hits) {
    hits = model.candidateProfiles.map((p) => model.input.targets.flatMap((t, i) => (matches(model, p.key, t) ? [i] : [])));
    hitsCache.set(model, hits);
  }
  return hits;
}
