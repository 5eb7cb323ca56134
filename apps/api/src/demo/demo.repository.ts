import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The demo seed's own reads and writes: demo accounts and groups by their published names. */
@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Seeds run one at a time across nodes (until the transaction ends); the demo council's id if it exists by then. */
  async lockSeed(em: EntityManager, slug: string): Promise<string | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.demo-seed', 0))`);
    const rows: { id: string }[] = await em.query('SELECT id FROM councils WHERE slug = $1', [slug]);
    return rows[0]?.id ?? null;
  }

  async userByEmail(email: string): Promise<{ id: string; email: string } | null> {
    const [row] = await this.dataSource.query(`SELECT id, email FROM users WHERE email = $1`, [email]);
    return row ?? null;
  }

  /** A demo account with its membership in the council. */
  async memberByEmail(councilId: string, email: string): Promise<{ id: string; email: string; membershipId: string }> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, m.id AS "membershipId" FROM users u JOIN memberships m ON m.user_id = u.id AND m.council_id = $1 WHERE u.email = $2`,
      [councilId, email],
    );
    return row;
  }

  async groupByName(councilId: string, name: string): Promise<{ id: string }> {
    const [row] = await this.dataSource.query(`SELECT id FROM working_groups WHERE council_id = $1 AND name = $2`, [councilId, name]);
    return row;
  }

  /** The emails of a group's members, in order. */
  async emailsOfGroup(groupId: string): Promise<string[]> {
    const rows: { email: string }[] = await this.dataSource.query(
      `SELECT u.email FROM working_group_members gm JOIN memberships m ON m.id = gm.membership_id JOIN users u ON u.id = m.user_id
        WHERE gm.working_group_id = $1 ORDER BY u.email`,
      [groupId],
    );
    return rows.map((r) => r.email);
  }

  async agencyByCode(councilId: string, code: string): Promise<{ id: string }> {
    const [row] = await this.dataSource.query(`SELECT id FROM agencies WHERE council_id = $1 AND code = $2`, [councilId, code]);
    return row;
  }

  /** A validated email signature of a fictional signer, as a confirmation leaves it (a keyed hash only). */
  async insertValidatedSignature(em: EntityManager, petitionId: string, signer: Buffer, region: string): Promise<void> {
    await em.query(`INSERT INTO petition_signatures (petition_id, signer_hash, method, status, region, validated_at) VALUES ($1, $2, 'email', 'validated', $3, now())`, [petitionId, signer, region]);
  }
}
