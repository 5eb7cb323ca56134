import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@kenes/audit';
import { conflict } from '@kenes/common';
import { PollsService } from '@kenes/polls';
import { SessionCommandsService } from './session-commands.service';
import { SessionEventsService } from './session-events.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsError } from './sessions.errors';

/**
 * What a sitting records of other libraries' domain events, each in the
 * transaction that published it: a session poll's opening and closing, a
 * minority opinion on one, and a proxy that changes who is represented.
 * (Live tallies, the handler of `ballot.cast`, are in live-tallies.ts.)
 */
@Injectable()
export class SessionEventHandlers implements OnModuleInit {
  constructor(
    private readonly domainEvents: DomainEvents,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEventsService,
    private readonly commands: SessionCommandsService,
    private readonly polls: PollsService,
  ) {}

  onModuleInit(): void {
    this.domainEvents.within('poll.opened', async (e, tx) => {
      if (!e.sessionId) return;
      // A sitting that has ended takes no new votes (the row lock also orders this against session.close).
      const s = await this.sessions.lockById(tx.em, e.sessionId);
      if (s?.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed; its polls can no longer be opened.');
      await this.events.append(tx, e.sessionId, 'poll.opened', e.actorUserId, {
        pollId: e.pollId,
        question: e.question,
        secret: e.secret,
        rule: e.rule,
        eligibleCount: e.eligibleCount,
        proposalId: e.proposalId,
      });
    });
    // Closing a sitting closes its open polls first, in its own transaction: each poll.closed precedes session.closed.
    this.domainEvents.within('poll.closed', async (e, tx) => {
      if (!e.sessionId) return;
      await this.events.append(tx, e.sessionId, 'poll.closed', e.actorUserId, { pollId: e.pollId, tally: this.polls.tallyDto(e.tally, 'en'), proposalId: e.proposalId });
    });
    this.domainEvents.within('minority_opinion.filed', async (e, tx) => {
      if (e.sessionId) await this.events.append(tx, e.sessionId, 'minority_opinion.filed', e.actorUserId, { pollId: e.pollId, opinionId: e.opinionId, position: e.position });
    });
    // A proxy given or revoked for a sitting that is not closed may change who is represented: attendance.changed follows.
    this.domainEvents.within('proxy.changed', async (e, tx) => {
      if (!e.sessionId) return;
      const s = await this.sessions.lockById(tx.em, e.sessionId);
      if (!s || s.state === 'closed') return;
      await this.commands.announceAttendance(tx, s, e.actorUserId, { proxyId: e.proxyId, reason: e.change === 'given' ? 'proxy_given' : 'proxy_revoked' });
    });
  }
}
