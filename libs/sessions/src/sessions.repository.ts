import { Injectable } from '@nestjs/common';
import { rolesOnSql } from '@kenes/councils';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaItemEntity } from './entities/agenda-item.entity';
import { SessionEntity } from './entities/session.entity';
import { SessionEventEntity } from './entities/session-event.entity';

/** A session's row as far as a live join needs it (SessionsRepository.joinKey). */
export interface SessionJoinKey {
  councilId: string;
  public: boolean;
  lastSeq: number;
  updatedAt: Date;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, s: Partial<SessionEntity>): Promise<SessionEntity> {
    return em.save(SessionEntity, em.create(SessionEntity, s));
  }

  save(em: EntityManager, s: SessionEntity): Promise<SessionEntity> {
    return em.save(SessionEntity, s);
  }

  findById(id: string): Promise<SessionEntity | null> {
    return this.dataSource.getRepository(SessionEntity).findOneBy({ id });
  }

  /** A council's sittings by (scheduled_at, id) after the cursor's key, at most `limit`. */
  list(
    councilId: string,
    q: { status?: string; from?: string; to?: string; publicOnly: boolean; after: [string, string] | null; limit: number },
  ): Promise<SessionEntity[]> {
    const qb = this.dataSource.getRepository(SessionEntity).createQueryBuilder('s').where('s.councilId = :councilId', { councilId });
    if (q.status) qb.andWhere('s.state = :status', { status: q.status });
    if (q.from) qb.andWhere('s.scheduledAt >= :from', { from: q.from });
    if (q.to) qb.andWhere('s.scheduledAt < :to', { to: q.to });
    if (q.publicOnly) qb.andWhere('s.public = true');
    if (q.after) qb.andWhere('(s.scheduledAt, s.id) > (:afterAt, :afterId)', { afterAt: q.after[0], afterId: q.after[1] });
    return qb.orderBy('s.scheduledAt', 'ASC').addOrderBy('s.id', 'ASC').limit(q.limit).getMany();
  }

  /**
   * Appends an entry to the session's log: its seq is the session row's
   * last_seq bumped in the same statement (the row's lock orders appends).
   */
  async appendEvent(em: EntityManager, e: { sessionId: string; type: string; actorUserId: string | null; payload: Record<string, unknown> }): Promise<SessionEventEntity> {
    const [row] = await em.query(
      `WITH s AS (UPDATE sessions SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO session_events (session_id, seq, type, actor_user_id, payload)
       SELECT $1, s.last_seq, $2, $3, $4::jsonb FROM s
       RETURNING session_id AS "sessionId", seq, type, at, actor_user_id AS "actorUserId", payload`,
      [e.sessionId, e.type, e.actorUserId, JSON.stringify(e.payload)],
    );
    return row as SessionEventEntity;
  }

  /**
   * The log's entries after `afterSeq`, in seq order, at most `limit`. Plain
   * SQL: every live join reads it (a hall joins at once), and the query
   * builder's own work cost more than the query.
   */
  eventsAfter(sessionId: string, afterSeq: number, limit: number): Promise<SessionEventEntity[]> {
    return this.dataSource.query(
      `SELECT session_id AS "sessionId", seq, type, at, actor_user_id AS "actorUserId", payload
         FROM session_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    );
  }

  /** What a live join decides on before it needs the whole session: who may watch, and which state the log and row are in. */
  async joinKey(id: string): Promise<SessionJoinKey | null> {
    const rows: SessionJoinKey[] = await this.dataSource.query(
      'SELECT council_id AS "councilId", public, last_seq AS "lastSeq", updated_at AS "updatedAt" FROM sessions WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The session row, locked: commands on one session run one at a time. */
  lockById(em: EntityManager, id: string): Promise<SessionEntity | null> {
    return em.getRepository(SessionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  items(sessionId: string, em?: EntityManager): Promise<AgendaItemEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(AgendaItemEntity).find({ where: { sessionId }, order: { position: 'ASC' } });
  }

  findItem(id: string, em?: EntityManager): Promise<AgendaItemEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(AgendaItemEntity).findOneBy({ id });
  }

  async insertItem(em: EntityManager, item: Partial<AgendaItemEntity>): Promise<AgendaItemEntity> {
    const [{ next }] = await em.query('SELECT COALESCE(max(position), 0) + 1 AS next FROM agenda_items WHERE session_id = $1', [item.sessionId]);
    return em.save(AgendaItemEntity, em.create(AgendaItemEntity, { ...item, position: Number(next) }));
  }

  /** Marks a change to the session that its event log does not record (an agenda item added): snapshots kept for joiners are told apart by it. */
  async touch(em: EntityManager, sessionId: string): Promise<void> {
    // Strictly later than before, even for two changes within one millisecond.
    await em.query("UPDATE sessions SET updated_at = greatest(now(), updated_at + interval '1 millisecond') WHERE id = $1", [sessionId]);
  }

  saveItem(em: EntityManager, item: AgendaItemEntity): Promise<AgendaItemEntity> {
    return em.save(AgendaItemEntity, item);
  }

  /** Checks a member in (or back in) with a presence lease; true when this is a new check-in. */
  async checkIn(em: EntityManager, sessionId: string, membershipId: string, graceMs: number): Promise<boolean> {
    const rows: { inserted: boolean }[] = await em.query(
      `INSERT INTO session_check_ins (session_id, membership_id, connected_until) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (session_id, membership_id) DO UPDATE SET connected_until = EXCLUDED.connected_until
       RETURNING (xmax = 0) AS inserted`,
      [sessionId, membershipId, graceMs],
    );
    return rows[0]?.inserted === true;
  }

  /** Renews the presence leases of the checked-in members among these users (they hold a live connection). */
  /** The latest seq of each session's event log (sessions absent from the answer do not exist). */
  async lastSeqs(sessionIds: string[]): Promise<Map<string, number>> {
    if (!sessionIds.length) return new Map();
    const rows: { id: string; last_seq: number }[] = await this.dataSource.query('SELECT id, last_seq FROM sessions WHERE id = ANY($1::uuid[])', [sessionIds]);
    return new Map(rows.map((r) => [r.id, Number(r.last_seq)]));
  }

  async renewPresence(sessionId: string, userIds: string[], graceMs: number): Promise<void> {
    if (!userIds.length) return;
    await this.dataSource.query(
      `UPDATE session_check_ins ci SET connected_until = now() + make_interval(secs => $3 / 1000.0)
         FROM memberships m WHERE ci.session_id = $1 AND m.id = ci.membership_id AND m.user_id = ANY($2::uuid[])`,
      [sessionId, userIds, graceMs],
    );
  }

  /** Sessions not closed that have check-ins: the ones whose attendance may change by itself. */
  async sessionsWithCheckIns(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM sessions s WHERE s.state <> 'closed' AND EXISTS (SELECT 1 FROM session_check_ins ci WHERE ci.session_id = s.id)`,
    );
    return rows.map((r) => r.id);
  }

  async setPresentCount(em: EntityManager, sessionId: string, present: number): Promise<void> {
    await em.query('UPDATE sessions SET present_count = $2 WHERE id = $1', [sessionId, present]);
  }


  /**
   * Checked-in members who hold a vote in the sitting on `on`: the council's
   * members (plenary) or the group's (a group sitting). Others may check in,
   * but they do not count towards attendance or a quorum.
   */
  async presentVoters(session: Pick<SessionEntity, 'id' | 'workingGroupId'>, on: string, em?: EntityManager): Promise<number> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT count(*)::int AS n FROM session_check_ins ci JOIN memberships m ON m.id = ci.membership_id
        WHERE ci.session_id = $1 AND ci.connected_until > now() AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2) AND 'member' = ANY(${rolesOnSql('m', '$2::date')})
          AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM working_group_members gm WHERE gm.working_group_id = $3 AND gm.membership_id = m.id))`,
      [session.id, on, session.workingGroupId],
    );
    return row.n;
  }

  async setRepresentedCount(em: EntityManager, sessionId: string, represented: number): Promise<void> {
    await em.query('UPDATE sessions SET represented_count = $2 WHERE id = $1', [sessionId, represented]);
  }

  /** Voting members of the body: the council's members (plenary) or the group's, whose term covers `on`. */
  async voters(session: Pick<SessionEntity, 'councilId' | 'workingGroupId'>, on: string, em?: EntityManager): Promise<number> {
    const m = em ?? this.dataSource.manager;
    const [row] = session.workingGroupId
      ? await m.query(
          `SELECT count(*)::int AS n FROM working_group_members gm JOIN memberships m ON m.id = gm.membership_id
            WHERE gm.working_group_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2) AND 'member' = ANY(${rolesOnSql('m', '$2::date')})`,
          [session.workingGroupId, on],
        )
      : await m.query(
          `SELECT count(*)::int AS n FROM memberships m
            WHERE m.council_id = $1 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $2) AND 'member' = ANY(${rolesOnSql('m', '$2::date')})`,
          [session.councilId, on],
        );
    return row.n;
  }

  async membershipsInCouncil(councilId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM memberships WHERE council_id = $1 AND id = ANY($2::uuid[])', [councilId, ids]);
    return rows.map((r) => r.id);
  }

  /**
   * Which of these (session, user) pairs may still watch: the session is
   * public, or the user is a platform admin, or holds a membership of its
   * council on `on` with a role other than observer (SessionAccessService.reach
   * in one statement, for every socket of a node at once). A null user is an
   * anonymous watcher. Answers the indexes of the pairs that still reach.
   */
  async reachable(pairs: { sessionId: string; userId: string | null; isAdmin: boolean }[], on: string): Promise<Set<number>> {
    if (!pairs.length) return new Set();
    const rows: { i: string }[] = await this.dataSource.query(
      `SELECT p.i FROM unnest($1::uuid[], $2::uuid[], $3::boolean[]) WITH ORDINALITY AS p(session_id, user_id, is_admin, i)
         JOIN sessions s ON s.id = p.session_id
        WHERE s.public OR (p.user_id IS NOT NULL AND (p.is_admin OR EXISTS (
                SELECT 1 FROM memberships m
                 WHERE m.council_id = s.council_id AND m.user_id = p.user_id AND m.starts_on <= $4 AND (m.ends_on IS NULL OR m.ends_on >= $4)
                   AND NOT (m.roles <@ ARRAY['observer']::text[]))))`,
      [pairs.map((p) => p.sessionId), pairs.map((p) => p.userId), pairs.map((p) => p.isAdmin), on],
    );
    return new Set(rows.map((r) => Number(r.i) - 1));
  }

  /**
   * A member's floor requests in a session since `windowMs` ago: how many,
   * and when the oldest of them was made (the log is the source: every node
   * and every restart counts the same).
   */
  async floorRequestsSince(em: EntityManager, sessionId: string, membershipId: string, windowMs: number): Promise<{ count: number; oldest: Date | null }> {
    const [row]: { count: number; oldest: Date | null }[] = await em.query(
      `SELECT count(*)::int AS count, min(at) AS oldest FROM session_events
        WHERE session_id = $1 AND type = 'floor.requested' AND payload->>'membershipId' = $2 AND at > now() - make_interval(secs => $3 / 1000.0)`,
      [sessionId, membershipId, windowMs],
    );
    return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
  }

  /** Sessions whose floor time has run out (for the timer sweep). */
  async floorsExpired(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM sessions WHERE state IN ('live', 'paused') AND floor IS NOT NULL AND (floor->>'endsAt')::timestamptz <= now()`,
    );
    return rows.map((r) => r.id);
  }

  /** Full names of the council's memberships, and the working group of each seated member (first seat). */
  /** Full names of these memberships, by id. */
  async namesOf(membershipIds: string[], em?: EntityManager): Promise<Record<string, string>> {
    if (!membershipIds.length) return {};
    const rows: { id: string; fullName: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT m.id, u.full_name AS "fullName" FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = ANY($1::uuid[])`,
      [membershipIds],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.fullName]));
  }

  async people(councilId: string): Promise<{ names: Record<string, string>; groups: Record<string, string> }> {
    const rows: { id: string; fullName: string; groupName: string | null }[] = await this.dataSource.query(
      `SELECT m.id, u.full_name AS "fullName",
              (SELECT g.name FROM working_group_members gm JOIN working_groups g ON g.id = gm.working_group_id
                WHERE gm.membership_id = m.id ORDER BY gm.created_at LIMIT 1) AS "groupName"
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.council_id = $1`,
      [councilId],
    );
    const names: Record<string, string> = {};
    const groups: Record<string, string> = {};
    for (const r of rows) {
      names[r.id] = r.fullName;
      if (r.groupName) groups[r.id] = r.groupName;
    }
    return { names, groups };
  }

  /** Polls (of any body) whose subject is one of these proposals: their minority opinions travel with the proposal. */
  pollIdsOfProposals(proposalIds: string[]): Promise<{ id: string }[]> {
    if (!proposalIds.length) return Promise.resolve([]);
    return this.dataSource.query('SELECT id FROM polls WHERE proposal_id = ANY($1::uuid[]) ORDER BY created_at', [proposalIds]);
  }

  /** The floor.ended events of a session, oldest first (speaking time). */
  floorEndings(sessionId: string, em?: EntityManager): Promise<{ seq: number; type: string; at: string; payload: Record<string, unknown> }[]> {
    return (em ?? this.dataSource.manager).query(
      `SELECT seq, type, at, payload FROM session_events WHERE session_id = $1 AND type IN ('floor.ended', 'agenda.opened') ORDER BY seq`,
      [sessionId],
    );
  }

  /** The session's polls with their stored tallies. */
  sessionPolls(sessionId: string): Promise<{ id: string; question: string; secret: boolean; tally: { outcome: string; facts: unknown } | null }[]> {
    return this.dataSource.query('SELECT id, question, secret, tally FROM polls WHERE session_id = $1 ORDER BY created_at', [sessionId]);
  }
}
