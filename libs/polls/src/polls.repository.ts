import { Injectable, Logger } from '@nestjs/common';
import { CouncilEntity, rolesOnSql } from '@kenes/councils';
import { InjectDataSource } from '@nestjs/typeorm';
import { Batcher } from '@kenes/common';
import { Choice, ProxySettings } from '@kenes/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { receiptHash } from './ballot-crypto';
import { CAST_CONTEXT_STATEMENT, namedCastStatement, SECRET_CAST_STATEMENT } from './cast-statements';
import { PollEntity } from './entities/poll.entity';

export type Counts = Record<Choice, number>;

/** A poll on a proposal with what its answer needs beside the row. */
export interface ProposalPollRow {
  poll: PollEntity;
  live: { participation: number; counts: Counts | null } | null;
  minorityOpinionWindowHours: number;
}

const zero = (): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 });

@Injectable()
export class PollsRepository {
  private readonly logger = new Logger(PollsRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A named prepared statement on the pool TypeORM manages: PostgreSQL parses
   * and plans it once per connection. Used by the cast path, which a hall
   * runs hundreds of times a second.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: T[] }> } }).master;
    return (await pool.query({ name, text, values })).rows;
  }

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

  /** What a voter's named cast with this Idempotency-Key was answered (null if no ballot was cast with it). */
  async keyAnswer(pollId: string, membershipId: string, key: string): Promise<{ requestHash: string; receipt: string } | null> {
    const rows: { requestHash: string; receipt: string }[] = await this.dataSource.query(
      'SELECT request_hash AS "requestHash", receipt FROM ballot_keys WHERE poll_id = $1 AND membership_id = $2 AND idempotency_key = $3',
      [pollId, membershipId, key],
    );
    return rows[0] ?? null;
  }

  /**
   * A named ballot and its audit entry, only while the poll is open: FOR
   * SHARE on the poll row makes closing wait for casts in flight. Returns null
   * when the poll is not open, or when `replace` is false and a ballot exists.
   *
   * Casts arriving together share one statement (see `castBatch`), so a hall
   * voting at once costs a round trip and a commit per batch, not per ballot.
   */
  castNamed(b: NamedCast): Promise<{ receipt: string; inserted: boolean } | null> {
    return (b.replace ? this.replacingCasts : this.onceCasts).submit(b);
  }

  private readonly onceCasts = new Batcher<NamedCast, CastResult | null>({
    ...CAST_BATCHING,
    keyOf: voterKey,
    run: (casts) => this.castBatch(casts, false),
  });

  private readonly replacingCasts = new Batcher<NamedCast, CastResult | null>({
    ...CAST_BATCHING,
    keyOf: voterKey,
    run: (casts) => this.castBatch(casts, true),
  });

  /**
   * Named ballots and their audit entries in one statement (atomic without a
   * transaction round trip). The batcher never puts one voter twice in a
   * batch; rows go in key order, so concurrent batches lock alike. The
   * statement, with its proxy checks, is namedCastStatement.
   */
  private async castBatch(casts: readonly NamedCast[], replace: boolean): Promise<(CastResult | null)[]> {
    const rows: { ord: string; receipt: string; inserted: boolean }[] = await this.prepared(
      replace ? 'kenes_cast_named_replace_v3' : 'kenes_cast_named_once_v3',
      namedCastStatement(replace),
      [
        casts.map((c) => c.pollId),
        casts.map((c) => c.membershipId),
        casts.map((c) => c.choice),
        casts.map((c) => c.reason),
        casts.map((c) => c.receipt),
        casts.map((c) => c.idempotencyKey),
        casts.map((c) => c.requestHash),
        casts.map((c) => c.councilId),
        casts.map((c) => c.actorUserId),
        casts.map((c) => receiptHash(c.receipt)),
        casts.map((c) => c.castBy ?? null),
        casts.map((c) => c.delegatorMayVote ?? true),
      ],
    );
    const out: (CastResult | null)[] = casts.map(() => null);
    for (const r of rows) out[Number(r.ord) - 1] = { receipt: r.receipt, inserted: r.inserted };
    return out;
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

  async isOpen(pollId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM polls WHERE id = $1 AND status = 'open'`, [pollId]);
    return rows.length > 0;
  }

  /**
   * How many of a session poll's voters are checked in to its sitting now;
   * with `withRepresented`, also those whose ballot a delegate cast.
   */
  async presentAmongVoters(em: EntityManager, poll: { id: string; sessionId: string; secret: boolean; withRepresented: boolean }): Promise<number> {
    if (!poll.withRepresented) {
      const [row] = await em.query(
        `SELECT count(*)::int AS n FROM session_check_ins ci JOIN poll_voters v ON v.membership_id = ci.membership_id AND v.poll_id = $2
          WHERE ci.session_id = $1 AND ci.connected_until > now()`,
        [poll.sessionId, poll.id],
      );
      return row.n;
    }
    const byProxy = poll.secret ? 'secret_participations' : 'ballots';
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM poll_voters v
        WHERE v.poll_id = $2
          AND (EXISTS (SELECT 1 FROM session_check_ins ci WHERE ci.session_id = $1 AND ci.membership_id = v.membership_id AND ci.connected_until > now())
               OR EXISTS (SELECT 1 FROM ${byProxy} b WHERE b.poll_id = v.poll_id AND b.membership_id = v.membership_id AND b.cast_by_membership_id IS NOT NULL))`,
      [poll.sessionId, poll.id],
    );
    return row.n;
  }

  /** The counts of a named poll, in the database (one GROUP BY). A secret poll is counted from its opened choices. */
  async namedCounts(pollId: string, em?: EntityManager): Promise<Counts> {
    const c = zero();
    const rows: { choice: Choice; n: number }[] = await (em ?? this.dataSource.manager).query(
      'SELECT choice, count(*)::int AS n FROM ballots WHERE poll_id = $1 GROUP BY choice',
      [pollId],
    );
    for (const r of rows) c[r.choice] = r.n;
    return c;
  }

  /** Every sealed choice of a secret poll with its slot id (the encryption binds it) and receipt hash. */
  secretChoices(em: EntityManager, pollId: string): Promise<SealedChoice[]> {
    return em.query('SELECT id, choice AS sealed, receipt_hash AS "receiptHash" FROM secret_slots WHERE poll_id = $1', [pollId]);
  }

  /** How many voters took part in a secret poll, inside a transaction (closing compares it with the choices). */
  async secretParticipationIn(em: EntityManager, pollId: string): Promise<number> {
    const [row] = await em.query('SELECT count(*)::int AS n FROM secret_participations WHERE poll_id = $1', [pollId]);
    return row.n;
  }

  /**
   * The closing rewrite of a secret poll's choices, in two steps that the
   * closing transaction interleaves with its own work: every slot is deleted,
   * then written anew in the order given (a random one), under fresh ids and
   * fresh encryption. Afterwards all of them carry that transaction's id, and
   * their physical order is the shuffle's. The triggers allow this only while
   * the poll is closed and not yet sealed.
   */
  async deleteSecretChoices(em: EntityManager, pollId: string): Promise<void> {
    await em.query('DELETE FROM secret_slots WHERE poll_id = $1', [pollId]);
  }

  /** Writes rewritten choices, in the order given (see deleteSecretChoices). */
  async insertSecretChoices(em: EntityManager, pollId: string, fresh: readonly SealedChoice[]): Promise<void> {
    await em.query(
      `INSERT INTO secret_slots (id, poll_id, choice, receipt_hash, sealed)
       SELECT id, $1, choice, receipt_hash, true FROM unnest($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS f(id, choice, receipt_hash, ord) ORDER BY ord`,
      [pollId, fresh.map((c) => c.id), fresh.map((c) => c.sealed), fresh.map((c) => c.receiptHash)],
    );
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

  /** A session's open polls, in the order they were opened. */
  /** A session's polls that were opened (open or closed), in the order they opened. */
  openedPollsOfSession(sessionId: string, em?: EntityManager): Promise<PollEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(PollEntity).find({ where: { sessionId, status: In(['open', 'closed']) }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  openPollsOfSession(em: EntityManager, sessionId: string): Promise<PollEntity[]> {
    return em.getRepository(PollEntity).find({ where: { sessionId, status: 'open' }, order: { openedAt: 'ASC', id: 'ASC' } });
  }

  private vacuuming: Promise<void> | null = null;
  private vacuumAgain = false;

  /**
   * VACUUM of the secret choices after a closing rewrite: the deleted
   * versions (with the casts' transaction ids and old ciphertexts) would link
   * choices to participations until removed. Runs after the commit, one at a
   * time; a role that may not vacuum the table (not its owner, nor MAINTAIN
   * on PostgreSQL 17+) is skipped with a notice, and autovacuum (set to act
   * on any dead row of this table) removes them within its nap time.
   */
  vacuumSecretChoices(): void {
    if (this.vacuuming) {
      this.vacuumAgain = true;
      return;
    }
    this.vacuuming = this.dataSource
      .query('VACUUM secret_slots')
      .then(() => undefined, (err: unknown) => this.logger.warn(`VACUUM secret_slots: ${String(err)}`))
      .finally(() => {
        this.vacuuming = null;
        if (this.vacuumAgain) {
          this.vacuumAgain = false;
          this.vacuumSecretChoices();
        }
      });
  }

  /** Resolves when no vacuum of the secret choices is running (tests wait on it). */
  async vacuumed(): Promise<void> {
    while (this.vacuuming) await this.vacuuming;
  }

  /** Marks a closed poll's choices sealed: from now on the triggers refuse any change to them. */
  async markSealed(em: EntityManager, pollId: string): Promise<Date> {
    const [row]: { sealedAt: Date }[] = await em.query(`UPDATE polls SET sealed_at = now() WHERE id = $1 AND status = 'closed' RETURNING sealed_at AS "sealedAt"`, [pollId]);
    return row.sealedAt;
  }

  /** How many took part in a secret poll (what an open secret poll shows). */
  async participation(pollId: string, secret: boolean): Promise<number> {
    const table = secret ? 'secret_participations' : 'ballots';
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE poll_id = $1`, [pollId]);
    return row.n;
  }

  /** Ballots of a poll cast by proxy (named ballots, or secret participations: never a choice). */
  async castByProxy(em: EntityManager, pollId: string, secret: boolean): Promise<number> {
    const table = secret ? 'secret_participations' : 'ballots';
    const [row] = await em.query(`SELECT count(*)::int AS n FROM ${table} WHERE poll_id = $1 AND cast_by_membership_id IS NOT NULL`, [pollId]);
    return row.n;
  }

  /** A closed named poll's ballots by member (and who cast each by proxy), after a membership id. */
  namedBallots(pollId: string, after: string | null = null, limit = 1_000_000): Promise<{ membershipId: string; choice: Choice; castByMembershipId: string | null }[]> {
    return this.dataSource.query(
      'SELECT membership_id AS "membershipId", choice, cast_by_membership_id AS "castByMembershipId" FROM ballots WHERE poll_id = $1 AND ($2::uuid IS NULL OR membership_id > $2) ORDER BY membership_id LIMIT $3',
      [pollId, after, limit],
    );
  }

  /** Receipt hashes after a position, in their own order, which says nothing about who or when. */
  async receiptHashesPage(pollId: string, secret: boolean, after: string | null, limit: number): Promise<string[]> {
    const rows: { r: string }[] = secret
      ? await this.dataSource.query(
          `SELECT receipt_hash AS r FROM secret_slots WHERE poll_id = $1 AND receipt_hash IS NOT NULL AND ($2::text IS NULL OR receipt_hash > $2) ORDER BY receipt_hash LIMIT $3`,
          [pollId, after, limit],
        )
      : await this.dataSource.query(
          `SELECT receipt_hash AS r FROM ballots WHERE poll_id = $1 AND ($2::text IS NULL OR receipt_hash > $2) ORDER BY receipt_hash LIMIT $3`,
          [pollId, after, limit],
        );
    return rows.map((x) => x.r);
  }

  /** The sealed choice a secret receipt proves, if the receipt belongs to this poll. */
  async secretChoiceOf(pollId: string, receiptHash: string): Promise<SealedChoice | null> {
    const rows: SealedChoice[] = await this.dataSource.query(
      'SELECT id, choice AS sealed, receipt_hash AS "receiptHash" FROM secret_slots WHERE poll_id = $1 AND receipt_hash = $2',
      [pollId, receiptHash],
    );
    return rows[0] ?? null;
  }

  async hasParticipated(pollId: string, membershipId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM secret_participations WHERE poll_id = $1 AND membership_id = $2', [pollId, membershipId]);
    return rows.length > 0;
  }

  async namedChoiceOf(pollId: string, membershipId: string): Promise<Choice | null> {
    const rows: { choice: Choice }[] = await this.dataSource.query('SELECT choice FROM ballots WHERE poll_id = $1 AND membership_id = $2', [pollId, membershipId]);
    return rows[0]?.choice ?? null;
  }

  /** The keyed hash of the Idempotency-Key the voter's secret ballot was cast with (null: none, or no ballot). */
  async participationKeyHash(pollId: string, membershipId: string): Promise<string | null> {
    const rows: { h: string | null }[] = await this.dataSource.query(
      'SELECT idempotency_hash AS h FROM secret_participations WHERE poll_id = $1 AND membership_id = $2',
      [pollId, membershipId],
    );
    return rows[0]?.h ?? null;
  }

  /**
   * A secret ballot in one statement (atomic without a transaction round
   * trip), only while the poll is open (FOR SHARE: closing waits for it):
   * the fact of voting goes to secret_participations (one per voter, by its
   * key), the sealed choice and the receipt's hash into a slot of their own
   * with no reference back, and an audit entry that names the voter and
   * never the choice or the receipt. The three rows share this statement's
   * transaction id while the poll is open; closing rewrites the slots.
   */
  async castSecret(c: SecretCast): Promise<'cast' | 'closed' | 'voted'> {
    const [row] = await this.prepared<{ open: boolean; participated: boolean }>(
      'kenes_cast_secret_v3',
      SECRET_CAST_STATEMENT,
      [c.pollId, c.membershipId, c.idempotencyHash, c.sealedChoice, c.receiptHash, c.councilId, c.actorUserId, c.slotId, c.castBy ?? null, c.delegatorMayVote ?? true],
    );
    if (!row.open) return 'closed';
    return row.participated ? 'cast' : 'voted';
  }

  /**
   * Everything a cast decides on, in one round trip: the poll, the roles of
   * the caller's memberships active on `today` in its council, and the
   * caller's voter membership if eligible (null when the poll does not
   * exist). The hot path of a hall voting at once, so concurrent casts share
   * one query; other routes go through AccessService.
   */
  castContext(pollId: string, userId: string, today: string, onBehalfOf: string | null = null): Promise<CastContext | null> {
    return this.contexts.submit({ pollId, userId, today, onBehalfOf });
  }

  private readonly contexts = new Batcher<ContextQuery, CastContext | null>({
    ...CAST_BATCHING,
    run: (qs) => this.castContexts(qs),
  });

  private async castContexts(qs: readonly ContextQuery[]): Promise<(CastContext | null)[]> {
    const rows: (CastContext & { ord: string })[] = await this.prepared(
      'kenes_cast_context_v3',
      CAST_CONTEXT_STATEMENT,
      [qs.map((q) => q.pollId), qs.map((q) => q.userId), qs.map((q) => q.today), qs.map((q) => q.onBehalfOf)],
    );
    const out: (CastContext | null)[] = qs.map(() => null);
    for (const { ord, ...c } of rows) out[Number(ord) - 1] = c;
    return out;
  }
}

/**
 * Up to 64 casts share a statement, and up to 4 such statements run at once
 * (connections the rest of the API keeps the use of).
 */
const CAST_BATCHING = { maxBatch: 64, maxInFlight: 2 };

const voterKey = (c: NamedCast) => `${c.pollId}/${c.membershipId}`;

export interface NamedCast {
  pollId: string;
  /** The member whose ballot it is (the delegator, for a ballot cast by proxy). */
  membershipId: string;
  /** The delegate casting by proxy (null or absent: the member themselves). */
  castBy?: string | null;
  /** Whether the member may cast while a proxy of theirs holds (the poll's fixed delegatorMayVote); default true. */
  delegatorMayVote?: boolean;
  choice: Choice;
  reason: string | null;
  receipt: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  replace: boolean;
  councilId: string;
  actorUserId: string;
}

export interface SecretCast {
  pollId: string;
  /** The member whose ballot it is (the delegator, for a ballot cast by proxy). */
  membershipId: string;
  /** The delegate casting by proxy (null or absent: the voter themselves). */
  castBy?: string | null;
  /** As NamedCast's; default true. */
  delegatorMayVote?: boolean;
  /** BallotCrypto.idempotencyHash of the cast's Idempotency-Key, never the key. */
  idempotencyHash: string | null;
  /** The slot's id, chosen by the app: the encryption binds the choice to it. */
  slotId: string;
  /** The choice as BallotCrypto sealed it: only the app can open it. */
  sealedChoice: string;
  receiptHash: string;
  councilId: string;
  actorUserId: string;
}

/** A secret poll's choice as stored: its slot, the ciphertext, and the receipt's hash. */
export interface SealedChoice {
  id: string;
  sealed: string;
  receiptHash: string;
}

export interface CastResult {
  receipt: string;
  inserted: boolean;
}

export interface CastContext {
  id: string;
  councilId: string;
  status: 'draft' | 'open' | 'closed';
  secret: boolean;
  rule: import('@kenes/core').ResolvedRule;
  sessionId: string | null;
  workingGroupId: string | null;
  legacyBallotCipher: boolean;
  roles: string[];
  inCouncil: boolean;
  voterMembershipId: string | null;
  /** The council's proxy settings as fixed when the poll opened (null: no proxies for it). */
  proxySettings: import('@kenes/core').ProxySettings | null;
  /** The delegate in force for the member the caller casts for (null: none, or no onBehalfOf). */
  delegateInForce: string | null;
  /** Whether a proxy the caller gave holds for this poll. */
  ownProxyInForce: boolean;
}

interface ContextQuery {
  pollId: string;
  userId: string;
  today: string;
  onBehalfOf: string | null;
}
