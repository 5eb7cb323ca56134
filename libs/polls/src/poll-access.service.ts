import { Injectable } from '@nestjs/common';
import { Action } from '@kenes/core';
import { AuthUser, forbidden, notFound } from '@kenes/common';
import { AccessService, CouncilContext } from '@kenes/councils';
import { WorkingGroupsRepository } from '@kenes/councils';
import { PollEntity } from './entities/poll.entity';
import { PollsRepository } from './polls.repository';

export interface PollContext {
  poll: PollEntity;
  council: CouncilContext;
}

/** Object-level access to polls: out of the caller's council → 404. */
@Injectable()
export class PollAccessService {
  constructor(
    private readonly access: AccessService,
    private readonly polls: PollsRepository,
    private readonly groups: WorkingGroupsRepository,
  ) {}

  async reach(user: AuthUser, pollId: string, action: Action = 'poll.read'): Promise<PollContext> {
    const poll = await this.polls.findById(pollId);
    if (!poll) throw notFound('Poll');
    const council = await this.access.councilContext(user, poll.councilId).catch(() => {
      throw notFound('Poll');
    });
    this.access.require(council, action);
    return { poll, council };
  }

  /**
   * Whether reach(…, 'poll.read') (GET /polls/:id) answers this poll for a
   * caller with this context in the poll's council: a list shows a poll only
   * when it does, so that it never shows what GET /polls/:id would refuse.
   */
  mayRead(council: CouncilContext, poll: PollEntity): boolean {
    return poll.councilId === council.council.id && this.access.allows(council, 'poll.read');
  }

  allows(pc: PollContext, action: Action): boolean {
    return this.access.allows(pc.council, action);
  }

  /** Whether the caller coordinates the working group. */
  async isCoordinator(council: CouncilContext, groupId: string): Promise<boolean> {
    const seats = await this.groups.seatsOf(groupId, council.memberships.map((m) => m.id));
    return seats.some((s) => s.role === 'coordinator');
  }

  /** Who runs a poll (create, open, close): a group's coordinator its group's polls; the moderator or the chair a session's (API.md). */
  async requireRunner(pc: PollContext): Promise<void> {
    if (pc.poll.workingGroupId === null) {
      if (this.access.allows(pc.council, 'session.run')) return;
      throw forbidden('Only the moderator or the chair runs a session poll.');
    }
    if (await this.isCoordinator(pc.council, pc.poll.workingGroupId)) return;
    throw forbidden("Only the working group's coordinator runs the group's polls.");
  }
}
