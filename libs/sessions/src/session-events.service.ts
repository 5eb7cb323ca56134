import { Injectable } from '@nestjs/common';
import { DomainEventMap, DomainEvents, Transaction } from '@kenes/audit';
import { SessionEventEntity } from './entities/session-event.entity';
import { SessionsRepository } from './sessions.repository';

/** What every `session.event` carries (API.md, Live sessions): the domain event `session.logged`. */
export type SessionEvent = DomainEventMap['session.logged'];

export const toSessionEvent = (e: SessionEventEntity): SessionEvent => ({
  sessionId: e.sessionId,
  seq: e.seq,
  type: e.type,
  at: new Date(e.at).toISOString(),
  actor: e.actorUserId ?? null,
  payload: e.payload ?? {},
});

/**
 * How long committed events wait at most for a lower seq appended here whose
 * commit has not been seen (its transaction rolled back after appending).
 */
const HOLD_MS = 200;

interface Outbox {
  /** Seqs appended by this process whose transaction's end has not been seen yet. */
  inFlight: Set<number>;
  /** Committed events waiting for a lower in-flight seq, in seq order. */
  held: SessionEvent[];
  timer?: NodeJS.Timeout;
}

/**
 * The session's ordered log. `append` numbers the event from the session
 * row (bumped under its lock, so concurrent commands never share or skip a
 * number), writes it in the caller's transaction, and publishes it as the
 * domain event `session.logged` only after the commit, in seq order: a
 * transaction that got the lock after another may see its commit first (the
 * database releases the lock before it answers the first one), so an event
 * waits until every lower seq appended in this process has been delivered.
 */
@Injectable()
export class SessionEventsService {
  private readonly outboxes = new Map<string, Outbox>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly domainEvents: DomainEvents,
  ) {}

  async append(tx: Transaction, sessionId: string, type: string, actorUserId: string | null, payload: Record<string, unknown>): Promise<SessionEvent> {
    const event = toSessionEvent(await this.sessions.appendEvent(tx.em, { sessionId, type, actorUserId, payload }));
    this.outbox(sessionId).inFlight.add(event.seq);
    tx.onCommit(() => this.committed(event));
    return event;
  }

  private outbox(sessionId: string): Outbox {
    let o = this.outboxes.get(sessionId);
    if (!o) {
      o = { inFlight: new Set(), held: [] };
      this.outboxes.set(sessionId, o);
    }
    return o;
  }

  private committed(event: SessionEvent): void {
    const o = this.outbox(event.sessionId);
    o.inFlight.delete(event.seq);
    o.held.push(event);
    o.held.sort((a, b) => a.seq - b.seq);
    this.release(event.sessionId, o);
  }

  /** Delivers the held events below every in-flight seq; the rest wait (at most HOLD_MS). */
  private release(sessionId: string, o: Outbox): void {
    const lowest = o.inFlight.size ? Math.min(...o.inFlight) : Infinity;
    while (o.held.length && o.held[0].seq < lowest) this.deliver(o.held.shift() as SessionEvent);
    if (!o.held.length && o.timer) {
      clearTimeout(o.timer);
      o.timer = undefined;
    }
    // One timer at a time, not pushed back by later commits: a busy sitting never holds events longer.
    if (o.held.length && !o.timer) {
      o.timer = setTimeout(() => {
        o.timer = undefined;
        // A lower seq that was committed would have been seen by now: its transaction rolled back.
        const first = o.held[0]?.seq ?? Infinity;
        for (const seq of o.inFlight) if (seq < first) o.inFlight.delete(seq);
        this.release(sessionId, o);
      }, HOLD_MS);
      o.timer.unref();
    }
    if (!o.held.length && !o.inFlight.size) this.outboxes.delete(sessionId);
  }

  private deliver(event: SessionEvent): void {
    this.domainEvents.deliver('session.logged', event);
  }

  async after(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return (await this.sessions.eventsAfter(sessionId, afterSeq, limit)).map(toSessionEvent);
  }
}
