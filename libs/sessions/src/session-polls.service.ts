import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Lang, ruleProblems } from '@kenes/core';
import { AuthUser, conflict, invalid, notFound } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CreatePollDto, PollDto, PollsRepository, PollsService, SessionPollDto } from '@kenes/polls';
import { SessionAccessService } from './session-access.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsError } from './sessions.errors';

/** A sitting's polls: the moderator puts a question to it; its snapshot lists those opened. The polls themselves are PollsService's. */
@Injectable()
export class SessionPollsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionAccess: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly polls: PollsService,
    private readonly pollsRepo: PollsRepository,
  ) {}

  /** POST /sessions/:id/polls: the moderator puts a question to the sitting. */
  async createPoll(user: AuthUser, sessionId: string, dto: CreatePollDto, lang: Lang = 'en'): Promise<PollDto> {
    // API.md's order: an impossible rule is a malformed body (400, revealing nothing) before reach (404), role (403) and state (409).
    const problems = ruleProblems(dto.rule, { kind: 'session', secret: dto.secret });
    if (problems.length) throw invalid(problems);
    const sc = await this.sessionAccess.reach(user, sessionId);
    this.sessionAccess.require(sc, 'session.run');
    const poll = await this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, sessionId);
      if (!s) throw notFound('Session');
      if (s.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed.');
      return this.polls.createSessionPollInTx(tx, user, { councilId: s.councilId, sessionId: s.id, electorateGroupId: s.workingGroupId }, dto);
    });
    return this.polls.view(poll, lang);
  }

  /** A session's opened polls as its snapshot shows them: live counts (participation only when secret), or the tally. */
  async ofSnapshot(sessionId: string, lang: Lang, em?: EntityManager): Promise<SessionPollDto[]> {
    const polls = await this.pollsRepo.openedPollsOfSession(sessionId, em);
    return Promise.all(
      polls.map(async (p) => {
        const live = p.status === 'open' ? await this.polls.liveCounts(p) : { participation: p.tally?.participation ?? null, counts: p.tally?.counts ?? null };
        return {
          id: p.id,
          question: p.question,
          secret: p.secret,
          status: p.status,
          proposalId: p.proposalId ?? null,
          eligibleCount: p.eligibleCount ?? null,
          participation: live.participation,
          counts: live.counts,
          tally: p.status === 'closed' && p.tally ? this.polls.tallyDto(p.tally, lang) : null,
          openedAt: p.openedAt?.toISOString() ?? null,
          closedAt: p.closedAt?.toISOString() ?? null,
        };
      }),
    );
  }
}
