import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingGroupEntity } from './entities/working-group.entity';
import { GroupRole, WorkingGroupMemberEntity } from './entities/working-group-member.entity';

export interface GroupMemberRow {
  id: string;
  workingGroupId: string;
  membershipId: string;
  userId: string;
  fullName: string;
  role: GroupRole;
  createdAt: Date | string;
}

@Injectable()
export class WorkingGroupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, g: Partial<WorkingGroupEntity>): Promise<WorkingGroupEntity> {
    return em.save(WorkingGroupEntity, em.create(WorkingGroupEntity, g));
  }

  insertMember(em: EntityManager, m: Partial<WorkingGroupMemberEntity>): Promise<WorkingGroupMemberEntity> {
    return em.save(WorkingGroupMemberEntity, em.create(WorkingGroupMemberEntity, m));
  }

  findById(id: string): Promise<WorkingGroupEntity | null> {
    return this.dataSource.getRepository(WorkingGroupEntity).findOneBy({ id });
  }

  page(councilId: string, after: [string, string] | null, limit: number): Promise<WorkingGroupEntity[]> {
    const qb = this.dataSource.getRepository(WorkingGroupEntity).createQueryBuilder('g').where('g.council_id = :councilId', { councilId });
    if (after) qb.andWhere('(g.created_at, g.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('g.created_at', 'ASC').addOrderBy('g.id', 'ASC').limit(limit).getMany();
  }

  /** The group's members with their names, in one query. */
  members(groupId: string, em?: EntityManager): Promise<GroupMemberRow[]> {
    return (em ?? this.dataSource.manager).query(
      `SELECT gm.id, gm.working_group_id AS "workingGroupId", gm.membership_id AS "membershipId",
              m.user_id AS "userId", u.full_name AS "fullName", gm.role, gm.created_at AS "createdAt"
         FROM working_group_members gm
         JOIN memberships m ON m.id = gm.membership_id
         JOIN users u ON u.id = m.user_id
        WHERE gm.working_group_id = $1
        ORDER BY gm.created_at, gm.id`,
      [groupId],
    );
  }

  /** Which of the given memberships sit in the group, and in what role. */
  async seatsOf(groupId: string, membershipIds: string[]): Promise<{ membershipId: string; role: GroupRole }[]> {
    if (membershipIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT membership_id AS "membershipId", role FROM working_group_members WHERE working_group_id = $1 AND membership_id = ANY($2::uuid[])`,
      [groupId, membershipIds],
    );
  }
}
