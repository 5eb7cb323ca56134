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
 * ("perhaps") when the voter took part, false when they did not. A voter who
 * filed an opinion has nothing left to do unless another opinion is there to co-sign.
 */
export function mayJoinMinority(
  p: { outcome: Outcome; windowEnd: Date; secret: boolean; tookPart: boolean; choice: Choice | null; filed: boolean; opinions: number },
  now: Date,
): boolean | null {
  if (now.getTime() > p.windowEnd.getTime()) return false;
  // One opinion per voter: who has filed may still co-sign, but only someone else's.
  if (p.filed && p.opinions <= 1) return false;
  if (p.outcome === 'no_quorum' || p.outcome === 'tied' || !p.tookPart) return false;
  if (p.secret) return null;
  return p.choice !== null && isMinorityChoice(p.outcome, p.choice);
}

/** The council roles that keep a council's queues: petitions to moderate, minority opinions to acknowledge. */
export const QUEUE_KEEPER_ROLES: readonly string[] = ['secretariat'];

/** Whether a membership with these roles (in force today) keeps its council's queues. */
export function keepsCouncilQueues(roles: readonly string[]): boolean {
  return roles.some((r) => QUEUE_KEEPER_ROLES.includes(r));
}

/**
 * A secretariat's queue on the start page: only the councils where the user
 * keeps the queues and something is waiting, the longest-waiting first.
 */
export function queuesToKeep<T extends { roles: readonly string[]; waiting: number; oldestAt: Date }>(rows: readonly T[]): T[] {
  return rows
    .filter((r) => r.waiting > 0 && keepsCouncilQueues(r.roles))
    .sort((a, b) => a.oldestAt.getTime() - b.oldestAt.getTime());
}
