import { distanceOutside, weightedDistance } from './balance';
import { RotationInput, valueOf } from './rotation-model';

/** One plan of the brute force: who of the free members leave, who joins. */
export interface BrutePlan {
  leaving: string[];
  joining: string[];
  deviation: number;
  weighted: number;
  changes: number;
  counts: number[];
}

const subsets = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) out.push(items.filter((_x, i) => (mask >> i) & 1));
  return out;
};

/**
 * Every plan of a small instance, person by person (no profiles): which free
 * members leave, which candidates join, such that the seats are filled and
 * the leavers lie within `leave` (forced leavers leave even past its max).
 * For tests of the planner: exponential, keep instances to a dozen people.
 */
export function allPlans(input: RotationInput): BrutePlan[] {
  const free = input.members.filter((m) => m.fixed === null);
  const staying = input.members.filter((m) => m.fixed === 'must_stay');
  const forcedOut = input.members.length - free.length - staying.length;
  const maxLeave = Math.max(input.leave.max, forcedOut);
  const plans: BrutePlan[] = [];
  for (const leavers of subsets(free)) {
    const left = forcedOut + leavers.length;
    if (left < input.leave.min || left > maxLeave) continue;
    const stay = [...staying, ...free.filter((m) => !leavers.includes(m))];
    const need = input.seats - stay.length;
    if (need < 0 || need > input.candidates.length) continue;
    for (const joiners of subsets(input.candidates)) {
      if (joiners.length !== need) continue;
      const after = [...stay.map((m) => m.attributes), ...joiners.map((c) => c.attributes)];
      const counts = input.targets.map((t) => after.filter((a) => valueOf(a, t.dimension) === t.value).length);
      const deviation = input.targets.reduce((acc, t, i) => acc + distanceOutside(counts[i], t.min, t.max), 0);
      const weighted = input.targets.reduce((acc, t, i) => acc + weightedDistance(t, counts[i]), 0);
      plans.push({ leaving: leavers.map((m) => m.id), joining: joiners.map((c) => c.id), deviation, weighted, changes: left + joiners.length, counts });
    }
  }
  return plans;
}

/** The best plans: least weighted deviation, then fewest changes. */
export function bestPlans(input: RotationInput): BrutePlan[] {
  const plans = allPlans(input);
  if (!plans.length) return [];
  const d = Math.min(...plans.map((p) => p.weighted));
  const c = Math.min(...plans.filter((p) => p.weighted === d).map((p) => p.changes));
  return plans.filter((p) => p.weighted === d && p.changes === c);
}
