import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BalanceTarget } from '@kenes/core';
import { BalanceSettingsEntity } from './entities/balance-settings.entity';
import { BalanceTargetEntity } from './entities/balance-target.entity';
import { CandidateEntity } from './entities/candidate.entity';
import { RotationPlanEntity } from './entities/rotation-plan.entity';

/** The only place that touches the balance and rotation tables. */
@Injectable()
export class RotationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.dataSource.manager;
  }

  async targetsOf(councilId: string, em?: EntityManager): Promise<{ seats: number | null; targets: BalanceTarget[]; updatedAt: Date | null }> {
    const settings = await this.m(em).findOneBy(BalanceSettingsEntity, { councilId });
    const rows = await this.m(em).find(BalanceTargetEntity, { where: { councilId }, order: { dimension: 'ASC', value: 'ASC' } });
    return { seats: settings?.seats ?? null, targets: rows.map(({ dimension, value, min, max, weight }) => ({ dimension, value, min, max, weight })), updatedAt: settings?.updatedAt ?? null };
  }

  /** Replaces the council's targets and seats (locks its settings row: one writer at a time). */
  async replaceTargets(em: EntityManager, councilId: string, seats: number | null, targets: BalanceTarget[]): Promise<void> {
    await em.query(
      `INSERT INTO balance_settings (council_id, seats, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (council_id) DO UPDATE SET seats = EXCLUDED.seats, updated_at = now()`,
      [councilId, seats],
    );
    await em.query('SELECT 1 FROM balance_settings WHERE council_id = $1 FOR UPDATE', [councilId]);
    await em.delete(BalanceTargetEntity, { councilId });
    if (targets.length) await em.insert(BalanceTargetEntity, targets.map((t) => ({ councilId, ...t })));
  }

  insertCandidate(em: EntityManager, c: Pick<CandidateEntity, 'councilId' | 'userId' | 'attributes' | 'note'>): Promise<CandidateEntity> {
    return em.save(CandidateEntity, em.create(CandidateEntity, { ...c, status: 'available' }));
  }

  candidatesPage(councilId: string, after: [string, string] | null, limit: number): Promise<CandidateEntity[]> {
    const qb = this.dataSource
      .getRepository(CandidateEntity)
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.user', 'u')
      .where('c.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(c.created_at, c.id) > (:cat::timestamptz, :cid::uuid)', { cat: after[0], cid: after[1] });
    return qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit).getMany();
  }

  /** The pool on a date: available candidates who hold no membership of the council covering it. */
  poolOn(councilId: string, on: string, em?: EntityManager): Promise<{ id: string; userId: string; attributes: Record<string, string> }[]> {
    return this.m(em).query(
      `SELECT c.id, c.user_id AS "userId", c.attributes FROM rotation_candidates c
        WHERE c.council_id = $1 AND c.status = 'available'
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.council_id = c.council_id AND m.user_id = c.user_id
                            AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on >= $2::date))
        ORDER BY c.created_at, c.id`,
      [councilId, on],
    );
  }

  /** Whether the user holds a membership of the council covering the date. */
  async isMemberOn(councilId: string, userId: string, on: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM memberships WHERE council_id = $1 AND user_id = $2 AND starts_on <= $3::date AND (ends_on IS NULL OR ends_on >= $3::date) LIMIT 1`,
      [councilId, userId, on],
    );
    return rows.length > 0;
  }

  markJoined(em: EntityManager, ids: string[]): Promise<unknown> {
    return em.query(`UPDATE rotation_candidates SET status = 'joined' WHERE id = ANY($1::uuid[])`, [ids]);
  }

  insertPlan(em: EntityManager, p: Omit<RotationPlanEntity, 'id' | 'createdAt' | 'appliedAt' | 'council'>): Promise<RotationPlanEntity> {
    return em.save(RotationPlanEntity, em.create(RotationPlanEntity, { ...p, appliedAt: null }));
  }

  plansPage(councilId: string, after: [string, string] | null, limit: number): Promise<RotationPlanEntity[]> {
    const qb = this.dataSource.getRepository(RotationPlanEntity).createQueryBuilder('p').where('p.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(p.created_at, p.id) < (:cat::timestamptz, :cid::uuid)', { cat: after[0], cid: after[1] });
    return qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
  }

  findPlan(id: string): Promise<RotationPlanEntity | null> {
    return this.dataSource.getRepository(RotationPlanEntity).findOneBy({ id });
  }

  /** Locks the council's row until the transaction ends (plans of one council apply one at a time). */
  async lockCouncil(em: EntityManager, councilId: string): Promise<void> {
    await em.query('SELECT id FROM councils WHERE id = $1 FOR UPDATE', [councilId]);
  }

  lockPlan(em: EntityManager, id: string): Promise<RotationPlanEntity | null> {
    return em.getRepository(RotationPlanEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  savePlan(em: EntityManager, p: RotationPlanEntity): Promise<RotationPlanEntity> {
    return em.save(RotationPlanEntity, p);
  }
}
