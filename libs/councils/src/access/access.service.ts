import { Injectable } from '@nestjs/common';
import { Action, can, CouncilRole, dateOf, Principal, principalsOf } from '@kenes/core';
import { AuthUser, forbidden, notFound } from '@kenes/common';
import { CouncilEntity } from '../entities/council.entity';
import { MembershipEntity } from '../entities/membership.entity';
import { CouncilsRepository } from '../councils.repository';
import { MembershipsRepository } from '../memberships.repository';

/** What the caller is in one council today. */
export interface CouncilContext {
  council: CouncilEntity;
  user: AuthUser;
  memberships: MembershipEntity[];
  principals: Set<Principal>;
}

/**
 * Object-level authorization: every use case asks here first. A council the
 * caller holds no active membership in is answered 404 (its existence is not
 * revealed); a role the table in @kenes/core does not allow is 403.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly councils: CouncilsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async councilContext(user: AuthUser, councilId: string): Promise<CouncilContext> {
    // Both at once: every request of the API asks this first.
    const [council, memberships] = await Promise.all([this.councils.findById(councilId), this.memberships.activeOfUser(councilId, user.id, dateOf(new Date()))]);
    if (!council) throw notFound('Council');
    if (memberships.length === 0 && !user.isAdmin) throw notFound('Council');
    const roles: CouncilRole[] = memberships.flatMap((m) => m.roles);
    return { council, user, memberships, principals: principalsOf(roles, user.isAdmin) };
  }

  /** The context, once the caller may perform the action in the council. */
  async requireCouncil(user: AuthUser, councilId: string, action: Action): Promise<CouncilContext> {
    const ctx = await this.councilContext(user, councilId);
    this.require(ctx, action);
    return ctx;
  }

  require(ctx: CouncilContext, action: Action): void {
    if (!can(ctx.principals, action)) throw forbidden(`Your role in this council does not allow ${action}.`);
  }

  allows(ctx: CouncilContext, action: Action): boolean {
    return can(ctx.principals, action);
  }
}
