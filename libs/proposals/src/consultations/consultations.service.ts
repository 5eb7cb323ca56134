import { Injectable } from '@nestjs/common';
import { anchorProblem, CONSULTABLE_STATUSES, consultationStatus } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, decodeInstantIdCursor, forbidden, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService } from '@kenes/councils';
import { AgenciesRepository } from '@kenes/councils';
import { MembershipEntity } from '@kenes/councils';
import { ProposalAccessService } from '../proposal-access.service';
import { ProposalsRepository } from '../proposals.repository';
import { TraceService } from '../trace.service';
import { TransitionsService } from '../transitions.service';
import { ConsultationsRepository } from './consultations.repository';
import {
  ConsultationCommentDto,
  ConsultationCommentInputDto,
  ConsultationDto,
  ConsultationListQueryDto,
  ConsultationResponseInputDto,
  OpenConsultationsDto,
} from './dto/consultation.dto';
import { toConsultationCommentDto, toConsultationDto } from './consultations.mappers';
import { ConsultationEntity } from './entities/consultation.entity';
import { ProposalsError } from '../proposals.errors';

/** What the caller may do with one consultation. */
interface ConsultationReach {
  consultation: ConsultationEntity;
  /** The caller's membership representing the consulted agency, if any. */
  repMembership: MembershipEntity | null;
  /** The caller's membership among the proposal's authors, if any. */
  authorMembershipId: string | null;
}

@Injectable()
export class ConsultationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly proposalAccess: ProposalAccessService,
    private readonly proposals: ProposalsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly repo: ConsultationsRepository,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
  ) {}

  /** The secretariat or the group's coordinator addresses the current version to agencies, one consultation each. */
  async open(user: AuthUser, proposalId: string, dto: OpenConsultationsDto): Promise<{ items: ConsultationDto[] }> {
    const pc = await this.proposalAccess.reach(user, proposalId);
    const mayOpen = pc.isCoordinator || this.access.allows(pc.council, 'council.oversee');
    const dueAt = new Date(dto.dueAt);
    if (Number.isNaN(dueAt.getTime())) throw invalidField('dueAt', 'must be an ISO-8601 date-time');
    if (dueAt.getTime() <= Date.now()) throw invalidField('dueAt', 'must lie in the future');
    const agencies = await Promise.all(dto.agencyIds.map((id) => this.agencies.findInCouncil(pc.proposal.councilId, id)));
    const unknown = dto.agencyIds.filter((_, i) => !agencies[i]);
    if (unknown.length) throw invalidField('agencyIds', `must be agencies of this council (not: ${unknown.join(', ')})`);
    if (!mayOpen) throw forbidden("Only the secretariat or the group's coordinator opens consultations.");
    const created = await this.uow.run(async (tx) => {
      const p = await this.proposals.lockById(tx.em, proposalId);
      if (!p) throw notFound('Proposal');
      if (!CONSULTABLE_STATUSES.includes(p.status)) {
        throw conflict(ProposalsError.ProposalNotConsultable, `A proposal in status ${p.status} is no longer sent for consultation.`, { proposalStatus: p.status });
      }
      const list: ConsultationEntity[] = [];
      for (const agency of agencies) {
        const c = await this.repo.insert(tx.em, {
          proposalId,
          councilId: p.councilId,
          agencyId: agency!.id,
          version: p.currentVersion,
          aspects: dto.aspects,
          question: dto.question,
          dueAt,
          createdByUserId: user.id,
          answeredAt: null,
          overdueRecordedAt: null,
        });
        list.push(c);
        await tx.audit({
          councilId: p.councilId,
          actorUserId: user.id,
          action: 'consultation.opened',
          objectType: 'consultation',
          objectId: c.id,
          after: { proposalId, agencyId: c.agencyId, version: c.version, aspects: c.aspects, dueAt: dueAt.toISOString() },
        });
        await this.trace.append(tx, {
          proposalId,
          kind: 'consultation_opened',
          summary: `Version ${c.version} sent to ${agency!.name} (${c.aspects.join(', ')}), due ${dueAt.toISOString().slice(0, 10)}`,
          ref: { type: 'consultation', id: c.id },
          data: { version: c.version, agencyName: agency!.name, aspects: c.aspects, dueAt: dueAt.toISOString() },
        });
      }
      await this.transitions.automatic(tx, { proposalId, cause: 'consultation_opened', actorUserId: user.id });
      return list;
    });
    return { items: created.map((c) => toConsultationDto(c, null, new Date())) };
  }

  /**
   * Reach of a consultation: the secretariat, the proposal's group, and the
   * representatives of the consulted agency; anyone else gets 404.
   */
  private async reach(user: AuthUser, consultationId: string): Promise<ConsultationReach> {
    const consultation = await this.repo.findById(consultationId);
    if (!consultation) throw notFound('Consultation');
    const ctx = await this.access.councilContext(user, consultation.councilId).catch(() => {
      throw notFound('Consultation');
    });
    const repMembership = ctx.memberships.find((m) => m.roles.includes('agency_rep') && m.agencyId === consultation.agencyId) ?? null;
    if (repMembership) return { consultation, repMembership, authorMembershipId: null };
    if (ctx.principals.has('agency_rep') && !ctx.principals.has('platform_admin')) throw notFound('Consultation');
    const pc = await this.proposalAccess.reach(user, consultation.proposalId).catch(() => {
      throw notFound('Consultation');
    });
    const staff = this.access.allows(ctx, 'council.oversee');
    if (!staff && !pc.groupMembershipId) throw notFound('Consultation');
    return { consultation, repMembership: null, authorMembershipId: pc.authorMembershipId };
  }

  async get(user: AuthUser, consultationId: string): Promise<ConsultationDto> {
    const { consultation } = await this.reach(user, consultationId);
    const [responses, comments] = await Promise.all([this.repo.responsesOf([consultation.id]), this.repo.comments(consultation.id)]);
    return { ...toConsultationDto(consultation, responses[0] ?? null, new Date()), comments: comments.map(toConsultationCommentDto) };
  }

  /**
   * A proposal's consultations, for whoever reads the proposal (404
   * otherwise), each only if GET /consultations/:id answers it for the
   * caller (reach above): the secretariat and the proposal's group see every
   * one, a representative those of their own agencies; others none. Each
   * carries its comments as GET /consultations/:id gives them: that route
   * shows every comment of a consultation to whoever it answers, so each item
   * here, being one it answers, carries all of its own. The page's comments
   * come in one statement, not one per consultation.
   */
  async listForProposal(user: AuthUser, proposalId: string, q: { limit: number; cursor?: string }): Promise<Page<ConsultationDto>> {
    const after = decodeInstantIdCursor(q.cursor); // a malformed query is a 400 before anything is looked up
    const pc = await this.proposalAccess.reach(user, proposalId);
    const ctx = pc.council;
    const repAgencies = ctx.memberships.filter((m) => m.roles.includes('agency_rep') && m.agencyId).map((m) => m.agencyId as string);
    // As reach: anyone holding agency_rep (and not admin) sees only what they represent; the others by staff or group.
    const limitedToAgencies = ctx.principals.has('agency_rep') && !ctx.principals.has('platform_admin');
    const seesAll = !limitedToAgencies && (this.access.allows(ctx, 'council.oversee') || pc.groupMembershipId !== null);
    const agencyIds = seesAll ? null : repAgencies;
    if (agencyIds && agencyIds.length === 0) return { items: [], nextCursor: null };
    const rows = await this.repo.pageOfProposal(proposalId, agencyIds, after, q.limit + 1);
    // Only the rows shown: the one past the limit only tells whether there is a next page.
    const comments = await this.repo.commentsOf(rows.slice(0, q.limit).map((c) => c.id));
    const now = new Date();
    return toPage(rows, q.limit, (c) => [c.createdAt.toISOString(), c.id], (c) => ({
      ...toConsultationDto(c, c.response, now),
      comments: (comments.get(c.id) ?? []).map(toConsultationCommentDto),
    }));
  }

  async listForAgency(user: AuthUser, agencyId: string, q: ConsultationListQueryDto & { limit: number }): Promise<Page<ConsultationDto>> {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw notFound('Agency');
    const ctx = await this.access.councilContext(user, agency.councilId).catch(() => {
      throw notFound('Agency');
    });
    const isRep = ctx.memberships.some((m) => m.roles.includes('agency_rep') && m.agencyId === agencyId);
    const staff = this.access.allows(ctx, 'council.oversee');
    if (!isRep && ctx.principals.has('agency_rep') && !staff) throw notFound('Agency');
    if (!isRep && !staff) throw forbidden("Only the agency's representatives and the secretariat list its consultations.");
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.page(agencyId, q.status, after, q.limit + 1);
    const responses = await this.repo.responsesOf(rows.map((r) => r.id));
    const now = new Date();
    return toPage(rows, q.limit, (c) => [c.dueAt.toISOString(), c.id], (c) => toConsultationDto(c, responses.find((r) => r.consultationId === c.id) ?? null, now));
  }

  /** Every consultation of the council, by due date: what the secretariat polls for `?status=overdue`. */
  async listForCouncil(user: AuthUser, councilId: string, q: ConsultationListQueryDto & { limit: number }): Promise<Page<ConsultationDto>> {
    const ctx = await this.access.councilContext(user, councilId);
    if (!this.access.allows(ctx, 'council.oversee')) throw forbidden("Only the secretariat lists the council's consultations.");
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.page(councilId, q.status, after, q.limit + 1, 'council');
    const responses = await this.repo.responsesOf(rows.map((r) => r.id));
    const now = new Date();
    return toPage(rows, q.limit, (c) => [c.dueAt.toISOString(), c.id], (c) => toConsultationDto(c, responses.find((r) => r.consultationId === c.id) ?? null, now));
  }

  /** The agency's representatives comment with a position; the proposal's authors reply in thread. */
  async comment(user: AuthUser, consultationId: string, dto: ConsultationCommentInputDto): Promise<ConsultationCommentDto> {
    const r = await this.reach(user, consultationId);
    const c = r.consultation;
    const errors: { field: string; message: string }[] = [];
    if (r.repMembership && !dto.position) errors.push({ field: 'position', message: "is required for the agency's comments" });
    if (!r.repMembership && r.authorMembershipId) {
      if (dto.position) errors.push({ field: 'position', message: "is given only by the agency; authors reply without one" });
      if (!dto.replyTo) errors.push({ field: 'replyTo', message: 'is required: authors reply to a comment of the agency' });
    }
    if (dto.anchor) {
      if (dto.anchor.version !== c.version) errors.push({ field: 'anchor.version', message: `must be the cited version (${c.version})` });
      else {
        const v = await this.proposals.version(c.proposalId, c.version);
        const problem = anchorProblem(dto.anchor, v?.body.length ?? 0);
        if (problem) errors.push(problem);
      }
    }
    if (errors.length) throw invalid(errors);
    if (dto.replyTo && !(await this.repo.findComment(c.id, dto.replyTo))) throw invalidField('replyTo', 'is not a comment of this consultation');
    const author = r.repMembership?.id ?? r.authorMembershipId;
    if (!author) throw forbidden("Only the consulted agency's representatives and the proposal's authors comment on a consultation.");
    const kind = r.repMembership ? 'agency' : 'author';
    const saved = await this.uow.run(async (tx) => {
      const row = await this.repo.insertComment(tx.em, {
        consultationId: c.id,
        authorMembershipId: author,
        authorKind: kind,
        aspect: dto.aspect,
        position: dto.position ?? null,
        body: dto.body,
        anchorVersion: dto.anchor?.version ?? null,
        anchorStart: dto.anchor?.start ?? null,
        anchorEnd: dto.anchor?.end ?? null,
        replyToId: dto.replyTo ?? null,
      });
      await tx.audit({
        councilId: c.councilId,
        actorUserId: user.id,
        action: 'consultation.commented',
        objectType: 'consultation_comment',
        objectId: row.id,
        after: { consultationId: c.id, authorKind: kind, aspect: dto.aspect, position: dto.position ?? null },
      });
      await this.trace.append(tx, {
        proposalId: c.proposalId,
        kind: 'consultation_comment',
        summary: kind === 'agency' ? `Agency comment (${dto.aspect}${dto.position ? `, ${dto.position}` : ''})` : `Authors' reply (${dto.aspect})`,
        ref: { type: 'consultation_comment', id: row.id },
        data: { authorKind: kind, aspect: dto.aspect, position: dto.position ?? null },
      });
      return row;
    });
    const [row] = await this.repo.comments(c.id, saved.id);
    return toConsultationCommentDto(row);
  }

  /** The agency's final response: once per consultation (409 after), an overdue one included. */
  async respond(user: AuthUser, consultationId: string, dto: ConsultationResponseInputDto): Promise<ConsultationDto> {
    const r = await this.reach(user, consultationId);
    if (!r.repMembership) throw forbidden("Only the consulted agency's representatives give its final response.");
    const rep = r.repMembership;
    const result = await this.uow.run(async (tx) => {
      const c = await this.repo.lockById(tx.em, consultationId);
      if (!c) throw notFound('Consultation');
      if (c.answeredAt) throw conflict(ProposalsError.ConsultationAlreadyAnswered, 'This consultation already has its final response.');
      const response = await this.repo.insertResponse(tx.em, { consultationId, membershipId: rep.id, position: dto.position, body: dto.body });
      await this.repo.markAnswered(tx.em, consultationId);
      await tx.audit({
        councilId: c.councilId,
        actorUserId: user.id,
        action: 'consultation.answered',
        objectType: 'consultation',
        objectId: c.id,
        before: { status: consultationStatus(c, new Date()) },
        after: { status: 'answered', position: dto.position },
      });
      await this.trace.append(tx, { proposalId: c.proposalId, kind: 'consultation_answered', summary: `Final response: ${dto.position}`, ref: { type: 'consultation', id: c.id }, data: { position: dto.position } });
      return response;
    });
    const updated = (await this.repo.findById(consultationId)) as ConsultationEntity;
    return toConsultationDto(updated, result, new Date());
  }
}
