import { IsoDate } from './dates';

/** A membership's term: both ends inclusive; an open end (`null`) runs indefinitely. */
export interface Term {
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export function termIsValid(term: Term): boolean {
  return term.endsOn === null || term.endsOn >= term.startsOn;
}

/** Whether the term covers the given date (ends inclusive). */
export function termCovers(term: Term, at: IsoDate): boolean {
  return term.startsOn <= at && (term.endsOn === null || at <= term.endsOn);
}

/** Whether two terms share at least one day. */
export function termsOverlap(a: Term, b: Term): boolean {
  const aEndsBeforeB = a.endsOn !== null && a.endsOn < b.startsOn;
  const bEndsBeforeA = b.endsOn !== null && b.endsOn < a.startsOn;
  return !aEndsBeforeB && !bEndsBeforeA;
}

export type TermChangeProblem = 'term_ended' | 'ends_before_start';

/**
 * Why a change to a term's end is refused, or null when allowed. History is
 * never rewritten: a term that has already ended stays as it is, and an end
 * may not be set before the start.
 */
export function termChangeProblem(current: Term, nextEndsOn: IsoDate | null, today: IsoDate): TermChangeProblem | null {
  if (current.endsOn !== null && current.endsOn < today) return 'term_ended';
  if (nextEndsOn !== null && nextEndsOn < current.startsOn) return 'ends_before_start';
  return null;
}
