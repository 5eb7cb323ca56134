import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProxyLink, ProxyScope, ProxySettings } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { PollProxyEntity } from './entities/poll-proxy.entity';
import { ProxyEntity } from './entities/proxy.entity';

/** A proxy row with the session of its poll (a poll proxy's scope overlaps that sitting's). */
interface ProxyRow {
  id: string;
  delegator: string;
  delegate: string;
  sessionId: string | null;
  pollId: string | null;
  pollSessionId: string | null;
  createdAt: Date;
}

const toLink = (r: ProxyRow): ProxyLink => ({
  id: r.id,
  delegator: r.delegator,
  delegate: r.delegate,
  scope: r.pollId ? { kind: 'poll', pollId: r.pollId, sessionId: r.pollSessionId } : { kind: 'session', sessionId: r.sessionId as string },
  createdAt: new Date(r.createdAt).toISOString(),
});

const LINK_COLUMNS = `x.id, x.delegator_membership_id AS delegator, x.delegate_membership_id AS delegate, x.session_id AS "sessionId", x.poll_id AS "pollId",
  (SELECT p.session_id FROM polls p WHERE p.id = x.poll_id) AS "pollSessionId", x.created_at AS "createdAt"`;

/** What a proxy list shows for a poll that has opened: the proxy as fixed then. */
export type ProxyListRow = ProxyEntity & { fixedStatus?: 'in_force' | 'suspended' };

@Injectable()
export class ProxiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The council's proxy-voting statute as stored (null: none set), read in the caller's transaction. */
  async councilSettings(em: EntityManager, councilId: string): Promise<ProxySettings | null> {
    const [row]: { s: ProxySettings | null }[] = await em.query('SELECT proxy_voting AS s FROM councils WHERE id = $1', [councilId]);
    return row?.s ?? null;
  }

  findById(id: string, em?: EntityManager): Promise<ProxyEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(ProxyEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<ProxyEntity | null> {
    return em.getRepository(ProxyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(em: EntityManager, p: Partial<ProxyEntity>): Promise<ProxyEntity> {
    return em.save(ProxyEntity, em.create(ProxyEntity, p));
  }

  save(em: EntityManager, p: ProxyEntity): Promise<ProxyEntity> {
    return em.save(ProxyEntity, p);
  }

  /**
   * Locks both members' rows, in id order: two proxies that share a member
   * are decided one after the other, so the checks that follow (chains, the
   * cap per delegate) read what the other committed. This is what makes 20
   * delegators racing for one delegate's last slot leave exactly one.
   * NO KEY UPDATE: it excludes another proxy's lock, but not the key-share
   * locks of foreign-key checks (a check-in, a voter roll), which would
   * otherwise wait on it, and deadlock with a proxy waiting on their sitting.
   */
  async lockMembers(em: EntityManager, ids: string[]): Promise<void> {
    await em.query('SELECT id FROM memberships WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [[...new Set(ids)]]);
  }

  /**
   * Whether the membership belongs to the council and holds a vote (role
   * member, term covering `on`), and sits in the working group when one votes.
   */
  async isVotingMember(councilId: string, membershipId: string, on: string, groupId: string | null = null): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM memberships m WHERE m.id = $1 AND m.council_id = $2 AND 'member' = ANY(m.roles) AND m.starts_on <= $3 AND (m.ends_on IS NULL OR m.ends_on >= $3)
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM working_group_members gm WHERE gm.working_group_id = $4 AND gm.membership_id = m.id))`,
      [membershipId, councilId, on, groupId],
    );
    return rows.length > 0;
  }

  async sessionOf(id: string): Promise<{ id: string; councilId: string; state: string; workingGroupId: string | null } | null> {
    const rows = await this.dataSource.query('SELECT id, council_id AS "councilId", state, working_group_id AS "workingGroupId" FROM sessions WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  /** The session's state under the transaction (a closed sitting takes no new proxy). */
  async sessionState(em: EntityManager, id: string): Promise<string | null> {
    const rows: { state: string }[] = await em.query('SELECT state FROM sessions WHERE id = $1', [id]);
    return rows[0]?.state ?? null;
  }

  /** The poll's status, held (FOR SHARE) until the transaction ends: it cannot open meanwhile, so a proxy is fixed with it or not at all. */
  async pollStatus(em: EntityManager, id: string): Promise<string | null> {
    const rows: { status: string }[] = await em.query('SELECT status FROM polls WHERE id = $1 FOR SHARE', [id]);
    return rows[0]?.status ?? null;
  }

  /**
   * Active proxies that involve any of these members in a scope that overlaps
   * `scope`. A poll's own proxy counts only while the poll is a draft: once it
   * has opened, its proxies are fixed for it and cover nothing else.
   */
  async activeNear(em: EntityManager, memberIds: string[], scope: ProxyScope): Promise<ProxyLink[]> {
    const [sessionId, pollId] = scope.kind === 'session' ? [scope.sessionId, null] : [scope.sessionId, scope.pollId];
    const rows: ProxyRow[] = await em.query(
      `SELECT ${LINK_COLUMNS} FROM proxies x
        WHERE x.status = 'active' AND (x.delegator_membership_id = ANY($1::uuid[]) OR x.delegate_membership_id = ANY($1::uuid[]))
          AND (($2::uuid IS NOT NULL AND (x.session_id = $2 OR x.poll_id IN (SELECT id FROM polls WHERE session_id = $2 AND status = 'draft')))
               OR ($3::uuid IS NOT NULL AND x.poll_id = $3))`,
      [memberIds, sessionId, pollId],
    );
    return rows.map(toLink);
  }

  /** The active proxies whose scope covers a poll: its own, and its sitting's. */
  async activeForPoll(em: EntityManager, pollId: string, sessionId: string | null): Promise<ProxyLink[]> {
    const rows: ProxyRow[] = await em.query(
      `SELECT ${LINK_COLUMNS} FROM proxies x WHERE x.status = 'active' AND (x.poll_id = $1 OR ($2::uuid IS NOT NULL AND x.session_id = $2))`,
      [pollId, sessionId],
    );
    return rows.map(toLink);
  }

  /** The active proxies of a sitting (what attendance counts as represented). */
  async activeForSession(sessionId: string, em?: EntityManager): Promise<ProxyLink[]> {
    const rows: ProxyRow[] = await (em ?? this.dataSource.manager).query(`SELECT ${LINK_COLUMNS} FROM proxies x WHERE x.status = 'active' AND x.session_id = $1`, [sessionId]);
    return rows.map(toLink);
  }

  /** Which of these members are on the poll's voter roll. */
  async votersAmong(em: EntityManager, pollId: string, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await em.query('SELECT membership_id AS id FROM poll_voters WHERE poll_id = $1 AND membership_id = ANY($2::uuid[])', [pollId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Which of these members are checked in at the sitting now (their presence lease runs). */
  async presentAmong(sessionId: string, ids: string[], em?: EntityManager): Promise<Set<string>> {
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      'SELECT membership_id AS id FROM session_check_ins WHERE session_id = $1 AND membership_id = ANY($2::uuid[]) AND connected_until > now()',
      [sessionId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Which of these members hold a vote in the sitting's body on `on` (the council's members, or the group's). */
  async votingMembersAmong(councilId: string, workingGroupId: string | null, ids: string[], on: string, em?: EntityManager): Promise<Set<string>> {
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT m.id FROM memberships m WHERE m.id = ANY($1::uuid[]) AND m.council_id = $2 AND 'member' = ANY(m.roles) AND m.starts_on <= $3 AND (m.ends_on IS NULL OR m.ends_on >= $3)
          AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM working_group_members gm WHERE gm.working_group_id = $4 AND gm.membership_id = m.id))`,
      [ids, councilId, on, workingGroupId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Records a poll's proxies as they are fixed at its opening (the poll is still a draft in this transaction). */
  async insertPollProxies(em: EntityManager, rows: Pick<PollProxyEntity, 'pollId' | 'delegatorMembershipId' | 'delegateMembershipId' | 'proxyId' | 'status'>[]): Promise<void> {
    if (!rows.length) return;
    await em.query(
      `INSERT INTO poll_proxies (poll_id, delegator_membership_id, delegate_membership_id, proxy_id, status)
       SELECT $1, d, g, x, s FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) AS r(d, g, x, s)`,
      [rows[0].pollId, rows.map((r) => r.delegatorMembershipId), rows.map((r) => r.delegateMembershipId), rows.map((r) => r.proxyId), rows.map((r) => r.status)],
    );
  }

  /** A sitting's proxies (every status), oldest first, after a (createdAt, id) key. */
  pageOfSession(sessionId: string, after: [string, string] | null, limit: number): Promise<ProxyListRow[]> {
    const qb = this.dataSource.getRepository(ProxyEntity).createQueryBuilder('x').where('x.session_id = :sessionId', { sessionId });
    if (after) qb.andWhere('(x.created_at, x.id) > (:at, :id)', { at: after[0], id: after[1] });
    return qb.orderBy('x.created_at', 'ASC').addOrderBy('x.id', 'ASC').limit(limit).getMany();
  }

  /** A draft poll's proxies: its own and its sitting's (every status), oldest first. */
  pageOfDraftPoll(pollId: string, sessionId: string | null, after: [string, string] | null, limit: number): Promise<ProxyListRow[]> {
    const qb = this.dataSource
      .getRepository(ProxyEntity)
      .createQueryBuilder('x')
      .where('(x.poll_id = :pollId OR (CAST(:sessionId AS uuid) IS NOT NULL AND x.session_id = :sessionId))', { pollId, sessionId });
    if (after) qb.andWhere('(x.created_at, x.id) > (:at, :id)', { at: after[0], id: after[1] });
    return qb.orderBy('x.created_at', 'ASC').addOrderBy('x.id', 'ASC').limit(limit).getMany();
  }

  /** An opened poll's proxies as fixed when it opened, oldest first. */
  async pageOfOpenedPoll(pollId: string, after: [string, string] | null, limit: number): Promise<ProxyListRow[]> {
    const rows: { id: string; fixedStatus: 'in_force' | 'suspended' }[] = await this.dataSource.query(
      `SELECT x.id, pp.status AS "fixedStatus" FROM poll_proxies pp JOIN proxies x ON x.id = pp.proxy_id
        WHERE pp.poll_id = $1 AND ($2::timestamptz IS NULL OR (x.created_at, x.id) > ($2::timestamptz, $3::uuid))
        ORDER BY x.created_at, x.id LIMIT $4`,
      [pollId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    if (!rows.length) return [];
    const byId = new Map((await this.dataSource.getRepository(ProxyEntity).createQueryBuilder('x').whereInIds(rows.map((r) => r.id)).getMany()).map((p) => [p.id, p]));
    return rows.map((r) => Object.assign(byId.get(r.id) as ProxyEntity, { fixedStatus: r.fixedStatus }));
  }

  /** Every proxy given for a sitting or one of its polls, oldest first (the minutes list them). */
  ofSessionAndItsPolls(sessionId: string): Promise<{ delegator: string; delegate: string; pollQuestion: string | null; status: 'active' | 'revoked' }[]> {
    return this.dataSource.query(
      `SELECT x.delegator_membership_id AS delegator, x.delegate_membership_id AS delegate, p.question AS "pollQuestion", x.status
         FROM proxies x LEFT JOIN polls p ON p.id = x.poll_id
        WHERE x.session_id = $1 OR p.session_id = $1 ORDER BY x.created_at, x.id`,
      [sessionId],
    );
  }

  /** The delegate in force for a delegator in a poll (null: no proxy holds). */
  async delegateInForce(pollId: string, delegator: string): Promise<string | null> {
    const rows: { d: string }[] = await this.dataSource.query(
      `SELECT delegate_membership_id AS d FROM poll_proxies WHERE poll_id = $1 AND delegator_membership_id = $2 AND status = 'in_force'`,
      [pollId, delegator],
    );
    return rows[0]?.d ?? null;
  }
}
