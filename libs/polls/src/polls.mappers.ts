import { Choice, explain, Lang } from '@kenes/core';
import { PollDto, TallyDto } from './dto/poll.dto';
import { PollEntity, StoredTally } from './entities/poll.entity';

export const toTallyDto = (t: StoredTally, lang: Lang): TallyDto => ({
  counts: t.counts,
  base: t.base,
  baseSize: t.baseSize,
  forNeeded: t.forNeeded,
  quorumNeeded: t.quorumNeeded,
  quorumReached: t.quorumReached,
  participation: t.participation,
  eligible: t.eligible,
  outcome: t.outcome,
  castingDecision: t.castingDecision,
  represented: t.represented ?? 0,
  explanation: explain(t.facts, lang),
});

/** What a poll's answer adds to the row: its live counts while open, and its council's minority window. */
export interface PollExtras {
  /** While open: named → counts and their sum; secret → participation only. Ignored otherwise. */
  live: { participation: number; counts: Record<Choice, number> | null } | null;
  /** The council's minority-opinion window, needed once the poll is closed. */
  minorityOpinionWindowHours: number | null;
}

/** A poll as GET /polls/:id shows it, without its ballots (the caller adds those where it inlines them). */
export function toPollDto(p: PollEntity, extras: PollExtras, lang: Lang): Omit<PollDto, 'ballots'> {
  let participation: number | null = null;
  let counts: Record<Choice, number> | null = null;
  if (p.status === 'open' && extras.live) ({ participation, counts } = extras.live);
  if (p.status === 'closed' && p.tally) ({ participation, counts } = { participation: p.tally.participation, counts: p.tally.counts });
  const windowHours = p.status === 'closed' ? extras.minorityOpinionWindowHours : null;
  return {
    id: p.id,
    councilId: p.councilId,
    workingGroupId: p.workingGroupId,
    sessionId: p.sessionId,
    proposalId: p.proposalId,
    question: p.question,
    secret: p.secret,
    rule: p.rule as unknown as Record<string, unknown>,
    status: p.status,
    eligibleCount: p.eligibleCount,
    participation,
    counts,
    tally: p.tally ? toTallyDto(p.tally, lang) : null,
    minorityOpinionsUntil: p.closedAt && windowHours !== null ? new Date(p.closedAt.getTime() + windowHours * 3_600_000).toISOString() : null,
    openedAt: p.openedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The facts of a `poll_closed` trace line (the trace's summary is the English explanation). */
export const pollClosedData = (question: string, t: StoredTally) => ({ question, outcome: t.outcome, castingDecision: t.castingDecision ?? null, counts: { ...t.counts } });
