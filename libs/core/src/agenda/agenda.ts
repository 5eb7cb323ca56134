import { isMinorityChoice } from '../polls/tally';
import type { Outcome } from '../polls/tally';
import type { Choice } from '../polls/tally-rule';

/**
 * What a member's start page calls urgent: the rules behind GET /me/agenda,
 * plain functions over plain values (the repository loads, these decide).
 */

/** How long before its due time a consultation counts as "due soon". */
export const CONSULTATION_DUE_SOON_HOURS = 72;

export type ConsultationUrgency = 'open' | 'due_soon' | 'overdue';

/** An unanswered consultation: overdue once its due time has passed, due soon within 72 hours of it, else open. */
export function consultationUrgency(dueAt: Date, now: Date, soonHours = CONSULTATION_DUE_SOON_HOURS): ConsultationUrgency {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= soonHours * 3_600_000 ? 'due_soon' : 'open';
}

/** The end of a closed poll's window for minority opinions. */
export function minorityWindowEnd(closedAt: Date, windowHours: number): Date {
  return new Date(closedAt.getTime() + windowHours * 3_600_000);
}

/**
 * Whether a voter may still file or co-sign a minority opinion on a closed poll:
 * inside the window, a poll with quorum, and a ballot in the minority. `choice`
 * is the voter's ballot on a named poll; on a secret poll it is unknown to the
 * server (the voter proves it with the receipt), so the answer is `null`
 * ("perhaps") when the voter took part, false when they did not.
 */
export function mayJoinMinority(p: { outcome: Outcome; windowEnd: Date; secret: boolean; tookPart: boolean; choice: Choice | null }, now: Date): boolean | null {
  if (now.getTime() > p.windowEnd.getTime()) return false;
  if (p.outcome === 'no_quorum' || p.outcome === 'tied' || !p.tookPart) return false;
  if (p.secret) return null;
  return p.choice !== null && isMinorityChoice(p.outcome, p.choice);
}
