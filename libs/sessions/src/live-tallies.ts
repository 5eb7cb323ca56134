import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DomainEvents, UnitOfWork } from '@kenes/audit';
import { PollsRepository, PollsService } from '@kenes/polls';
import { SessionEventsService } from './session-events.service';
import { SessionsRepository } from './sessions.repository';
import { TallyCoalescer } from './tally-coalescer';

const INTERVAL_MS = Number(process.env.KENES_TALLY_INTERVAL_MS ?? 250);

/**
 * Live counts of session polls as `tally.updated` events, the handler of
 * `ballot.cast`: coalesced to one per poll per interval, sent only when the
 * counts changed since the last one, never after `poll.closed` (checked
 * under the session's lock, which closing also takes when it records
 * `poll.closed`). Each one sent is in the session's log, so `seq` has no gaps.
 */
@Injectable()
export class LiveTallies implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveTallies.name);
  // A flush runs from a timer: its failure is logged, never an unhandled rejection (which would end the process).
  private readonly coalescer = new TallyCoalescer(INTERVAL_MS, (pollId) => this.flush(pollId).catch((e: unknown) => this.logger.warn(`tally flush of poll ${pollId}: ${String(e)}`)));
  private readonly lastSent = new Map<string, string>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly domainEvents: DomainEvents,
    private readonly polls: PollsService,
    private readonly pollsRepo: PollsRepository,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEventsService,
  ) {}

  onModuleInit(): void {
    this.domainEvents.committed('ballot.cast', (e) => {
      if (e.sessionId) this.coalescer.touch(e.pollId);
    });
    // A closed poll sends no more updates: drop what was last sent for it.
    this.domainEvents.committed('poll.closed', (e) => {
      if (e.sessionId) this.lastSent.delete(e.pollId);
    });
  }

  onApplicationShutdown(): void {
    this.coalescer.stop();
  }

  private async flush(pollId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const poll = await this.pollsRepo.findById(pollId);
      if (!poll?.sessionId) return;
      await this.sessions.lockById(tx.em, poll.sessionId);
      if ((await this.pollsRepo.statusIn(tx.em, pollId)) !== 'open') {
        this.lastSent.delete(pollId);
        return;
      }
      const live = await this.polls.liveCounts(poll);
      const payload = poll.secret ? { pollId, participation: live.participation } : { pollId, participation: live.participation, counts: live.counts };
      const key = JSON.stringify(payload);
      if (this.lastSent.get(pollId) === key) return;
      await this.events.append(tx, poll.sessionId, 'tally.updated', null, payload);
      // Only what was actually sent (committed) counts as the last one.
      tx.onCommit(() => this.lastSent.set(pollId, key));
    });
  }
}
