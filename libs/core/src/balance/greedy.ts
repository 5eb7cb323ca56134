import { weightedDistance } from './balance';
import { buildModel, evaluate, ProfilePlan, RotationInput, RotationModel } from './rotation-model';

/**
 * The baseline the planner is measured against: a greedy swap heuristic.
 * Forced leavers go; the empty seats are filled one by one with the candidate
 * profile that helps the deviation most; then, while leavers are still
 * allowed, the swap of one member for one candidate that lowers the deviation
 * most is made, until no swap helps. Returns the plan in profile counts.
 */
export function greedyRotation(input: RotationInput): { model: RotationModel; plan: ProfilePlan; deviation: number; weighted: number; changes: number } {
  const model = buildModel(input);
  const plan: ProfilePlan = { stay: model.memberProfiles.map((p) => p.ids.length), join: model.candidateProfiles.map(() => 0) };
  const targets = input.targets;
  const counts = [...evaluate(model, plan).counts];
  const dist = (i: number, c: number) => weightedDistance(targets[i], c);
  // Which targets each profile counts for.
  const hits = (key: (string | null)[]) => targets.flatMap((t, i) => (key[model.dims.indexOf(t.dimension)] === t.value ? [i] : []));
  const memberHits = model.memberProfiles.map((p) => hits(p.key));
  const candidateHits = model.candidateProfiles.map((p) => hits(p.key));
  // A profile counts for at most one target per dimension, so `add` and `remove` hold no repeats.
  const delta = (add: number[], remove: number[]) => {
    let d = 0;
    for (const i of add) if (!remove.includes(i)) d += dist(i, counts[i] + 1) - dist(i, counts[i]);
    for (const i of remove) if (!add.includes(i)) d += dist(i, counts[i] - 1) - dist(i, counts[i]);
    return d;
  };
  const apply = (add: number[], remove: number[]) => {
    for (const i of add) counts[i]++;
    for (const i of remove) counts[i]--;
  };
  let stayed = plan.stay.reduce((a, b) => a + b, 0);
  let leavers = model.forcedOut;
  // Too many members for the seats (or too few leavers): the members whose leaving helps most leave.
  const leaveOne = () => {
    let best = -1;
    let bestD = Infinity;
    model.memberProfiles.forEach((_p, m) => {
      if (plan.stay[m] === 0) return;
      const d = delta([], memberHits[m]);
      if (d < bestD) [best, bestD] = [m, d];
    });
    if (best < 0) return false;
    plan.stay[best]--;
    apply([], memberHits[best]);
    stayed--;
    leavers++;
    return true;
  };
  while ((model.fixedStayers + stayed > input.seats || leavers < input.leave.min) && leaveOne());
  const joinOne = () => {
    let best = -1;
    let bestD = Infinity;
    model.candidateProfiles.forEach((p, k) => {
      if (plan.join[k] >= p.ids.length) return;
      const d = delta(candidateHits[k], []);
      if (d < bestD) [best, bestD] = [k, d];
    });
    if (best < 0) return false;
    plan.join[best]++;
    apply(candidateHits[best], []);
    return true;
  };
  let joined = 0;
  while (model.fixedStayers + stayed + joined < input.seats && joinOne()) joined++;
  const maxLeave = Math.max(input.leave.max, model.forcedOut);
  while (leavers < maxLeave) {
    let bestM = -1;
    let bestK = -1;
    let bestD = 0;
    model.memberProfiles.forEach((_p, m) => {
      if (plan.stay[m] === 0) return;
      model.candidateProfiles.forEach((p, k) => {
        if (plan.join[k] >= p.ids.length) return;
        const d = delta(candidateHits[k], memberHits[m]);
        if (d < bestD) [bestM, bestK, bestD] = [m, k, d];
      });
    });
    if (bestM < 0) break;
    plan.stay[bestM]--;
    plan.join[bestK]++;
    apply(candidateHits[bestK], memberHits[bestM]);
    leavers++;
  }
  const { deviation, weighted, changes } = evaluate(model, plan);
  return { model, plan, deviation, weighted, changes };
}
