/**
 * The poll page's plain rules: who the signed-in user is for this poll, the
 * outcome in words (consent's objection and consensus's block are outcomes
 * of their own), and whether they may file or co-sign a minority opinion.
 * No React, no DOM.
 */

export type Choice = 'for' | 'against' | 'abstain' | 'block' | 'stand_aside';
export type Outcome = 'adopted' | 'rejected' | 'no_quorum' | 'tied';
export type Role = 'member' | 'agency_rep' | 'moderator' | 'chair' | 'secretariat' | 'observer';

export interface Membership {
  id: string;
  councilId: string;
  roles: Role[];
  startsOn?: string;
  endsOn?: string | null;
}

export interface GroupMember {
  membershipId: string;
  role: 'coordinator' | 'member';
  fullName: string;
}

export interface Standing {
  /** The membership that votes (role `member`), if any. */
  voterId: string | null;
  /** Whether that membership is among the poll's voters as far as the page can tell (the group's members; every member for a sitting's poll). */
  mayVote: boolean;
  /** The working group's coordinator (opens and closes a group poll). */
  coordinator: boolean;
  chair: boolean;
  /** Chair or secretariat: acknowledges minority opinions. */
  acknowledges: boolean;
}

/** What the signed-in user is for a poll of this council (and, for a group poll, of this group). */
export function standing(memberships: readonly Membership[], councilId: string, group: readonly GroupMember[] | null, today: string): Standing {
  const current = memberships.filter((m) => m.councilId === councilId && (!m.startsOn || m.startsOn <= today) && (!m.endsOn || m.endsOn >= today));
  const ids = new Set(current.map((m) => m.id));
  const voter = current.find((m) => m.roles.includes('member')) ?? null;
  const has = (r: Role) => current.some((m) => m.roles.includes(r));
  return {
    voterId: voter?.id ?? null,
    mayVote: voter !== null && (group === null || group.some((g) => g.membershipId === voter.id)),
    coordinator: group !== null && group.some((g) => g.role === 'coordinator' && ids.has(g.membershipId)),
    chair: has('chair'),
    acknowledges: has('chair') || has('secretariat'),
  };
}

export type OutcomeWords = { id: 'poll.outcome.adopted' | 'poll.outcome.rejected' | 'poll.outcome.no_quorum' | 'poll.outcome.tied' } | { id: 'poll.outcome.blocked' | 'poll.outcome.objected'; count: number };

/**
 * The outcome as the hall says it: a consensus stopped by blocks is "blocked
 * by N", a consent stopped by reasoned objections is "objected by N" (each
 * an outcome in its own right, not a plain rejection).
 */
export function outcomeWords(method: string, outcome: Outcome, counts: Record<Choice, number>): OutcomeWords {
  if (outcome === 'rejected' && method === 'consensus' && counts.block > 0) return { id: 'poll.outcome.blocked', count: counts.block };
  if (outcome === 'rejected' && method === 'consent' && counts.against > 0) return { id: 'poll.outcome.objected', count: counts.against };
  return { id: `poll.outcome.${outcome}` };
}

/** Whose ballot differs from the outcome (the core's isMinorityChoice): adopted → every choice but for; rejected → for; otherwise none. */
export function isMinorityChoice(outcome: Outcome, choice: Choice): boolean {
  if (outcome === 'adopted') return choice !== 'for';
  if (outcome === 'rejected') return choice === 'for';
  return false;
}

export type OpinionOffer =
  | { kind: 'offer' }
  | { kind: 'secretOffer' }
  | { kind: 'majority' }
  | { kind: 'notVoter' }
  | { kind: 'noMinority'; outcome: 'no_quorum' | 'tied' }
  | { kind: 'windowClosed' };

/**
 * Whether to offer the forms for filing and co-signing a minority opinion,
 * by what the API would allow: a voter in the minority of a decided poll,
 * within the window. On a named poll the page knows the member's ballot; on a
 * secret one only their receipt proves it, so the form asks for it and the
 * server decides.
 */
export function opinionOffer(o: { outcome: Outcome; secret: boolean; until: string | null; now: Date; voterId: string | null; ballots: readonly { membershipId: string; choice: Choice }[] | null }): OpinionOffer {
  if (o.outcome === 'no_quorum' || o.outcome === 'tied') return { kind: 'noMinority', outcome: o.outcome };
  if (o.until && new Date(o.until).getTime() <= o.now.getTime()) return { kind: 'windowClosed' };
  if (!o.voterId) return { kind: 'notVoter' };
  if (o.secret) return { kind: 'secretOffer' };
  const mine = o.ballots?.find((b) => b.membershipId === o.voterId);
  if (!mine) return { kind: 'notVoter' };
  return isMinorityChoice(o.outcome, mine.choice) ? { kind: 'offer' } : { kind: 'majority' };
}
