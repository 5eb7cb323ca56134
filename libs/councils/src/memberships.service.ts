import { Injectable } from '@nestjs/common';
import { compositionAt, dateOf, revisionProblem, roleSetProblem, termChangeProblem } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, FieldError, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { UsersRepository } from '@kenes/identity';
import { AccessService } from './access/access.service';
import { AgenciesRepository } from './agencies.repository';
import { membershipSummary, toMembershipDto } from './councils.mappers';
import { CompositionDto, CreateMembershipDto, MembershipDto, UpdateMembershipDto } from './dto/membership.dto';
import { CouncilEntity } from './entities/council.entity';
import { MembershipsRepository } from './memberships.repository';
import { CouncilsError } from './councils.errors';

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
        throw conflict(CouncilsError.MembershipTermOverlap, 'The user already holds a membership in this council for part of that term; end it first (rotation).');
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
   * new membership. A change of roles or attributes takes effect from
   * `effectiveOn` (default today) and is kept as a revision, so that what the
   * council looked like before that date never changes. The row carries the
   * latest values.
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
    const today = dateOf(new Date());
    const updated = await this.uow.run(async (tx) => {
      const m = await this.memberships.lockById(tx.em, membershipId);
      if (!m) throw notFound('Membership');
      const before = membershipSummary(m);
      const endsOn = dto.endsOn === undefined ? m.endsOn : dto.endsOn;
      const problem = termChangeProblem(m, endsOn, today);
      if (problem === 'ends_before_start') throw invalidField('endsOn', 'must not be before startsOn');
      if (problem === 'term_ended') throw conflict(CouncilsError.MembershipTermEnded, "This membership's term has ended; history is not rewritten.");
      const roles = dto.roles ?? m.roles;
      const roleProblem = roleSetProblem(roles, Boolean(m.agencyId));
      if (roleProblem) throw invalidField('roles', roleProblem);
      if (endsOn !== m.endsOn && (await this.memberships.overlapsAnother(tx.em, { ...m, endsOn }))) {
        throw conflict(CouncilsError.MembershipTermOverlap, 'The longer term would overlap another membership of the same user.');
      }
      let effectiveOn: string | null = null;
      if (dto.roles || dto.attributes) {
        effectiveOn = dto.effectiveOn ?? today;
        const revisions = await this.memberships.revisionsOf(tx.em, m.id);
        const latest = revisions.length ? revisions[revisions.length - 1].effectiveOn : null;
        const when = revisionProblem({ startsOn: m.startsOn, endsOn }, latest, effectiveOn);
        if (when === 'before_start') throw invalidField('effectiveOn', 'must not be before the term starts (startsOn)');
        if (when === 'after_end') throw invalidField('effectiveOn', 'must not be after the term ends (endsOn)');
        if (when === 'before_earlier_change') throw invalidField('effectiveOn', `must not be before the latest change to this membership (${latest})`);
        // The first change records what the term started with, so that earlier dates keep reading it.
        if (!revisions.length && effectiveOn > m.startsOn) {
          await this.memberships.putRevision(tx.em, { membershipId: m.id, effectiveOn: m.startsOn, roles: m.roles, attributes: m.attributes ?? {} });
        }
        const attributes = dto.attributes ? { ...(m.attributes ?? {}), ...dto.attributes } : (m.attributes ?? {});
        await this.memberships.putRevision(tx.em, { membershipId: m.id, effectiveOn, roles, attributes });
        m.attributes = attributes;
      }
      m.endsOn = endsOn;
      m.roles = roles;
      const saved = await this.memberships.save(tx.em, m);
      await tx.audit({
        councilId: m.councilId,
        actorUserId: user.id,
        action: 'membership.updated',
        objectType: 'membership',
        objectId: m.id,
        before,
        after: membershipSummary(saved),
        ...(effectiveOn ? { details: { effectiveOn } } : {}),
      });
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
