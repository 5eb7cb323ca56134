import { mergeProxySettings } from '@kenes/core';
import { AgencyEntity } from './entities/agency.entity';
import { CouncilEntity } from './entities/council.entity';
import { MembershipEntity } from './entities/membership.entity';
import { WorkingGroupEntity } from './entities/working-group.entity';
import { AgencyDto } from './dto/agency.dto';
import { CouncilDto } from './dto/council.dto';
import { MembershipDto } from './dto/membership.dto';
import { GroupMemberDto, WorkingGroupDto } from './dto/working-group.dto';
import { GroupMemberRow } from './working-groups.repository';

export const toCouncilDto = (c: CouncilEntity): CouncilDto => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  balanceDimensions: c.balanceDimensions,
  minorityOpinionWindowHours: c.minorityOpinionWindowHours,
  plenaryQuorum: c.plenaryQuorum ?? null,
  publishOpenData: c.publishOpenData ?? false,
  proxyVoting: mergeProxySettings(c.proxyVoting, {}),
  petitions: c.petitions ?? null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const toMembershipDto = (m: MembershipEntity): MembershipDto => ({
  id: m.id,
  councilId: m.councilId,
  userId: m.userId,
  user: m.user ? { id: m.user.id, fullName: m.user.fullName, email: m.user.email } : null,
  roles: m.roles,
  agencyId: m.agencyId ?? null,
  attributes: m.attributes ?? {},
  startsOn: m.startsOn,
  endsOn: m.endsOn ?? null,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

/** What the audit log keeps of a membership. */
export const membershipSummary = (m: MembershipEntity) => ({
  userId: m.userId,
  roles: m.roles,
  agencyId: m.agencyId ?? null,
  attributes: m.attributes ?? {},
  startsOn: m.startsOn,
  endsOn: m.endsOn ?? null,
});

export const toAgencyDto = (a: AgencyEntity): AgencyDto => ({
  id: a.id,
  councilId: a.councilId,
  name: a.name,
  code: a.code,
  createdAt: a.createdAt.toISOString(),
});

export const toWorkingGroupDto = (g: WorkingGroupEntity): WorkingGroupDto => ({
  id: g.id,
  councilId: g.councilId,
  name: g.name,
  mandate: g.mandate,
  createdAt: g.createdAt.toISOString(),
});

export const toGroupMemberDto = (r: GroupMemberRow): GroupMemberDto => ({
  id: r.id,
  workingGroupId: r.workingGroupId,
  membershipId: r.membershipId,
  userId: r.userId,
  fullName: r.fullName,
  role: r.role,
  createdAt: new Date(r.createdAt).toISOString(),
});
