import { Injectable } from '@nestjs/common';
import { decideRequestedTransition, diffVersionsBounded, isEditable, Requester } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, DomainError, forbidden, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { WorkingGroupsService } from '@kenes/councils';
import { WorkingGroupsRepository } from '@kenes/councils';
import { CreateProposalDto, DiffDto, ProposalDto, TraceEntryDto, TransitionDto, UpdateProposalDto, VersionDto } from './dto/proposal.dto';
import { ProposalEntity } from './entities/proposal.entity';
import { ProposalAccessService, ProposalContext } from './proposal-access.service';
import { toProposalDto, toTraceDto, toVersionDto } from './proposals.mappers';
import { ProposalsRepository } from './proposals.repository';
import { TraceRepository } from './trace.repository';
import { TraceService } from './trace.service';
import { TransitionsService } from './transitions.service';
import { ProposalsError } from './proposals.errors';

const textSummary = (p: { title: string; summary: string; body: string }) => ({ title: p.title, summaryLength: p.summary.length, bodyLength: p.body.length });

@Injectable()
export class ProposalsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly proposals: ProposalsRepository,
    private readonly access: ProposalAccessService,
    private readonly groupsService: WorkingGroupsService,
    private readonly groups: WorkingGroupsRepository,
    private readonly traceService: TraceService,
    private readonly traceRepo: TraceRepository,
    private readonly transitions: TransitionsService,
  ) {}

  /** A member of the group drafts a proposal; co-authors must sit in the same group. */
  async create(user: AuthUser, groupId: string, dto: CreateProposalDto): Promise<ProposalDto> {
    const { group, ctx } = await this.groupsService.reach(user, groupId);
    const active = ctx.memberships.filter((m) => m.roles.includes('member')).map((m) => m.id);
    const [seat] = await this.groups.seatsOf(groupId, active);
    if (!seat) throw forbidden('Only members of the working group draft proposals in it.');
    const coAuthors = dto.coAuthorMembershipIds ?? [];
    if (coAuthors.length) {
      const seated = await this.groups.seatsOf(groupId, coAuthors);
      const missing = coAuthors.filter((id) => !seated.some((s) => s.membershipId === id));
      if (missing.length) throw invalidField('coAuthorMembershipIds', `must be memberships of this working group (not: ${missing.join(', ')})`);
    }
    const proposal = await this.uow.run(async (tx) => {
      const p = await this.proposals.insert(tx.em, {
        councilId: group.councilId,
        workingGroupId: groupId,
        status: 'draft',
        currentVersion: 1,
        title: dto.title,
        summary: dto.summary,
        body: dto.body,
      });
      await this.proposals.insertAuthors(tx.em, p.id, seat.membershipId, coAuthors);
      const v = await this.proposals.insertVersion(tx.em, { proposalId: p.id, version: 1, title: dto.title, summary: dto.summary, body: dto.body, authorMembershipId: seat.membershipId });
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'proposal.created', objectType: 'proposal', objectId: p.id, after: { ...textSummary(p), workingGroupId: groupId, coAuthors } });
      await this.traceService.append(tx, { proposalId: p.id, kind: 'created', summary: `Drafted in working group "${group.name}": ${p.title}`, ref: { type: 'proposal', id: p.id }, data: { origin: 'working_group', groupName: group.name, title: p.title } });
      await this.traceService.append(tx, { proposalId: p.id, kind: 'version', summary: 'Version 1', ref: { type: 'proposal_version', id: v.id }, data: { version: 1 } });
      return p;
    });
    return this.view(proposal, null);
  }

  async get(user: AuthUser, proposalId: string): Promise<ProposalDto> {
    const pc = await this.access.reach(user, proposalId);
    return this.view(pc.proposal, pc.readableVersions);
  }

  /**
   * A co-author writes a new version based on `basedOn` (If-Match). Stale →
   * 412 with the current version; of two writers on the same version exactly
   * one wins (a conditional UPDATE), the other gets 412.
   */
  async update(user: AuthUser, proposalId: string, basedOn: number | null, dto: UpdateProposalDto): Promise<ProposalDto> {
    const pc = await this.access.reach(user, proposalId);
    if (!pc.authorMembershipId) throw forbidden('Only the co-authors edit a proposal.');
    if (basedOn === null) throw new DomainError('precondition_required', 'IF_MATCH_REQUIRED', 'Send If-Match with the version your edit is based on, e.g. If-Match: "3".');
    if (Number.isNaN(basedOn)) throw invalidField('If-Match', 'must name a version, e.g. "3"');
    if (!isEditable(pc.proposal.status)) throw conflict(ProposalsError.ProposalNotEditable, `A proposal in status ${pc.proposal.status} can no longer change.`, { proposalStatus: pc.proposal.status });
    const authorMembershipId = pc.authorMembershipId;
    const updated = await this.uow.run(async (tx) => {
      const p = await this.proposals.bumpVersion(tx.em, proposalId, basedOn, dto);
      if (!p) return null;
      if (!isEditable(p.status)) throw conflict(ProposalsError.ProposalNotEditable, `A proposal in status ${p.status} can no longer change.`, { proposalStatus: p.status });
      const v = await this.proposals.insertVersion(tx.em, { proposalId, version: p.currentVersion, title: dto.title, summary: dto.summary, body: dto.body, authorMembershipId });
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'proposal.version_created', objectType: 'proposal', objectId: p.id, before: { version: basedOn }, after: { version: p.currentVersion, ...textSummary(p) } });
      await this.traceService.append(tx, { proposalId, kind: 'version', summary: `Version ${p.currentVersion}`, ref: { type: 'proposal_version', id: v.id }, data: { version: p.currentVersion } });
      return p;
    });
    if (!updated) throw await this.stale(proposalId, basedOn);
    return this.view(updated, null);
  }

  private async stale(proposalId: string, basedOn: number): Promise<DomainError> {
    const current = await this.proposals.findById(proposalId);
    const version = current ? await this.proposals.version(proposalId, current.currentVersion) : null;
    return new DomainError('stale', 'PROPOSAL_VERSION_STALE', `Your edit is based on version ${basedOn}, but the proposal is at version ${current?.currentVersion}. Reload, merge, and send again.`, {
      currentVersion: current?.currentVersion ?? null,
      current: version ? toVersionDto(version) : null,
    });
  }

  async versions(user: AuthUser, proposalId: string, q: { limit: number; cursor?: string }): Promise<Page<VersionDto>> {
    const pc = await this.access.reach(user, proposalId);
    const after = decodeCursor(q.cursor, 1);
    const rows = await this.proposals.versionsPage(proposalId, after ? Number(after[0]) : 0, q.limit + 1, pc.readableVersions);
    return toPage(rows, q.limit, (v) => [v.version], toVersionDto);
  }

  async version(user: AuthUser, proposalId: string, n: number): Promise<VersionDto> {
    const pc = await this.access.reach(user, proposalId);
    if (pc.readableVersions && !pc.readableVersions.includes(n)) throw notFound('Version');
    const v = await this.proposals.version(proposalId, n);
    if (!v) throw notFound('Version');
    return toVersionDto(v);
  }

  async diff(user: AuthUser, proposalId: string, from: number, to: number): Promise<DiffDto> {
    const pc = await this.access.reach(user, proposalId);
    const readable = (n: number) => !pc.readableVersions || pc.readableVersions.includes(n);
    const [a, b] = await Promise.all([this.proposals.version(proposalId, from), this.proposals.version(proposalId, to)]);
    if (!a || !readable(from)) throw invalidField('from', `there is no version ${from} of this proposal`);
    if (!b || !readable(to)) throw invalidField('to', `there is no version ${to} of this proposal`);
    return { from, to, ...(await diffVersionsBounded(a, b)) };
  }

  /** POST /transitions: state first (409 with what the caller may request), then role (403). */
  async requestTransition(user: AuthUser, proposalId: string, dto: TransitionDto): Promise<ProposalDto> {
    const pc = await this.access.reach(user, proposalId);
    const capacities = this.capacities(pc);
    const decision = decideRequestedTransition(pc.proposal.status, dto.to, capacities);
    if (!decision.ok && decision.reason === 'not_allowed') {
      throw conflict(ProposalsError.TransitionNotAllowed, `A proposal in status ${pc.proposal.status} cannot be moved to ${dto.to} on request.`, { proposalStatus: pc.proposal.status, allowed: decision.allowed });
    }
    if (!decision.ok) throw forbidden(`Only a co-author${dto.to === 'withdrawn' ? '' : " or the group's coordinator"} may move this proposal to ${dto.to}.`);
    const updated = await this.uow.run(async (tx) => {
      const p = await this.transitions.request(tx, { proposalId, to: dto.to, actorUserId: user.id, reason: dto.reason ?? null, expectedFrom: pc.proposal.status, capacities });
      return p;
    });
    return this.view(updated, null);
  }

  async trace(user: AuthUser, proposalId: string, q: { limit: number; cursor?: string }): Promise<Page<TraceEntryDto>> {
    const pc = await this.access.reach(user, proposalId);
    const after = decodeCursor(q.cursor, 2) as [string, number] | null;
    // An agency's representative sees its own consultations and the versions they cite, not another agency's.
    const only = pc.readableVersions && pc.readerAgencyIds ? { versions: pc.readableVersions, agencyIds: pc.readerAgencyIds } : null;
    const rows = await this.traceRepo.page(proposalId, after, q.limit + 1, only);
    return toPage(rows, q.limit, (t) => [t.at.toISOString(), Number(t.seq)], toTraceDto);
  }

  private capacities(pc: ProposalContext): Requester[] {
    const c: Requester[] = [];
    if (pc.authorMembershipId) c.push('co_author');
    if (pc.isCoordinator) c.push('coordinator');
    return c;
  }

  private async view(p: ProposalEntity, readableVersions: number[] | null): Promise<ProposalDto> {
    const authors = await this.proposals.authors(p.id);
    if (readableVersions && !readableVersions.includes(p.currentVersion)) {
      const latest = Math.max(...readableVersions);
      const v = await this.proposals.version(p.id, latest);
      if (v) return toProposalDto(p, authors, { version: v.version, title: v.title, summary: v.summary, body: v.body });
    }
    return toProposalDto(p, authors);
  }
}

