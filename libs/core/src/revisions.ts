import { IsoDate } from './dates';
import { Term } from './terms';

/** A membership's roles and attributes from `effectiveOn` onwards. */
export interface Revision<R = string> {
  effectiveOn: IsoDate;
  roles: readonly R[];
  attributes: Readonly<Record<string, string>>;
}

export type RevisionProblem = 'before_start' | 'after_end' | 'before_earlier_change';

/**
 * Why a change of roles or attributes taking effect on `effectiveOn` is
 * refused, or null: not before the term starts, not after it ends, and not in
 * the past of an earlier change (a change on the same day replaces it).
 */
export function revisionProblem(term: Term, latestChange: IsoDate | null, effectiveOn: IsoDate): RevisionProblem | null {
  if (effectiveOn < term.startsOn) return 'before_start';
  if (term.endsOn !== null && effectiveOn > term.endsOn) return 'after_end';
  if (latestChange !== null && effectiveOn < latestChange) return 'before_earlier_change';
  return null;
}

/** The revision in force on `at`: the latest that took effect on or before it (null before the first). */
export function revisionAt<R>(revisions: readonly Revision<R>[], at: IsoDate): Revision<R> | null {
  let found: Revision<R> | null = null;
  for (const r of revisions) if (r.effectiveOn <= at && (found === null || r.effectiveOn > found.effectiveOn)) found = r;
  return found;
}
