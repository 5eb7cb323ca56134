import { Injectable } from '@nestjs/common';
import { Choice, consultationUrgency, dateOf, mayJoinMinority, minorityWindowEnd, queuesToKeep } from '@kenes/core';
import { AuthUser, invalidField } from '@kenes/common';
import { AgendaDto, AgendaQueryDto } from './agenda.dto';
import { AgendaRepository } from './agenda.repository';

const DAY_MS = 24 * 3_600_000;

/** GET /me/agenda: what needs the caller now. Reads only the caller's own memberships, so it needs no object check. */
@Injectable()
export class AgendaService {
  constructor(private readonly repo: AgendaRepository) {}

  async agenda(user: AuthUser, q: AgendaQueryDto): Promise<AgendaDto> {
    const now = new Date();
    const today = dateOf(now);
    const from = q.from ? new Date(q.from) : new Date(`${today}T00:00:00Z`);
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + DAY_MS);
    if (to.getTime() <= from.getTime()) throw invalidField('to', 'must come after from');
    if (to.getTime() - from.getTime() > 7 * DAY_MS) throw invalidField('to', 'must lie within 7 days of from');
    const [polls, consultations, sittings, minority, moderation, acknowledgements] = await Promise.all([
      this.repo.openPolls(user.id),
      this.repo.dueConsultations(user.id, today),
      this.repo.sittings(user.id, today, from, to),
      this.repo.minorityCandidates(user.id),
      this.repo.moderationQueues(user.id, today),
      this.repo.acknowledgementQueues(user.id, today),
    ]);
    const queue = <T extends { roles: string[]; waiting: number; oldest_at: Date }>(rows: T[]) =>
      queuesToKeep(rows.map((r) => ({ ...r, oldestAt: r.oldest_at })));
    return {
      at: now.toISOString(),
      polls: polls.map((p) => ({
        pollId: p.id,
        councilId: p.council_id,
        question: p.question,
        proposalId: p.proposal_id,
        sessionId: p.session_id,
        workingGroupId: p.working_group_id,
        secret: p.secret,
        openedAt: p.opened_at ? p.opened_at.toISOString() : null,
        voted: p.voted,
      })),
      consultations: consultations.map((c) => ({
        consultationId: c.id,
        councilId: c.council_id,
        agencyId: c.agency_id,
        proposalId: c.proposal_id,
        proposalTitle: c.proposal_title,
        question: c.question,
        dueAt: c.due_at.toISOString(),
        urgency: consultationUrgency(c.due_at, now),
      })),
      sittings: sittings.map((s) => ({ sessionId: s.id, councilId: s.council_id, title: s.title, kind: s.kind, scheduledAt: s.scheduled_at.toISOString(), state: s.state })),
      minorityOpinions: minority
        .map((p) => ({ p, until: minorityWindowEnd(p.closed_at, p.window_hours) }))
        .filter(({ p, until }) => mayJoinMinority({ outcome: p.outcome, windowEnd: until, secret: p.secret, tookPart: p.took_part, choice: p.my_choice as Choice | null, filed: p.filed, opinions: p.opinions }, now) !== false)
        .map(({ p, until }) => ({
          pollId: p.id,
          councilId: p.council_id,
          question: p.question,
          proposalId: p.proposal_id,
          secret: p.secret,
          outcome: p.outcome,
          myChoice: p.secret ? null : p.my_choice,
          closedAt: p.closed_at.toISOString(),
          until: until.toISOString(),
          opinions: p.opinions,
          filed: p.filed,
        })),
      petitionModeration: queue(moderation).map((r) => ({ councilId: r.council_id, waiting: r.waiting, oldestAt: r.oldestAt.toISOString() })),
      acknowledgements: queue(acknowledgements).map((r) => ({
        pollId: r.poll_id,
        councilId: r.council_id,
        question: r.question,
        proposalId: r.proposal_id,
        waiting: r.waiting,
        oldestAt: r.oldestAt.toISOString(),
      })),
    };
  }
}
