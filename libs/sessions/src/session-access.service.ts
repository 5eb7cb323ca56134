import { Injectable } from '@nestjs/common';
import { Action, dateOf } from '@kenes/core';
import { AuthUser, forbidden, notFound, unauthenticated } from '@kenes/common';
import { AccessService, CouncilContext } from '@kenes/councils';
import { SessionEntity } from './entities/session.entity';
import { SessionsRepository } from './sessions.repository';

export interface SessionContext {
  session: SessionEntity;
  /** null for an anonymous watcher of a public session, or a user outside the council watching one. */
  council: CouncilContext | null;
  user: AuthUser | null;
}

/** A public session admits anyone; a non-public one the council's memberships except observers. */
function admits(session: Pick<SessionEntity, 'public'>, council: CouncilContext | null): boolean {
  if (session.public) return true;
  return !!council && !(council.principals.size === 1 && council.principals.has('observer'));
}

/**
 * Who reaches a session (API.md, Live): a public one anyone may watch; a
 * non-public one the council's memberships except observers (404 for them
 * and for anonymous callers).
 */
@Injectable()
export class SessionAccessService {
  constructor(
    private readonly access: AccessService,
    private readonly sessions: SessionsRepository,
  ) {}

  async reach(user: AuthUser | null, sessionId: string): Promise<SessionContext> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw notFound('Session');
    const council = user ? await this.access.councilContext(user, session.councilId).catch(() => null) : null;
    if (!admits(session, council)) throw notFound('Session');
    return { session, council, user };
  }

  /**
   * `reach`'s answer for a session already loaded, when only yes or no is
   * needed (a live join): a public session admits anyone without a query;
   * otherwise 404 as `reach` says.
   */
  async admit(user: AuthUser | null, session: Pick<SessionEntity, 'public' | 'councilId'>): Promise<void> {
    if (session.public) return;
    const council = user ? await this.access.councilContext(user, session.councilId).catch(() => null) : null;
    if (!admits(session, council)) throw notFound('Session');
  }

  /**
   * For live connections already in a session's room: which of these
   * watchers `reach` would still admit today (a null user is anonymous, or a
   * socket whose token ran out). Answers the indexes of those that may stay.
   */
  async stillReaching(watchers: { sessionId: string; user: AuthUser | null }[]): Promise<Set<number>> {
    // Many sockets share a user and a session (tabs, a hall of watchers): each pair is asked once.
    const pairs = new Map<string, { sessionId: string; userId: string | null; isAdmin: boolean; of: number[] }>();
    watchers.forEach((w, i) => {
      const pair = { sessionId: w.sessionId, userId: w.user?.id ?? null, isAdmin: w.user?.isAdmin === true };
      const key = `${pair.sessionId}|${pair.userId ?? ''}|${pair.isAdmin}`;
      const seen = pairs.get(key);
      if (seen) seen.of.push(i);
      else pairs.set(key, { ...pair, of: [i] });
    });
    const unique = [...pairs.values()];
    const reaching = await this.sessions.reachable(unique, dateOf(new Date()));
    return new Set([...reaching].flatMap((k) => unique[k].of));
  }

  /** 401 for an anonymous caller, 403 when the role table refuses. */
  require(sc: SessionContext, action: Action): CouncilContext {
    if (!sc.user) throw unauthenticated('This needs an access token.');
    if (!sc.council || !this.access.allows(sc.council, action)) throw forbidden(`Your role in this council does not allow ${action}.`);
    return sc.council;
  }
}
