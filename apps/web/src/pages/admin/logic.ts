import type { LiveProblem } from '@kenes/contracts';

/** A problem's field errors sorted to the form's fields (a field takes its own and its sub-fields' errors); the rest stays general. */
export function splitProblem(p: Partial<LiveProblem> | undefined, fields: readonly string[], fallback: string, placed = fallback): { byField: Record<string, string>; general: string | null } {
  if (!p) return { byField: {}, general: fallback };
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of p.errors ?? []) {
    const field = fields.find((f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`));
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${e.message}` : e.message;
    else rest.push(`${e.field}: ${e.message}`);
  }
  // Every error found its field: the alert only points at them (the detail would repeat them).
  if (Object.keys(byField).length && !rest.length) return { byField, general: placed };
  const head = p.detail || p.title || fallback;
  const unsaid = rest.filter((r) => !head.includes(r));
  return { byField, general: unsaid.length ? `${head} (${unsaid.join('; ')})` : head };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date as YYYY-MM-DD. */
export const isoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The date n days after a YYYY-MM-DD date (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return isoDate(new Date(y, m - 1, d + n));
}

/** A datetime-local value (local time) as an ISO UTC string, or null when it is not one. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A whole number typed in a field, or null. */
export function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

export type Quorum = { count: number } | { numerator: number; denominator: number } | null;

/** The plenary quorum the settings form describes, or a field problem. */
export function quorumOf(kind: 'none' | 'count' | 'fraction', count: string, numerator: string, denominator: string): { quorum: Quorum } | { field: 'plenaryQuorum.count' | 'plenaryQuorum.fraction' } {
  if (kind === 'none') return { quorum: null };
  if (kind === 'count') {
    const c = wholeNumber(count);
    return c !== null && c >= 1 ? { quorum: { count: c } } : { field: 'plenaryQuorum.count' };
  }
  const n = wholeNumber(numerator);
  const d = wholeNumber(denominator);
  return n !== null && d !== null && n >= 1 && d >= 1 && n <= d ? { quorum: { numerator: n, denominator: d } } : { field: 'plenaryQuorum.fraction' };
}

/** Whether a term covers a date (both ends inclusive). */
export const covers = (term: { startsOn: string; endsOn: string | null }, date: string): boolean => term.startsOn <= date && (term.endsOn === null || date <= term.endsOn);
