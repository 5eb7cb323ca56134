import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipEntity } from './entities/membership.entity';

@Injectable()
export class MembershipsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, m: Partial<MembershipEntity>): Promise<MembershipEntity> {
    return em.save(MembershipEntity, em.create(MembershipEntity, m));
  }

  async save(em: EntityManager, m: MembershipEntity): Promise<MembershipEntity> {
    return em.save(MembershipEntity, m);
  }

  findById(id: string): Promise<MembershipEntity | null> {
    return this.dataSource.getRepository(MembershipEntity).findOne({ where: { id }, relations: { user: true } });
  }

  /** Locks the row for an update in this transaction. */
  lockById(em: EntityManager, id: string): Promise<MembershipEntity | null> {
    return em.getRepository(MembershipEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user's memberships in a council whose term covers the date. */
  activeOfUser(councilId: string, userId: string, at: string): Promise<MembershipEntity[]> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.council_id = :councilId AND m.user_id = :userId', { councilId, userId })
      .andWhere('m.starts_on <= :at AND (m.ends_on IS NULL OR m.ends_on >= :at)', { at })
      .getMany();
  }

  /** Every membership of the user, in every council (for /auth/me). */
  allOfUser(userId: string): Promise<MembershipEntity[]> {
    return this.dataSource.getRepository(MembershipEntity).find({ where: { userId }, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  /** Whether another term of the same user in the council shares a day with [startsOn, endsOn]. */
  async overlapsAnother(em: EntityManager, m: { id?: string; councilId: string; userId: string; startsOn: string; endsOn: string | null }): Promise<boolean> {
    const rows = await em.query(
      `SELECT 1 FROM memberships WHERE council_id = $1 AND user_id = $2 AND ($3::uuid IS NULL OR id <> $3)
          AND daterange(starts_on, ends_on, '[]') && daterange($4::date, $5::date, '[]') LIMIT 1`,
      [m.councilId, m.userId, m.id ?? null, m.startsOn, m.endsOn],
    );
    return rows.length > 0;
  }

  /** Memberships covering a date, ordered by (created_at, id), after a cursor. */
  coveringPage(councilId: string, at: string, after: [string, string] | null, limit: number): Promise<MembershipEntity[]> {
    const qb = this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.user', 'u')
      .where('m.council_id = :councilId', { councilId })
      .andWhere('m.starts_on <= :at AND (m.ends_on IS NULL OR m.ends_on >= :at)', { at });
    if (after) qb.andWhere('(m.created_at, m.id) > (:cat::timestamptz, :cid::uuid)', { cat: after[0], cid: after[1] });
    return qb.orderBy('m.created_at', 'ASC').addOrderBy('m.id', 'ASC').limit(limit).getMany();
  }

  /** Voting members (role `member`) whose term covers the date: what the composition counts. */
  membersCovering(councilId: string, at: string): Promise<Pick<MembershipEntity, 'roles' | 'attributes' | 'startsOn' | 'endsOn'>[]> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .select(['m.roles', 'm.attributes', 'm.startsOn', 'm.endsOn'])
      .where('m.council_id = :councilId', { councilId })
      .andWhere(`'member' = ANY (m.roles)`)
      .andWhere('m.starts_on <= :at AND (m.ends_on IS NULL OR m.ends_on >= :at)', { at })
      .getMany();
  }
}
