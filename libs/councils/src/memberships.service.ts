import { Injectable } from '@nestjs/common';
import { compositionAt, dateOf, roleSetProblem, termChangeProblem } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, FieldError, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit/unit-of-work';
import { UsersRepository } from '@kenes/identity/users.repository';
import { AccessService } from './access/access.service';
import { AgenciesRepository } from './agencies.repository';
import { membershipSummary, toMembershipDto } from './councils.mappers';
import { CompositionDto, CreateMembershipDto, MembershipDto, UpdateMembershipDto } from './dto/membership.dto';
import { CouncilEntity } from './entities/council.entity';
import { MembershipsRepository } from './memberships.repository';

const MAX_ATTRIBUTE_LENGTH = 200;

function attributeErrors(council: CouncilEntity, attributes: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (!council.balanceDimensions.includes(key)) {
      errors.push({ field: `attributes.${key}`, message: `is not a balance dimension of this council (${council.balanceDimensions.join(', ') || 'none'})` });
    } else if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ATTRIBUTE_LENGTH) {
      errors.push({ field: `attributes.${key}`, message: `must be a non-empty string of at most ${MAX_ATTRIBUTE_LENGTH} characters` });
    }
  }
  return errors;
}

@Injectable()
export class MembershipsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly memberships: MembershipsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly users: UsersRepository,
  ) {}

  async create(user: AuthUser, councilId: string, dto: CreateMembershipDto): Promise<MembershipDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'membership.create');
    const attributes = dto.attributes ?? {};
    const errors = attributeErrors(ctx.council, attributes);
    const roleProblem = roleSetProblem(dto.roles, Boolean(dto.agencyId));
    if (roleProblem) errors.push({ field: roleProblem.startsWith('agencyId') ? 'agencyId' : 'roles', message: roleProblem });
    if (dto.endsOn && dto.endsOn < dto.startsOn) errors.push({ field: 'endsOn', message: 'must not be before startsOn' });
    if (errors.length) throw invalid(errors);
    const member = await this.users.findById(dto.userId);
    if (!member) throw invalidField('userId', 'does not refer to an existing user');
    if (dto.agencyId && !(await this.agencies.findInCouncil(councilId, dto.agencyId))) {
      throw invalidField('agencyId', 'does not refer to an agency of this council');
    }
    const created = await this.uow.run(async (tx) => {
      const term = { councilId, userId: dto.userId, startsOn: dto.startsOn, endsOn: dto.endsOn ?? null };
      if (await this.memberships.overlapsAnother(tx.em, term)) {
        throw conflict('MEMBERSHIP_TERM_OVERLAP', 'The user already holds a membership in this council for part of that term; end it first (rotation).');
      }
      const m = await this.memberships.insert(tx.em, { ...term, roles: dto.roles, agencyId: dto.agencyId ?? null, attributes });
      await tx.audit({ councilId, actorUserId: user.id, action: 'membership.created', objectType: 'membership', objectId: m.id, after: membershipSummary(m) });
      return m;
    });
    created.user = member;
    return toMembershipDto(created);
  }

  /**
   * Changes a term's end, roles or attributes. A term that has already ended
   * is history and stays as it is (409); rotation ends one term and starts a
   * new membership, so past compositions never change.
   */
  async update(user: AuthUser, membershipId: string, dto: UpdateMembershipDto): Promise<MembershipDto> {
    const existing = await this.memberships.findById(membershipId);
    if (!existing) throw notFound('Membership');
    const ctx = await this.access.councilContext(user, existing.councilId).catch(() => {
      throw notFound('Membership');
    });
    this.access.require(ctx, 'membership.update');
    const errors = dto.attributes ? attributeErrors(ctx.council, dto.attributes) : [];
    if (errors.length) throw invalid(errors);
    const updated = await this.uow.run(async (tx) => {
      const m = await this.memberships.lockById(tx.em, membershipId);
      if (!m) throw notFound('Membership');
      const before = membershipSummary(m);
      const endsOn = dto.endsOn === undefined ? m.endsOn : dto.endsOn;
      const problem = termChangeProblem(m, endsOn, dateOf(new Date()));
      if (problem === 'ends_before_start') throw invalidField('endsOn', 'must not be before startsOn');
      if (problem === 'term_ended') throw conflict('MEMBERSHIP_TERM_ENDED', "This membership's term has ended; history is not rewritten.");
      const roles = dto.roles ?? m.roles;
      const roleProblem = roleSetProblem(roles, Boolean(m.agencyId));
      if (roleProblem) throw invalidField('roles', roleProblem);
      if (endsOn !== m.endsOn && (await this.memberships.overlapsAnother(tx.em, { ...m, endsOn }))) {
        throw conflict('MEMBERSHIP_TERM_OVERLAP', 'The longer term would overlap another membership of the same user.');
      }
      m.endsOn = endsOn;
      m.roles = roles;
      if (dto.attributes) m.attributes = { ...m.attributes, ...dto.attributes };
      const saved = await this.memberships.save(tx.em, m);
      await tx.audit({ councilId: m.councilId, actorUserId: user.id, action: 'membership.updated', objectType: 'membership', objectId: m.id, before, after: membershipSummary(saved) });
      return saved;
    });
    updated.user = existing.user;
    return toMembershipDto(updated);
  }

  async list(user: AuthUser, councilId: string, q: { at?: string; limit: number; cursor?: string }): Promise<Page<MembershipDto>> {
    const ctx = await this.access.requireCouncil(user, councilId, 'membership.read');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.memberships.coveringPage(councilId, q.at ?? dateOf(new Date()), after, q.limit + 1);
    // Email addresses are personal data: the secretariat and the admin see them, the rest of the council sees names.
    const seesEmail = this.access.allows(ctx, 'membership.update');
    return toPage(rows, q.limit, (m) => [m.createdAt.toISOString(), m.id], (m) => {
      const dto = toMembershipDto(m);
      return seesEmail || !dto.user ? dto : { ...dto, user: { ...dto.user, email: null } };
    });
  }

  async composition(user: AuthUser, councilId: string, at?: string): Promise<CompositionDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'composition.read');
    const date = at ?? dateOf(new Date());
    const members = await this.memberships.membersCovering(councilId, date);
    return compositionAt(members, ctx.council.balanceDimensions, date);
  }
}
