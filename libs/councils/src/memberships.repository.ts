import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipRevisionEntity } from './entities/membership-revision.entity';
import { MembershipEntity } from './entities/membership.entity';

/**
 * SQL for a membership's roles in force on a date: its latest revision on or
 * before the date, else the row's own (a membership never changed). `alias` is
 * the memberships alias, `on` a date expression (a parameter).
 */
export const rolesOnSql = (alias: string, on: string): string =>
  `COALESCE((SELECT r.roles FROM membership_revisions r WHERE r.membership_id = ${alias}.id AND r.effective_on <= ${on}
              ORDER BY r.effective_on DESC LIMIT 1), ${alias}.roles)`;

/** SQL for a membership's attributes in force on a date (as rolesOnSql). */
export const attributesOnSql = (alias: string, on: string): string =>
  `COALESCE((SELECT r.attributes FROM membership_revisions r WHERE r.membership_id = ${alias}.id AND r.effective_on <= ${on}
              ORDER BY r.effective_on DESC LIMIT 1), ${alias}.attributes)`;

/** A membership as it stood on a date: its roles and attributes then. */
export interface MembershipOn {
  id: string;
  userId: string;
  roles: string[];
  attributes: Record<string, string>;
  startsOn: string;
  endsOn: string | null;
}

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
  async activeOfUser(councilId: string, userId: string, at: string): Promise<MembershipEntity[]> {
    const { entities, raw } = await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .addSelect(rolesOnSql('m', ':at'), 'roles_on')
      .addSelect(attributesOnSql('m', ':at'), 'attributes_on')
      .where('m.council_id = :councilId AND m.user_id = :userId', { councilId, userId })
      .andWhere('m.starts_on <= :at AND (m.ends_on IS NULL OR m.ends_on >= :at)', { at })
      .getRawAndEntities<{ m_id: string; roles_on: MembershipEntity['roles']; attributes_on: Record<string, string> }>();
    return entities.map((e) => asOn(e, raw.find((r) => r.m_id === e.id)));
  }

  /**
   * Every membership of the user, in every council (for /auth/me), with its
   * roles and attributes as they are today (for a term ended or to come: on
   * its last or first day).
   */
  async allOfUser(userId: string): Promise<MembershipEntity[]> {
    const on = `LEAST(GREATEST(:today::date, m.starts_on), COALESCE(m.ends_on, 'infinity'::date))`;
    const { entities, raw } = await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .addSelect(rolesOnSql('m', on), 'roles_on')
      .addSelect(attributesOnSql('m', on), 'attributes_on')
      .where('m.user_id = :userId', { userId, today: new Date().toISOString().slice(0, 10) })
      .orderBy('m.starts_on', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawAndEntities<{ m_id: string; roles_on: MembershipEntity['roles']; attributes_on: Record<string, string> }>();
    return entities.map((e) => asOn(e, raw.find((r) => r.m_id === e.id)));
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
  async coveringPage(councilId: string, at: string, after: [string, string] | null, limit: number): Promise<MembershipEntity[]> {
    const qb = this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.user', 'u')
      .where('m.council_id = :councilId', { councilId })
      .addSelect(rolesOnSql('m', ':at'), 'roles_on')
      .addSelect(attributesOnSql('m', ':at'), 'attributes_on')
      .andWhere('m.starts_on <= :at AND (m.ends_on IS NULL OR m.ends_on >= :at)', { at });
    if (after) qb.andWhere('(m.created_at, m.id) > (:cat::timestamptz, :cid::uuid)', { cat: after[0], cid: after[1] });
    const { entities, raw } = await qb
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit)
      .getRawAndEntities<{ m_id: string; roles_on: MembershipEntity['roles']; attributes_on: Record<string, string> }>();
    return entities.map((e) => asOn(e, raw.find((r) => r.m_id === e.id)));
  }

  /** Voting members (role `member` then) whose term covers the date, with their attributes then: what the composition counts. */
  async membersCovering(councilId: string, at: string, em?: EntityManager): Promise<MembershipOn[]> {
    return this.coveringOn(councilId, at, true, em);
  }

  /** Every membership covering the date, with its roles and attributes then (voting members only if asked). */
  async coveringOn(councilId: string, at: string, votingOnly: boolean, em?: EntityManager): Promise<MembershipOn[]> {
    const rows: MembershipOn[] = await (em ?? this.dataSource.manager).query(
      `SELECT * FROM (
         SELECT m.id, m.user_id AS "userId", ${rolesOnSql('m', '$2::date')} AS roles, ${attributesOnSql('m', '$2::date')} AS attributes,
                to_char(m.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn", m.created_at
           FROM memberships m
          WHERE m.council_id = $1 AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on >= $2::date)) x
        WHERE NOT $3::boolean OR 'member' = ANY (x.roles)
        ORDER BY x.created_at, x.id`,
      [councilId, at, votingOnly],
    );
    return rows.map(({ id, userId, roles, attributes, startsOn, endsOn }) => ({ id, userId, roles, attributes, startsOn, endsOn }));
  }

  /**
   * Voting members at some time between two dates: memberships whose term
   * overlaps [from, to], with role `member` and the attributes in force on
   * their last day in that span.
   */
  async votingBetween(councilId: string, from: string, to: string, em?: EntityManager): Promise<MembershipOn[]> {
    const rows: MembershipOn[] = await (em ?? this.dataSource.manager).query(
      `SELECT * FROM (
         SELECT m.id, m.user_id AS "userId", ${rolesOnSql('m', 'LEAST(COALESCE(m.ends_on, $3::date), $3::date)')} AS roles,
                ${attributesOnSql('m', 'LEAST(COALESCE(m.ends_on, $3::date), $3::date)')} AS attributes,
                to_char(m.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn", m.created_at
           FROM memberships m
          WHERE m.council_id = $1 AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on >= $2::date)) x
        WHERE 'member' = ANY (x.roles)
        ORDER BY x.created_at, x.id`,
      [councilId, from, to],
    );
    return rows.map(({ id, userId, roles, attributes, startsOn, endsOn }) => ({ id, userId, roles, attributes, startsOn, endsOn }));
  }

  /** The membership's revisions, oldest first. */
  revisionsOf(em: EntityManager, membershipId: string): Promise<MembershipRevisionEntity[]> {
    return em.getRepository(MembershipRevisionEntity).find({ where: { membershipId }, order: { effectiveOn: 'ASC' } });
  }

  /** Records the roles and attributes in force from a date (replacing a change on the same day). */
  async putRevision(em: EntityManager, r: Pick<MembershipRevisionEntity, 'membershipId' | 'effectiveOn' | 'roles' | 'attributes'>): Promise<void> {
    await em.query(
      `INSERT INTO membership_revisions (membership_id, effective_on, roles, attributes) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_membership_revisions_effective DO UPDATE SET roles = EXCLUDED.roles, attributes = EXCLUDED.attributes`,
      [r.membershipId, r.effectiveOn, r.roles, JSON.stringify(r.attributes)],
    );
  }
}

/** The entity with the roles and attributes it had on the date of the query. */
function asOn(e: MembershipEntity, raw: { roles_on: MembershipEntity['roles']; attributes_on: Record<string, string> } | undefined): MembershipEntity {
  if (raw) {
    e.roles = raw.roles_on;
    e.attributes = raw.attributes_on;
  }
  return e;
}
