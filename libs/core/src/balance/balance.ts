import { Composition } from '../composition';
import { IsoDate } from '../dates';

/** The least and most members with a vote that a dimension value should have (either may be open). */
export interface BalanceTarget {
  dimension: string;
  value: string;
  min: number | null;
  max: number | null;
  /** How much a unit outside this target weighs in the planner's objective (default 1); the reported deviation is unweighted. */
  weight?: number;
}

/** A target's weight in the planner's objective. */
export const weightOf = (t: BalanceTarget): number => t.weight ?? 1;

/** A target's weighted distance at a count. */
export const weightedDistance = (t: BalanceTarget, count: number): number => weightOf(t) * distanceOutside(count, t.min, t.max);

export type TargetStatus = 'met' | 'under' | 'over';

export interface ValueBalance {
  count: number;
  min: number | null;
  max: number | null;
  status: TargetStatus;
}

export interface Balance {
  at: IsoDate;
  total: number;
  seats: number | null;
  deviation: number;
  dimensions: Record<string, Record<string, ValueBalance>>;
}

/** How far a count lies outside [min, max] (0 inside; an open bound never binds). */
export function distanceOutside(count: number, min: number | null, max: number | null): number {
  if (min !== null && count < min) return min - count;
  if (max !== null && count > max) return count - max;
  return 0;
}

export function statusOf(count: number, min: number | null, max: number | null): TargetStatus {
  if (min !== null && count < min) return 'under';
  if (max !== null && count > max) return 'over';
  return 'met';
}

/** Why a set of targets is refused, field by field (a target outside the council's dimensions, min above max, a repeat). */
export function targetProblems(targets: readonly BalanceTarget[], dimensions: readonly string[]): { index: number; field: string; message: string }[] {
  const problems: { index: number; field: string; message: string }[] = [];
  const seen = new Set<string>();
  targets.forEach((t, index) => {
    if (!dimensions.includes(t.dimension)) {
      problems.push({ index, field: 'dimension', message: `${t.dimension} is not a balance dimension of this council (${dimensions.join(', ') || 'none'})` });
    }
    if (t.min !== null && t.max !== null && t.min > t.max) problems.push({ index, field: 'min', message: 'must not be above max' });
    if (t.min === null && t.max === null) problems.push({ index, field: 'min', message: 'a target needs min or max' });
    if (t.weight !== undefined && !(Number.isInteger(t.weight) && t.weight >= 1 && t.weight <= 1000)) {
      problems.push({ index, field: 'weight', message: 'must be a whole number from 1 to 1000' });
    }
    const key = JSON.stringify([t.dimension, t.value]);
    if (seen.has(key)) problems.push({ index, field: 'value', message: `${t.dimension} = ${t.value} is targeted twice` });
    seen.add(key);
  });
  return problems;
}

/**
 * The balance of a composition against targets: every value counted or
 * targeted, with its status, and the deviation (the sum over targeted values
 * of how far the count lies outside its bounds).
 */
export function balanceOf(composition: Composition, targets: readonly BalanceTarget[], seats: number | null): Balance {
  const dims = new Map<string, Map<string, ValueBalance>>();
  for (const [d, byValue] of Object.entries(composition.dimensions)) {
    dims.set(d, new Map(Object.entries(byValue).map(([v, count]) => [v, { count, min: null, max: null, status: 'met' as TargetStatus }])));
  }
  let deviation = 0;
  for (const t of targets) {
    if (!dims.has(t.dimension)) dims.set(t.dimension, new Map());
    const byValue = dims.get(t.dimension) as Map<string, ValueBalance>;
    const count = byValue.get(t.value)?.count ?? 0;
    byValue.set(t.value, { count, min: t.min, max: t.max, status: statusOf(count, t.min, t.max) });
    deviation += distanceOutside(count, t.min, t.max);
  }
  const dimensions = Object.fromEntries([...dims].map(([d, byValue]) => [d, Object.fromEntries(byValue)]));
  return { at: composition.at, total: composition.total, seats, deviation, dimensions };
}

/** The dates of a balance history: `from`, then every month or quarter after it, up to `to` (inclusive). */
export function historyDates(from: IsoDate, to: IsoDate, step: 'month' | 'quarter', limit: number): IsoDate[] {
  const months = step === 'month' ? 1 : 3;
  const [y, m, d] = from.split('-').map(Number);
  const out: IsoDate[] = [];
  for (let i = 0; out.length < limit; i++) {
    const total = m - 1 + i * months;
    const year = y + Math.floor(total / 12);
    const month = (total % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
    if (date > to) break;
    out.push(date);
  }
  return out;
}

/** The same day `n` months earlier (the last day of a shorter month). */
export function monthsBefore(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
