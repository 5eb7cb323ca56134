import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlanStage } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { PlanItemUpdateEntity } from './entities/plan-item-update.entity';
import { PlanItemEntity } from './entities/plan-item.entity';
import { PlanEntity } from './entities/plan.entity';
import { ReformPackageEntity } from './entities/reform-package.entity';

export interface ItemFilters {
  /** Only items that are (is: true) or are not (is: false) overdue on the date `on`. */
  overdue?: { is: boolean; on: string };
  agencyId?: string;
  reformPackageId?: string;
  stage?: PlanStage;
}

@Injectable()
export class ImplementationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insertPackage(em: EntityManager, p: Partial<ReformPackageEntity>): Promise<ReformPackageEntity> {
    return em.save(ReformPackageEntity, em.create(ReformPackageEntity, p));
  }

  findPackage(id: string): Promise<ReformPackageEntity | null> {
    return this.dataSource.getRepository(ReformPackageEntity).findOneBy({ id });
  }

  packagesPage(councilId: string, after: [string, string] | null, limit: number): Promise<ReformPackageEntity[]> {
    const qb = this.dataSource.getRepository(ReformPackageEntity).createQueryBuilder('r').where('r.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(r.created_at, r.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('r.created_at').addOrderBy('r.id').limit(limit).getMany();
  }

  plansPage(councilId: string, after: [string, string] | null, limit: number): Promise<PlanEntity[]> {
    const qb = this.dataSource.getRepository(PlanEntity).createQueryBuilder('p').where('p.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(p.created_at, p.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('p.created_at').addOrderBy('p.id').limit(limit).getMany();
  }

  /** Items per stage of each plan, in one query for a page of plans. */
  async stageCounts(planIds: string[]): Promise<{ planId: string; stage: string; n: number }[]> {
    if (!planIds.length) return [];
    const rows = await this.dataSource
      .getRepository(PlanItemEntity)
      .createQueryBuilder('i')
      .select('i.plan_id', 'planId')
      .addSelect('i.stage', 'stage')
      .addSelect('count(*)::int', 'n')
      .where('i.plan_id IN (:...planIds)', { planIds })
      .groupBy('i.plan_id')
      .addGroupBy('i.stage')
      .getRawMany<{ planId: string; stage: string; n: number }>();
    return rows;
  }

  insertPlan(em: EntityManager, p: Partial<PlanEntity>): Promise<PlanEntity> {
    return em.save(PlanEntity, em.create(PlanEntity, p));
  }

  findPlan(id: string): Promise<PlanEntity | null> {
    return this.dataSource.getRepository(PlanEntity).findOneBy({ id });
  }

  insertItem(em: EntityManager, i: Partial<PlanItemEntity>): Promise<PlanItemEntity> {
    return em.save(PlanItemEntity, em.create(PlanItemEntity, i));
  }

  findItem(id: string): Promise<PlanItemEntity | null> {
    return this.dataSource.getRepository(PlanItemEntity).findOneBy({ id });
  }

  lockItem(em: EntityManager, id: string): Promise<PlanItemEntity | null> {
    return em.getRepository(PlanItemEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveItem(em: EntityManager, i: PlanItemEntity): Promise<PlanItemEntity> {
    return em.save(PlanItemEntity, i);
  }

  insertUpdate(em: EntityManager, u: Partial<PlanItemUpdateEntity>): Promise<PlanItemUpdateEntity> {
    return em.save(PlanItemUpdateEntity, em.create(PlanItemUpdateEntity, u));
  }

  /** A page of an item's history, oldest first (the order the stages were reached). */
  updatesPage(itemId: string, after: [string, string] | null, limit: number): Promise<PlanItemUpdateEntity[]> {
    const qb = this.dataSource.getRepository(PlanItemUpdateEntity).createQueryBuilder('u').where('u.item_id = :itemId', { itemId });
    if (after) qb.andWhere('(u.created_at, u.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('u.created_at').addOrderBy('u.id').limit(limit).getMany();
  }

  itemsOfPlan(planId: string): Promise<PlanItemEntity[]> {
    return this.dataSource.getRepository(PlanItemEntity).find({ where: { planId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The stages of every item of a proposal (in the caller's transaction, after its change). */
  async stagesOfProposal(em: EntityManager, proposalId: string): Promise<PlanStage[]> {
    const rows: { stage: PlanStage }[] = await em.query('SELECT stage FROM plan_items WHERE proposal_id = $1', [proposalId]);
    return rows.map((r) => r.stage);
  }

  itemsPage(councilId: string, f: ItemFilters, after: [string, string] | null, limit: number): Promise<PlanItemEntity[]> {
    const qb = this.dataSource.getRepository(PlanItemEntity).createQueryBuilder('i').where('i.council_id = :councilId', { councilId });
    // The same rule as isOverdue (libs/core), in SQL so that a page holds only matching items.
    const overdue = `(i.due_on < :today AND i.stage NOT IN ('in_force', 'cancelled'))`;
    if (f.overdue) qb.andWhere(f.overdue.is ? overdue : `NOT ${overdue}`, { today: f.overdue.on });
    if (f.agencyId) qb.andWhere('i.responsible_agency_id = :agencyId', { agencyId: f.agencyId });
    if (f.reformPackageId) qb.andWhere('i.reform_package_id = :pkg', { pkg: f.reformPackageId });
    if (f.stage) qb.andWhere('i.stage = :stage', { stage: f.stage });
    if (after) qb.andWhere('(i.due_on, i.id) > (:due::date, :id::uuid)', { due: after[0], id: after[1] });
    return qb.orderBy('i.due_on').addOrderBy('i.id').limit(limit).getMany();
  }

  /** Agency names by id, for the export. */
  async agencyNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM agencies WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Progress per responsible agency and per reform package: items by stage,
   * overdue items and mean progress, in one pass over the council's items.
   */
  summary(councilId: string, today: string): Promise<{ dimension: 'agency' | 'package'; key: string | null; name: string | null; stage: string; items: number; overdue: number; progressSum: number; progressCount: number }[]> {
    return this.dataSource.query(
      `SELECT d.dimension, d.key, d.name, i.stage, count(*)::int AS items,
              count(*) FILTER (WHERE i.due_on < $2 AND i.stage NOT IN ('in_force', 'cancelled'))::int AS overdue,
              COALESCE(sum(i.progress), 0)::int AS "progressSum", count(i.progress)::int AS "progressCount"
         FROM plan_items i
         JOIN agencies a ON a.id = i.responsible_agency_id
         LEFT JOIN reform_packages r ON r.id = i.reform_package_id
         CROSS JOIN LATERAL (VALUES ('agency', a.id::text, a.name), ('package', r.id::text, r.title)) AS d(dimension, key, name)
        WHERE i.council_id = $1
        GROUP BY d.dimension, d.key, d.name, i.stage
        ORDER BY d.dimension, d.name NULLS LAST, i.stage`,
      [councilId, today],
    );
  }
}
