import { Injectable, Logger } from '@nestjs/common';
import type { AutomaticCause, ProposalStatus, ResolvedRule, StoredTally } from '@kenes/core';
import type { Transaction } from './unit-of-work';

/**
 * The one map of domain events: each name with the payload it carries. A
 * library publishes them through its transaction (`tx.publish`), other
 * libraries subscribe (`DomainEvents.within` / `DomainEvents.committed`).
 * Payloads are plain data, so this map depends on no library above it.
 */
export interface DomainEventMap {
  /** A poll opened: its voters are fixed. Published in the opening transaction. */
  'poll.opened': {
    pollId: string;
    councilId: string;
    sessionId: string | null;
    proposalId: string | null;
    question: string;
    secret: boolean;
    rule: ResolvedRule;
    eligibleCount: number | null;
    actorUserId: string | null;
  };
  /** A poll closed and was tallied. Published in the closing transaction (which may be the sitting's close). */
  'poll.closed': {
    pollId: string;
    councilId: string;
    sessionId: string | null;
    proposalId: string | null;
    tally: StoredTally;
    actorUserId: string | null;
  };
  /** A ballot was recorded (published once its statement committed). */
  'ballot.cast': { pollId: string; sessionId: string | null };
  /** A member filed a minority opinion on a closed poll. */
  'minority_opinion.filed': { pollId: string; sessionId: string | null; opinionId: string; position: string; actorUserId: string };
  /** A proxy was given or revoked; `sessionId` is the sitting it was given for (null for one poll's proxy). */
  'proxy.changed': { proxyId: string; sessionId: string | null; change: 'given' | 'revoked'; actorUserId: string };
  /** An entry of a sitting's log committed; delivered in `seq` order per sitting (SessionEventsService). */
  'session.logged': { sessionId: string; seq: number; type: string; at: string; actor: string | null; payload: Record<string, unknown> };
  /**
   * A proposal's status moved (requested, or caused by an event: `cause`). Published in the moving
   * transaction, after its transition row, audit entry and trace line: a `within` handler answers in it
   * (the chair's decision on a petition's proposal answers the petition).
   */
  'proposal.moved': {
    proposalId: string;
    councilId: string;
    originType: string | null;
    originId: string | null;
    from: ProposalStatus;
    to: ProposalStatus;
    cause: AutomaticCause | null;
    actorUserId: string | null;
    reason: string | null;
  };
  /** A user's refresh-token family was revoked (a used token replayed): after commit, their live connections drop on every node. */
  'user.tokens_revoked': { userId: string; familyId: string };
}

export type DomainEventName = keyof DomainEventMap;

type WithinHandler<K extends DomainEventName> = (payload: DomainEventMap[K], tx: Transaction) => Promise<void>;
type CommittedHandler<K extends DomainEventName> = (payload: DomainEventMap[K]) => void;

/**
 * The seam between libraries. Two moments to subscribe:
 *
 * - `within`: inside the publishing transaction, awaited in subscription
 *   order. The handler writes with the same transaction (a sitting's log
 *   entry commits with the poll it records) and may refuse by throwing,
 *   which rolls the whole command back.
 * - `committed`: once the transaction committed, never for one rolled back,
 *   in the order the events were published. A handler's failure is logged
 *   and never reaches the command nor the other handlers.
 *
 * Subscriptions are made while the application starts (a library's
 * handler class in its onModuleInit).
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly withinHandlers = new Map<DomainEventName, WithinHandler<any>[]>();
  private readonly committedHandlers = new Map<DomainEventName, CommittedHandler<any>[]>();

  within<K extends DomainEventName>(name: K, handler: WithinHandler<K>): void {
    this.withinHandlers.set(name, [...(this.withinHandlers.get(name) ?? []), handler]);
  }

  committed<K extends DomainEventName>(name: K, handler: CommittedHandler<K>): void {
    this.committedHandlers.set(name, [...(this.committedHandlers.get(name) ?? []), handler]);
  }

  /** @internal The transaction's publish: runs the in-transaction handlers now. */
  async runWithin<K extends DomainEventName>(name: K, payload: DomainEventMap[K], tx: Transaction): Promise<void> {
    for (const h of this.withinHandlers.get(name) ?? []) await h(payload, tx);
  }

  /**
   * Delivers an event whose facts are already committed to the `committed`
   * handlers (a transaction's published events, or a fact written outside a
   * unit of work, like a ballot's single statement).
   */
  deliver<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    for (const h of this.committedHandlers.get(name) ?? []) {
      try {
        h(payload);
      } catch (err) {
        // a handler's failure never stops the others
        this.logger.error(`${name} handler failed: ${String(err)}`);
      }
    }
  }
}
