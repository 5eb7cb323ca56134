import { Injectable } from '@nestjs/common';
import { dateOf } from '@kenes/core';
import { AuthUser, decodeCursor, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService, CouncilContext } from './access/access.service';
import { toGroupMemberDto, toWorkingGroupDto } from './councils.mappers';
import { AddGroupMemberDto, CreateWorkingGroupDto, GroupMemberDto, WorkingGroupDto, WorkingGroupWithMembersDto } from './dto/working-group.dto';
import { WorkingGroupEntity } from './entities/working-group.entity';
import { MembershipsRepository } from './memberships.repository';
import { WorkingGroupsRepository } from './working-groups.repository';

@Injectable()
export class WorkingGroupsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly groups: WorkingGroupsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  async create(user: AuthUser, councilId: string, dto: CreateWorkingGroupDto): Promise<WorkingGroupDto> {
    await this.access.requireCouncil(user, councilId, 'working_group.create');
    const group = await this.uow.run(async (tx) => {
      const g = await this.groups.insert(tx.em, { councilId, name: dto.name, mandate: dto.mandate });
      await tx.audit({ councilId, actorUserId: user.id, action: 'working_group.created', objectType: 'working_group', objectId: g.id, after: { name: g.name, mandate: g.mandate } });
      return g;
    });
    return toWorkingGroupDto(group);
  }

  async list(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<WorkingGroupDto>> {
    await this.access.requireCouncil(user, councilId, 'working_group.read');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.groups.page(councilId, after, q.limit + 1);
    return toPage(rows, q.limit, (g) => [g.createdAt.toISOString(), g.id], toWorkingGroupDto);
  }

  /** The group and the caller's context in its council; 404 when either is out of reach. */
  async reach(user: AuthUser, groupId: string): Promise<{ group: WorkingGroupEntity; ctx: CouncilContext }> {
    const group = await this.groups.findById(groupId);
    if (!group) throw notFound('Working group');
    const ctx = await this.access.councilContext(user, group.councilId).catch(() => {
      throw notFound('Working group');
    });
    return { group, ctx };
  }

  async get(user: AuthUser, groupId: string): Promise<WorkingGroupWithMembersDto> {
    const { group, ctx } = await this.reach(user, groupId);
    this.access.require(ctx, 'working_group.read');
    const members = await this.groups.members(groupId);
    return { ...toWorkingGroupDto(group), members: members.map(toGroupMemberDto) };
  }

  async addMember(user: AuthUser, groupId: string, dto: AddGroupMemberDto): Promise<GroupMemberDto> {
    const { group, ctx } = await this.reach(user, groupId);
    this.access.require(ctx, 'working_group.add_member');
    const membership = await this.memberships.findById(dto.membershipId);
    if (!membership || membership.councilId !== group.councilId) {
      throw invalidField('membershipId', 'does not refer to a membership of this council');
    }
    if (!membership.roles.includes('member')) throw invalidField('membershipId', 'must be a membership with role member');
    if (membership.endsOn !== null && membership.endsOn < dateOf(new Date())) throw invalidField('membershipId', "refers to a membership whose term has ended");
    const row = await this.uow.run(async (tx) => {
      const gm = await this.groups.insertMember(tx.em, { workingGroupId: groupId, membershipId: dto.membershipId, role: dto.role });
      await tx.audit({
        councilId: group.councilId,
        actorUserId: user.id,
        action: 'working_group.member_added',
        objectType: 'working_group',
        objectId: groupId,
        after: { membershipId: dto.membershipId, role: dto.role },
      });
      return gm;
    });
    return toGroupMemberDto({
      id: row.id,
      workingGroupId: groupId,
      membershipId: row.membershipId,
      userId: membership.userId,
      fullName: membership.user?.fullName ?? '',
      role: row.role,
      createdAt: row.createdAt,
    });
  }
}
