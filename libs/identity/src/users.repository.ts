import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, u: Partial<UserEntity>): Promise<UserEntity> {
    return em.save(UserEntity, em.create(UserEntity, u));
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  findByEmail(email: string, em?: EntityManager): Promise<UserEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
  }

  /** Nodes starting together create the platform admin one at a time (until the transaction ends). */
  async lockAdminBootstrap(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.bootstrap-admin', 0))`);
  }

  async anyAdmin(em: EntityManager): Promise<boolean> {
    return (await em.getRepository(UserEntity).countBy({ isAdmin: true })) > 0;
  }

  async setPublicNameConsent(em: EntityManager, id: string, consent: boolean): Promise<void> {
    await em.getRepository(UserEntity).update({ id }, { publicNameConsent: consent });
  }

  async promoteToAdmin(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(UserEntity).update({ id }, { isAdmin: true });
  }

  page(after: [string, string] | null, limit: number, email?: string): Promise<UserEntity[]> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u');
    if (email) qb.where('u.email = :email', { email: email.toLowerCase() });
    if (after) qb.andWhere('(u.created_at, u.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC').limit(limit).getMany();
  }
}
