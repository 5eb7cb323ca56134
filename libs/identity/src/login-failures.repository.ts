import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class LoginFailuresRepository {
  /** Serialises login attempts for one email within the transaction. */
  async lockEmail(em: EntityManager, email: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.login:' || $1, 0))`, [email]);
  }

  /** When the email may try again, if `max` failures already fall in the window. */
  async lockedUntil(em: EntityManager, email: string, max: number, windowSeconds: number): Promise<Date | null> {
    const rows: { until: Date }[] = await em.query(
      `SELECT at + make_interval(secs => $3) AS until FROM login_failures
        WHERE email = $1 AND at > now() - make_interval(secs => $3)
        ORDER BY at DESC OFFSET $2 - 1 LIMIT 1`,
      [email, max, windowSeconds],
    );
    return rows[0]?.until ?? null;
  }

  async record(em: EntityManager, email: string, windowSeconds: number): Promise<void> {
    await em.query(`DELETE FROM login_failures WHERE email = $1 AND at <= now() - make_interval(secs => $2)`, [email, windowSeconds]);
    await em.query(`INSERT INTO login_failures (email) VALUES ($1)`, [email]);
  }

  async clear(em: EntityManager, email: string): Promise<void> {
    await em.query(`DELETE FROM login_failures WHERE email = $1`, [email]);
  }
}
