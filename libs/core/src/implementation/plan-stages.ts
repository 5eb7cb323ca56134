/**
 * A plan item's stages (SPEC.md, step 6): planned → drafting → submitted →
 * first_reading → adopted → signed → in_force, or cancelled. A stage moves
 * only forward (skipping is allowed: a decree has no readings) or to
 * cancelled; nothing moves after in_force or cancelled.
 */
export const PLAN_STAGES = ['planned', 'drafting', 'submitted', 'first_reading', 'adopted', 'signed', 'in_force'] as const;
export type PlanStage = (typeof PLAN_STAGES)[number] | 'cancelled';
export const ALL_PLAN_STAGES: readonly PlanStage[] = [...PLAN_STAGES, 'cancelled'];

export const DELIVERABLES = ['draft_law', 'decree', 'government_resolution', 'concept', 'other'] as const;
export type Deliverable = (typeof DELIVERABLES)[number];

export type StageMove = { ok: true } | { ok: false; reason: 'final' | 'backward' | 'same' };

/** Whether an item at `from` may move to `to`. */
export function stageMove(from: PlanStage, to: PlanStage): StageMove {
  if (from === 'in_force' || from === 'cancelled') return { ok: false, reason: 'final' };
  if (to === 'cancelled') return { ok: true };
  const a = PLAN_STAGES.indexOf(from as (typeof PLAN_STAGES)[number]);
  const b = PLAN_STAGES.indexOf(to as (typeof PLAN_STAGES)[number]);
  if (b === a) return { ok: false, reason: 'same' };
  return b > a ? { ok: true } : { ok: false, reason: 'backward' };
}

/** An item is overdue when its due date has passed and it is neither in force nor cancelled. */
export function isOverdue(item: { dueOn: string; stage: PlanStage }, today: string): boolean {
  return item.dueOn < today && item.stage !== 'in_force' && item.stage !== 'cancelled';
}

/** A proposal is implemented when it has items and every one not cancelled is in force. */
export function proposalImplemented(stages: readonly PlanStage[]): boolean {
  const live = stages.filter((s) => s !== 'cancelled');
  return live.length > 0 && live.every((s) => s === 'in_force');
}
