import type { ProxySettings } from '@kenes/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PetitionSettings } from '@kenes/core';
import { CouncilEntity } from './entities/council.entity';

@Injectable()
export class CouncilsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, council: Partial<CouncilEntity>): Promise<CouncilEntity> {
    const saved = await em.save(CouncilEntity, em.create(CouncilEntity, council));
    return saved;
  }

  async update(
    em: EntityManager,
    id: string,
    changes: Partial<Pick<CouncilEntity, 'name' | 'publishOpenData' | 'minorityOpinionWindowHours' | 'plenaryQuorum'>> & { proxyVoting?: ProxySettings; petitions?: PetitionSettings },
  ): Promise<CouncilEntity> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length) await em.getRepository(CouncilEntity).update({ id }, set);
    return (await em.getRepository(CouncilEntity).findOneBy({ id })) as CouncilEntity;
  }

  /** The council's row, locked until the transaction ends (settings changed by read, merge, write). */
  lockById(em: EntityManager, id: string): Promise<CouncilEntity | null> {
    return em.getRepository(CouncilEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string): Promise<CouncilEntity | null> {
    return this.dataSource.getRepository(CouncilEntity).findOneBy({ id });
  }

  findBySlug(slug: string): Promise<CouncilEntity | null> {
    return this.dataSource.getRepository(CouncilEntity).findOneBy({ slug });
  }

  /** Councils ordered by (created_at, id) after a cursor; all of them, or those where the user holds a membership active on `today`. */
  async page(opts: { userId: string | null; today: string; after: [string, string] | null; limit: number }): Promise<CouncilEntity[]> {
    const qb = this.dataSource.getRepository(CouncilEntity).createQueryBuilder('c');
    if (opts.userId) {
      qb.where(
        `EXISTS (SELECT 1 FROM memberships m WHERE m.council_id = c.id AND m.user_id = :userId
            AND m.starts_on <= :today AND (m.ends_on IS NULL OR m.ends_on >= :today))`,
        { userId: opts.userId, today: opts.today },
      );
    }
    if (opts.after) qb.andWhere('(c.created_at, c.id) > (:at::timestamptz, :id::uuid)', { at: opts.after[0], id: opts.after[1] });
    return qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(opts.limit).getMany();
  }
}
