import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyEntity } from './entities/agency.entity';

@Injectable()
export class AgenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, a: Partial<AgencyEntity>): Promise<AgencyEntity> {
    return em.save(AgencyEntity, em.create(AgencyEntity, a));
  }

  findById(id: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOneBy({ id });
  }

  findInCouncil(councilId: string, id: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOneBy({ councilId, id });
  }

  page(councilId: string, after: [string, string] | null, limit: number): Promise<AgencyEntity[]> {
    const qb = this.dataSource.getRepository(AgencyEntity).createQueryBuilder('a').where('a.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(a.created_at, a.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
  }
}
