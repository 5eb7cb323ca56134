/**
 * Progress rolled up per responsible agency and per reform package, as
 * Decidim's accountability module does for results: each stage stands for a
 * share of the way (its "status progress"), an item's own progress figure
 * overrides it, an item in force counts 100, and a group's progress is the
 * weighted mean of its items' (cancelled items left out: they will never be
 * in force, and they do not hold the rest back). Beside it, the plainer
 * figure: the share of the group's items that are in force.
 */

export const STAGES = ['planned', 'drafting', 'submitted', 'first_reading', 'adopted', 'signed', 'in_force'] as const;
export type PlanStage = (typeof STAGES)[number] | 'cancelled';
export const ALL_STAGES: readonly PlanStage[] = [...STAGES, 'cancelled'];

/** How far along each stage is, when an item gives no progress figure of its own. */
export const STAGE_PROGRESS: Record<PlanStage, number> = { planned: 0, drafting: 15, submitted: 30, first_reading: 50, adopted: 70, signed: 85, in_force: 100, cancelled: 0 };

export interface RollupItem {
  stage: PlanStage;
  progress: number | null;
  overdue: boolean;
  /** How much the item counts in its group's progress (Decidim's `weight`); 1 when not given. */
  weight?: number;
}

export interface Rollup {
  /** Every item, cancelled ones included. */
  items: number;
  cancelled: number;
  inForce: number;
  overdue: number;
  /** in force ÷ items not cancelled, 0..1; null when every item is cancelled (or none). */
  shareInForce: number | null;
  /** The weighted mean progress of the items not cancelled, 0..100; null when none. */
  progress: number | null;
  byStage: Record<PlanStage, number>;
}

/** One item's progress: 100 in force, else its own figure, else its stage's. */
export function itemProgress(i: RollupItem): number {
  if (i.stage === 'in_force') return 100;
  const own = i.progress ?? STAGE_PROGRESS[i.stage];
  return Math.min(100, Math.max(0, own));
}

const weightOf = (i: RollupItem) => (i.weight === undefined ? 1 : Math.max(0, i.weight));

export function rollup(items: readonly RollupItem[]): Rollup {
  const byStage = Object.fromEntries(ALL_STAGES.map((s) => [s, 0])) as Record<PlanStage, number>;
  let cancelled = 0;
  let inForce = 0;
  let overdue = 0;
  let live = 0;
  let weight = 0;
  let weighted = 0;
  for (const i of items) {
    byStage[i.stage] += 1;
    if (i.overdue) overdue += 1;
    if (i.stage === 'cancelled') {
      cancelled += 1;
      continue;
    }
    live += 1;
    if (i.stage === 'in_force') inForce += 1;
    weight += weightOf(i);
    weighted += weightOf(i) * itemProgress(i);
  }
  return {
    items: items.length,
    cancelled,
    inForce,
    overdue,
    shareInForce: live ? inForce / live : null,
    progress: weight > 0 ? weighted / weight : live ? 0 : null,
    byStage,
  };
}

/** The rollup of each group (agency, reform package: `key` says which; null for items in none), groups in first-seen order. */
export function rollupBy<T extends RollupItem>(items: readonly T[], key: (i: T) => string | null): Map<string | null, Rollup> {
  const groups = new Map<string | null, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  }
  return new Map([...groups].map(([k, list]) => [k, rollup(list)]));
}

/** Overdue items first, then by due date, then by title: what needs attention stands at the top. */
export function overdueFirst<T extends { overdue: boolean; dueOn: string; title: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
}

/** The stages an item may move to from `from`: forward (skipping allowed) or cancelled; none after in force or cancelled. */
export function nextStages(from: PlanStage): PlanStage[] {
  if (from === 'in_force' || from === 'cancelled') return [];
  return [...STAGES.slice(STAGES.indexOf(from) + 1), 'cancelled'];
}
