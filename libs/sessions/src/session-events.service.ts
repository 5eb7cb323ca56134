import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transaction } from '@kenes/audit/unit-of-work';
import { DataSource } from 'typeorm';
import { SessionEventEntity } from './entities/session-event.entity';

/** What every `session.event` carries (API.md, Live sessions). */
export interface SessionEvent {
  sessionId: string;
  seq: number;
  type: string;
  at: string;
  actor: string | null;
  payload: Record<string, unknown>;
}

export type SessionEventListener = (event: SessionEvent) => void;

export const toSessionEvent = (e: SessionEventEntity): SessionEvent => ({
  sessionId: e.sessionId,
  seq: e.seq,
  type: e.type,
  at: new Date(e.at).toISOString(),
  actor: e.actorUserId ?? null,
  payload: e.payload ?? {},
});

/**
 * The session's ordered log. `append` numbers the event from the session
 * row (bumped under its lock, so concurrent commands never share or skip a
 * number), writes it in the caller's transaction, and hands it to the
 * listeners (the live gateway) only after the commit.
 */
@Injectable()
export class SessionEventsService {
  private readonly listeners: SessionEventListener[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onEvent(listener: SessionEventListener): void {
    this.listeners.push(listener);
  }

  async append(tx: Transaction, sessionId: string, type: string, actorUserId: string | null, payload: Record<string, unknown>): Promise<SessionEvent> {
    const [row] = await tx.em.query(
      `WITH s AS (UPDATE sessions SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO session_events (session_id, seq, type, actor_user_id, payload)
       SELECT $1, s.last_seq, $2, $3, $4::jsonb FROM s
       RETURNING session_id AS "sessionId", seq, type, at, actor_user_id AS "actorUserId", payload`,
      [sessionId, type, actorUserId, JSON.stringify(payload)],
    );
    const event = toSessionEvent(row as SessionEventEntity);
    tx.onCommit(() => {
      for (const l of this.listeners) l(event);
    });
    return event;
  }

  async after(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    const rows = await this.dataSource
      .getRepository(SessionEventEntity)
      .createQueryBuilder('e')
      .where('e.session_id = :sessionId AND e.seq > :afterSeq', { sessionId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toSessionEvent);
  }
}
