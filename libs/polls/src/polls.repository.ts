import { Injectable } from '@nestjs/common';
import { CouncilEntity, rolesOnSql } from '@kenes/councils';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProxySettings } from '@kenes/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { PollEntity } from './entities/poll.entity';
import { Counts } from './tallies.repository';

/** A poll on a proposal with what its answer needs beside the row. */
export interface ProposalPollRow {
  poll: PollEntity;
  live: { participation: number; counts: Counts | null } | null;
  minorityOpinionWindowHours: number;
}

const zero = (): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 });

/**
 * The poll rows themselves and their voter rolls: creating, locking and
 * saving a poll, fixing its voters when it opens, and finding a sitting's
 * polls. Ballots are BallotsRepository's; counts and results TalliesRepository's.
 */
@Injectable()
export class PollsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, p: Partial<PollEntity>): Promise<PollEntity> {
    return em.save(PollEntity, em.create(PollEntity, p));
  }

  save(em: EntityManager, p: PollEntity): Promise<PollEntity> {
    return em.save(PollEntity, p);
  }

  findById(id: string): Promise<PollEntity | null> {
    return this.dataSource.getRepository(PollEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<PollEntity | null> {
    return em.getRepository(PollEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Fixes the eligible voters of a group poll: the group's members with role `member` on `on` (the roles in force then) whose term covers it. */
  async fixGroupVoters(em: EntityManager, pollId: string, groupId: string, on: string): Promise<number> {
    // TypeORM answers an INSERT with its rows only (no row count): count what RETURNING gives.
    const [row]: { n: number }[] = await em.query(
      `WITH v AS (
         INSERT INTO poll_voters (poll_id, membership_id)
         SELECT $1, m.id FROM working_group_members gm JOIN memberships m ON m.id = gm.membership_id
          WHERE gm.working_group_id = $2 AND m.starts_on <= $3 AND (m.ends_on IS NULL OR m.ends_on >= $3) AND 'member' = ANY(${rolesOnSql('m', '$3::date')})
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM v`,
      [pollId, groupId, on],
    );
    return row.n;
  }

  /** Fixes the eligible voters of a plenary poll: every council membership covering `on` with role `member` in force then. */
  async fixCouncilVoters(em: EntityManager, pollId: string, councilId: string, on: string): Promise<number> {
    const [row]: { n: number }[] = await em.query(
      `WITH v AS (
         INSERT INTO poll_voters (poll_id, membership_id)
         SELECT $1, m.id FROM memberships m
          WHERE m.council_id = $2 AND m.starts_on <= $3 AND (m.ends_on IS NULL OR m.ends_on >= $3) AND 'member' = ANY(${rolesOnSql('m', '$3::date')})
         ON CONFLICT DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM v`,
      [pollId, councilId, on],
    );
    return row.n;
  }

  /**
   * The user's membership on the poll's voter roll, whatever its term says
   * today (voters are fixed when the poll opens); null if not a voter. The
   * user's memberships first, then the roll by its whole primary key.
   */
  async voterMembershipOfUser(pollId: string, userId: string): Promise<string | null> {
    const rows: { membershipId: string }[] = await this.dataSource.query(
      `SELECT m.id AS "membershipId" FROM polls p JOIN memberships m ON m.council_id = p.council_id AND m.user_id = $2
        WHERE p.id = $1 AND (SELECT true FROM poll_voters v WHERE v.poll_id = p.id AND v.membership_id = m.id)
        LIMIT 1`,
      [pollId, userId],
    );
    return rows[0]?.membershipId ?? null;
  }

  /** The council's proxy settings copied onto a poll as it opens. */
  async setProxySettings(em: EntityManager, pollId: string, settings: ProxySettings): Promise<void> {
    await em.query('UPDATE polls SET proxy_settings = $2 WHERE id = $1', [pollId, JSON.stringify(settings)]);
  }

  /** The poll's status as this transaction sees it now (null if there is no such poll). */
  async statusIn(em: EntityManager, pollId: string): Promise<string | null> {
    const rows: { status: string }[] = await em.query(`SELECT status FROM polls WHERE id = $1`, [pollId]);
    return rows[0]?.status ?? null;
  }

  /** Marks a closed poll's choices sealed: from now on the triggers refuse any change to them. */
  async markSealed(em: EntityManager, pollId: string): Promise<Date> {
    const [row]: { sealedAt: Date }[] = await em.query(`UPDATE polls SET sealed_at = now() WHERE id = $1 AND status = 'closed' RETURNING sealed_at AS "sealedAt"`, [pollId]);
    return row.sealedAt;
  }

  /** A session's polls that were opened (open or closed), in the order they opened. */
  openedPollsOfSession(sessionId: string, em?: EntityManager): Promise<PollEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(PollEntity).find({ where: { sessionId, status: In(['open', 'closed']) }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  /** A session's open polls, in the order they were opened. */
  openPollsOfSession(em: EntityManager, sessionId: string): Promise<PollEntity[]> {
    return em.getRepository(PollEntity).find({ where: { sessionId, status: 'open' }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  /**
   * One page of the polls on a proposal, oldest first, in one statement: each
   * with what its answer needs beside the row (live counts while open, the
   * council's minority-opinion window). `councilId` is the proposal's.
   */
  async pageOfProposal(proposalId: string, councilId: string, after: [string, string] | null, limit: number): Promise<ProposalPollRow[]> {
    const qb = this.dataSource
      .getRepository(PollEntity)
      .createQueryBuilder('p')
      .innerJoin(CouncilEntity, 'c', 'c.id = p.council_id')
      .addSelect('c.minority_opinion_window_hours', 'window_hours')
      .addSelect(
        `CASE WHEN p.status = 'open' AND NOT p.secret THEN (SELECT coalesce(jsonb_object_agg(b.choice, b.n), '{}'::jsonb) FROM (SELECT choice, count(*)::int AS n FROM ballots WHERE poll_id = p.id GROUP BY choice) b) END`,
        'live_counts',
      )
      .addSelect(`CASE WHEN p.status = 'open' AND p.secret THEN (SELECT count(*)::int FROM secret_participations WHERE poll_id = p.id) END`, 'live_participation')
      .where('p.proposal_id = :proposalId AND p.council_id = :councilId', { proposalId, councilId });
    if (after) qb.andWhere('(p.created_at, p.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const { entities, raw } = await qb.orderBy('p.created_at', 'ASC').addOrderBy('p.id', 'ASC').limit(limit).getRawAndEntities();
    const byId = new Map((raw as { p_id: string; window_hours: number; live_counts: Partial<Counts> | null; live_participation: number | null }[]).map((r) => [r.p_id, r]));
    return entities.map((poll) => {
      const r = byId.get(poll.id)!;
      let live: ProposalPollRow['live'] = null;
      if (r.live_counts) {
        const counts = { ...zero(), ...r.live_counts };
        live = { participation: Object.values(counts).reduce((a, b) => a + b, 0), counts };
      } else if (r.live_participation !== null) live = { participation: r.live_participation, counts: null };
      return { poll, live, minorityOpinionWindowHours: r.window_hours };
    });
  }
}
