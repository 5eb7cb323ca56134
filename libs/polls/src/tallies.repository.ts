import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Choice } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import type { SealedChoice } from './ballots.repository';

export type Counts = Record<Choice, number>;

const zero = (): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 });

/**
 * Counting a poll and publishing its result: live counts while it is open;
 * at closing, who was present, what was cast by proxy, and a secret poll's
 * choices opened and rewritten (then vacuumed); once closed, the receipt
 * list and a named poll's ballots.
 */
@Injectable()
export class TalliesRepository {
  private readonly logger = new Logger(TalliesRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
}
