import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** An attempt counted against the limit (`created`: the email had no row yet), or refused until a time. */
export type LoginAttempt = { counted: true; created: boolean } | { counted: false };

/**
 * The per-account login limit, counted in PostgreSQL (so it holds across API
 * nodes) by single statements on the pool: never a transaction, so no
 * connection waits on a password hash.
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts an attempt before its password is checked, unless `max` attempts
   * already fall in the window. One upsert: concurrent attempts on one email
   * queue on its row's lock and each sees the one before, so exactly `max`
   * are counted however many arrive at once.
   */
  async count(email: string, max: number, windowSeconds: number): Promise<LoginAttempt> {
    const rows: { created: boolean }[] = await this.dataSource.query(
      `INSERT INTO login_failures AS f (email, failed_at, last_at) VALUES ($1, ARRAY[now()], now())
       ON CONFLICT (email) DO UPDATE
          SET failed_at = ARRAY(SELECT a FROM unnest(f.failed_at) a WHERE a > now() - make_interval(secs => $3) ORDER BY a) || now(),
              last_at = now()
        WHERE cardinality(ARRAY(SELECT a FROM unnest(f.failed_at) a WHERE a > now() - make_interval(secs => $3))) < $2
       RETURNING (xmax = 0) AS created`,
      [email, max, windowSeconds],
    );
    return rows.length ? { counted: true, created: rows[0].created } : { counted: false };
  }

  /** When the email may try again: the `max`-th latest attempt leaves the window (null if fewer remain). */
  async lockedUntil(email: string, max: number, windowSeconds: number): Promise<Date | null> {
    const rows: { until: Date }[] = await this.dataSource.query(
      `SELECT a + make_interval(secs => $3) AS until FROM login_failures f, unnest(f.failed_at) a
        WHERE f.email = $1 AND a > now() - make_interval(secs => $3)
        ORDER BY a DESC OFFSET $2 - 1 LIMIT 1`,
      [email, max, windowSeconds],
    );
    return rows[0]?.until ?? null;
  }

  /** A successful login forgets the email's failures. */
  async clear(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE email = $1`, [email]);
  }

  /**
   * Deletes up to `limit` rows whose last attempt has left the window (by
   * index; rows another statement holds are skipped, so several nodes may
   * prune at once). Returns how many went.
   */
  async prune(windowSeconds: number, limit: number): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM login_failures WHERE email IN (
         SELECT email FROM login_failures WHERE last_at <= now() - make_interval(secs => $1)
          ORDER BY last_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [windowSeconds, limit],
    );
    return deleted;
  }
}
