import { Injectable } from '@nestjs/common';
import { ALL_PLAN_STAGES, csv, dateOf, isOverdue, proposalImplemented, stageMove } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, forbidden, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService, CouncilContext } from '@kenes/councils';
import { AgenciesRepository } from '@kenes/councils';
import { ProposalsRepository } from '@kenes/proposals';
import { TraceService } from '@kenes/proposals';
import { TransitionsService } from '@kenes/proposals';
import { SessionsRepository } from '@kenes/sessions';
import {
  CreatePlanDto,
  CreatePlanItemDto,
  CreatePlanItemUpdateDto,
  CreateReformPackageDto,
  PlanDto,
  PlanSummaryDto,
  PlanItemDto,
  PlanItemHistoryEntryDto,
  PlanItemUpdateDto,
  ProgressRowDto,
  ProgressSummaryDto,
  ReformPackageDto,
  UpdatePlanItemDto,
} from './dto/implementation.dto';
import { PlanItemEntity } from './entities/plan-item.entity';
import { ImplementationRepository, ItemFilters } from './implementation.repository';
import { ImplementationError } from './implementation.errors';

const SUPPORTED = ['supported', 'supported_with_changes', 'in_implementation'];
export const CSV_HEADER = ['id', 'title', 'proposalId', 'responsibleAgency', 'deliverable', 'dueOn', 'stage', 'progress', 'legalActRef'];

export const toItemDto = (i: PlanItemEntity, today = dateOf(new Date())): PlanItemDto => ({
  id: i.id,
  planId: i.planId,
  proposalId: i.proposalId,
  title: i.title,
  responsibleAgencyId: i.responsibleAgencyId,
  deliverable: i.deliverable,
  dueOn: i.dueOn,
  reformPackageId: i.reformPackageId ?? null,
  stage: i.stage,
  progress: i.progress ?? null,
  legalActRef: i.legalActRef ?? null,
  overdue: isOverdue(i, today),
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
});

/**
 * The secretariat turns supported proposals into plan items and follows them,
 * with the responsible agencies, until the act is in force.
 */
@Injectable()
export class ImplementationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly repo: ImplementationRepository,
    private readonly agencies: AgenciesRepository,
    private readonly proposals: ProposalsRepository,
    private readonly sessions: SessionsRepository,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
  ) {}

  async createPackage(user: AuthUser, councilId: string, dto: CreateReformPackageDto): Promise<ReformPackageDto> {
    await this.access.requireCouncil(user, councilId, 'plan.manage');
    const p = await this.uow.run(async (tx) => {
      const r = await this.repo.insertPackage(tx.em, { councilId, title: dto.title, announcedOn: dto.announcedOn });
      await tx.audit({ councilId, actorUserId: user.id, action: 'reform_package.created', objectType: 'reform_package', objectId: r.id, after: { title: r.title, announcedOn: r.announcedOn } });
      return r;
    });
    return { id: p.id, councilId, title: p.title, announcedOn: p.announcedOn, createdAt: p.createdAt.toISOString() };
  }

  async packages(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<ReformPackageDto>> {
    await this.access.requireCouncil(user, councilId, 'plan.read');
    const rows = await this.repo.packagesPage(councilId, decodeCursor(q.cursor, 2) as [string, string] | null, q.limit + 1);
    return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id], (r) => ({ id: r.id, councilId: r.councilId, title: r.title, announcedOn: r.announcedOn, createdAt: r.createdAt.toISOString() }));
  }

  async createPlan(user: AuthUser, councilId: string, dto: CreatePlanDto): Promise<PlanDto> {
    const ctx = await this.access.councilContext(user, councilId);
    if (dto.sessionId) {
      const s = await this.sessions.findById(dto.sessionId);
      if (!s || s.councilId !== councilId) throw invalidField('sessionId', 'must be a session of this council');
    }
    this.access.require(ctx, 'plan.manage');
    const plan = await this.uow.run(async (tx) => {
      const p = await this.repo.insertPlan(tx.em, { councilId, title: dto.title, sessionId: dto.sessionId ?? null, createdByUserId: user.id });
      await tx.audit({ councilId, actorUserId: user.id, action: 'plan.created', objectType: 'plan', objectId: p.id, after: { title: p.title, sessionId: p.sessionId } });
      return p;
    });
    return this.planView(plan.id);
  }

  private async reachPlan(user: AuthUser, planId: string) {
    const plan = await this.repo.findPlan(planId);
    if (!plan) throw notFound('Plan');
    const ctx = await this.access.councilContext(user, plan.councilId).catch(() => {
      throw notFound('Plan');
    });
    return { plan, ctx };
  }

  /** The council's plans, oldest first, each with its items per stage (one query for the page's counts). */
  async plans(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<PlanSummaryDto>> {
    await this.access.requireCouncil(user, councilId, 'plan.read');
    const rows = await this.repo.plansPage(councilId, decodeCursor(q.cursor, 2) as [string, string] | null, q.limit + 1);
    const counts = await this.repo.stageCounts(rows.slice(0, q.limit).map((p) => p.id));
    return toPage(rows, q.limit, (p) => [p.createdAt.toISOString(), p.id], (p) => {
      const countsByStage = Object.fromEntries(ALL_PLAN_STAGES.map((s) => [s, 0])) as Record<string, number>;
      for (const c of counts) if (c.planId === p.id) countsByStage[c.stage] = c.n;
      const itemCount = Object.values(countsByStage).reduce((a, b) => a + b, 0);
      return { id: p.id, councilId: p.councilId, title: p.title, sessionId: p.sessionId ?? null, countsByStage, itemCount, createdAt: p.createdAt.toISOString() };
    });
  }

  async getPlan(user: AuthUser, planId: string): Promise<PlanDto> {
    const { ctx } = await this.reachPlan(user, planId);
    this.access.require(ctx, 'plan.read');
    return this.planView(planId);
  }

  private async planView(planId: string): Promise<PlanDto> {
    const plan = (await this.repo.findPlan(planId))!;
    const items = await this.repo.itemsOfPlan(planId);
    const countsByStage = Object.fromEntries(ALL_PLAN_STAGES.map((s) => [s, 0])) as Record<string, number>;
    for (const i of items) countsByStage[i.stage] += 1;
    const today = dateOf(new Date());
    return { id: plan.id, councilId: plan.councilId, title: plan.title, sessionId: plan.sessionId ?? null, items: items.map((i) => toItemDto(i, today)), countsByStage, createdAt: plan.createdAt.toISOString() };
  }

  /** An item for a supported proposal (409 otherwise); the first one moves the proposal to in_implementation. */
  async addItem(user: AuthUser, planId: string, dto: CreatePlanItemDto): Promise<PlanItemDto> {
    const { plan, ctx } = await this.reachPlan(user, planId);
    const proposal = await this.proposals.findById(dto.proposalId);
    if (!proposal || proposal.councilId !== plan.councilId) throw invalidField('proposalId', 'must be a proposal of this council');
    if (!(await this.agencies.findInCouncil(plan.councilId, dto.responsibleAgencyId))) throw invalidField('responsibleAgencyId', 'must be an agency of this council');
    if (dto.reformPackageId) {
      const pkg = await this.repo.findPackage(dto.reformPackageId);
      if (!pkg || pkg.councilId !== plan.councilId) throw invalidField('reformPackageId', 'must be a reform package of this council');
    }
    this.access.require(ctx, 'plan.manage');
    const item = await this.uow.run(async (tx) => {
      const p = await this.proposals.lockById(tx.em, dto.proposalId);
      if (!p || !SUPPORTED.includes(p.status)) {
        throw conflict(ImplementationError.ProposalNotSupported, `Only a supported proposal gets plan items; this one is ${p?.status}.`, { proposalStatus: p?.status ?? null });
      }
      const i = await this.repo.insertItem(tx.em, {
        planId,
        councilId: plan.councilId,
        proposalId: dto.proposalId,
        title: dto.title,
        responsibleAgencyId: dto.responsibleAgencyId,
        deliverable: dto.deliverable,
        dueOn: dto.dueOn,
        reformPackageId: dto.reformPackageId ?? null,
        stage: 'planned',
        progress: null,
        legalActRef: null,
      });
      await tx.audit({ councilId: plan.councilId, actorUserId: user.id, action: 'plan_item.created', objectType: 'plan_item', objectId: i.id, after: { planId, proposalId: i.proposalId, deliverable: i.deliverable, dueOn: i.dueOn, responsibleAgencyId: i.responsibleAgencyId } });
      await this.trace.append(tx, { proposalId: i.proposalId, kind: 'plan_item', summary: `Plan item (${i.deliverable}): ${i.title}, due ${i.dueOn}`, ref: { type: 'plan_item', id: i.id }, data: { title: i.title, deliverable: i.deliverable, dueOn: i.dueOn } });
      await this.transitions.automatic(tx, { proposalId: i.proposalId, cause: 'plan_item_added', actorUserId: user.id, reason: `plan "${plan.title}"` });
      return i;
    });
    return toItemDto(item);
  }

  private mayUpdate(ctx: CouncilContext, item: PlanItemEntity): boolean {
    if (this.access.allows(ctx, 'plan.manage')) return true;
    return ctx.memberships.some((m) => m.roles.includes('agency_rep') && m.agencyId === item.responsibleAgencyId);
  }

  /**
   * An update by the responsible agency's representatives or the secretariat:
   * the stage moves forward (or to cancelled); when every item of the
   * proposal not cancelled is in force, the proposal is implemented.
   */
  async update(user: AuthUser, itemId: string, dto: CreatePlanItemUpdateDto): Promise<PlanItemUpdateDto> {
    const item = await this.repo.findItem(itemId);
    if (!item) throw notFound('Plan item');
    const ctx = await this.access.councilContext(user, item.councilId).catch(() => {
      throw notFound('Plan item');
    });
    if (!this.mayUpdate(ctx, item)) throw forbidden("Only the responsible agency's representatives and the secretariat update this item.");
    return this.uow.run(async (tx) => {
      // The proposal is locked first (as addItem does), before any write takes
      // a key-share lock on it: two items of one proposal brought into force at
      // once must see each other's change, and must not deadlock.
      await this.proposals.lockById(tx.em, item.proposalId);
      const i = await this.repo.lockItem(tx.em, itemId);
      if (!i) throw notFound('Plan item');
      const move = stageMove(i.stage, dto.stage);
      if (!move.ok) {
        const why = move.reason === 'final' ? `the item is ${i.stage}; nothing moves after it` : move.reason === 'backward' ? `stages only move forward (from ${i.stage})` : `the item is already ${i.stage}`;
        throw conflict(ImplementationError.PlanStageNotAllowed, `Cannot move to ${dto.stage}: ${why}.`, { currentStage: i.stage });
      }
      const from = i.stage;
      i.stage = dto.stage;
      if (dto.progress !== undefined && dto.progress !== null) i.progress = dto.progress;
      if (dto.stage === 'in_force') i.progress = 100;
      if (dto.legalActRef) i.legalActRef = dto.legalActRef;
      const saved = await this.repo.saveItem(tx.em, i);
      const u = await this.repo.insertUpdate(tx.em, { itemId, fromStage: from, stage: dto.stage, note: dto.note, progress: dto.progress ?? null, legalActRef: dto.legalActRef ?? null, actorUserId: user.id });
      await tx.audit({ councilId: i.councilId, actorUserId: user.id, action: 'plan_item.updated', objectType: 'plan_item', objectId: i.id, before: { stage: from }, after: { stage: dto.stage, progress: saved.progress, legalActRef: saved.legalActRef } });
      await this.trace.append(tx, {
        proposalId: i.proposalId,
        kind: 'plan_update',
        summary: `${i.title}: ${from} → ${dto.stage}${dto.legalActRef ? ` (${dto.legalActRef})` : ''}${dto.note ? ` — ${dto.note}` : ''}`,
        ref: { type: 'plan_item_update', id: u.id },
        data: { title: i.title, from, to: dto.stage, legalActRef: dto.legalActRef ?? null, note: dto.note || null },
      });
      let status = (await this.proposals.findById(i.proposalId, tx.em))!.status;
      if (proposalImplemented(await this.repo.stagesOfProposal(tx.em, i.proposalId))) {
        const moved = await this.transitions.automatic(tx, { proposalId: i.proposalId, cause: 'all_items_in_force', actorUserId: user.id, reason: 'every plan item is in force' });
        if (moved) status = moved.status;
      }
      return {
        id: u.id,
        itemId,
        fromStage: from,
        stage: dto.stage,
        note: u.note,
        progress: u.progress ?? null,
        legalActRef: u.legalActRef ?? null,
        actorUserId: user.id,
        createdAt: u.createdAt.toISOString(),
        item: toItemDto(saved),
        proposal: { id: i.proposalId, status },
      };
    });
  }

  /**
   * Files an item under another reform package, or under none (the secretariat).
   * The checks run in the order addItem's do: an item out of reach is 404, a
   * package that is not one of the item's council is a 400 naming
   * `reformPackageId` (as on creation), then the role (403).
   *
   * Any stage may move, in_force and cancelled included. SPEC.md (step 6) and
   * stageMove make in_force and cancelled final for the item's *stage*: no
   * update moves it on. The package is not a stage but the secretariat's
   * grouping of initiatives ("first, second, third" package) for reporting;
   * an act already in force that was filed under the wrong package must still
   * be refiled, or that package's rollup stays wrong for good. The change is
   * audited with both package ids, so nothing of the record is lost. Filing an
   * item where it already is changes nothing and writes nothing.
   */
  async changePackage(user: AuthUser, itemId: string, dto: UpdatePlanItemDto): Promise<PlanItemDto> {
    const item = await this.repo.findItem(itemId);
    if (!item) throw notFound('Plan item');
    const ctx = await this.access.councilContext(user, item.councilId).catch(() => {
      throw notFound('Plan item');
    });
    const to = dto.reformPackageId;
    if (to !== null) {
      const pkg = await this.repo.findPackage(to);
      if (!pkg || pkg.councilId !== item.councilId) throw invalidField('reformPackageId', 'must be a reform package of this council');
    }
    this.access.require(ctx, 'plan.manage');
    return this.uow.run(async (tx) => {
      const i = await this.repo.lockItem(tx.em, itemId);
      if (!i) throw notFound('Plan item');
      const from = i.reformPackageId ?? null;
      if (from === to) return toItemDto(i);
      i.reformPackageId = to;
      const saved = await this.repo.saveItem(tx.em, i);
      await tx.audit({ councilId: i.councilId, actorUserId: user.id, action: 'plan_item.package_changed', objectType: 'plan_item', objectId: i.id, before: { reformPackageId: from }, after: { reformPackageId: to } });
      return toItemDto(saved);
    });
  }

  /** An item's history, oldest first: every update with its note, progress and legal act (council-wide, as the item). */
  async history(user: AuthUser, itemId: string, q: { limit: number; cursor?: string }): Promise<Page<PlanItemHistoryEntryDto>> {
    const item = await this.repo.findItem(itemId);
    if (!item) throw notFound('Plan item');
    const ctx = await this.access.councilContext(user, item.councilId).catch(() => {
      throw notFound('Plan item');
    });
    this.access.require(ctx, 'plan.read');
    const rows = await this.repo.updatesPage(itemId, decodeCursor(q.cursor, 2) as [string, string] | null, q.limit + 1);
    return toPage(rows, q.limit, (u) => [u.createdAt.toISOString(), u.id], (u) => ({
      id: u.id,
      itemId: u.itemId,
      fromStage: u.fromStage,
      stage: u.stage,
      note: u.note,
      progress: u.progress ?? null,
      legalActRef: u.legalActRef ?? null,
      actorUserId: u.actorUserId,
      createdAt: u.createdAt.toISOString(),
    }));
  }

  async items(user: AuthUser, councilId: string, q: { overdue?: boolean; agencyId?: string; reformPackageId?: string; stage?: ItemFilters['stage']; limit: number; cursor?: string }): Promise<Page<PlanItemDto>> {
    await this.access.requireCouncil(user, councilId, 'plan.read');
    const today = dateOf(new Date());
    const filters: ItemFilters = { agencyId: q.agencyId, reformPackageId: q.reformPackageId, stage: q.stage, overdue: q.overdue === undefined ? undefined : { is: q.overdue, on: today } };
    const rows = await this.repo.itemsPage(councilId, filters, decodeCursor(q.cursor, 2) as [string, string] | null, q.limit + 1);
    return toPage(rows, q.limit, (i) => [i.dueOn, i.id], (i) => toItemDto(i, today));
  }

  /** Progress summaries per agency and per reform package (items without a package under `key: null`). */
  async summary(user: AuthUser, councilId: string): Promise<ProgressSummaryDto> {
    await this.access.requireCouncil(user, councilId, 'plan.read');
    const rows = await this.repo.summary(councilId, dateOf(new Date()));
    const groups = { agency: new Map<string | null, ProgressRowDto>(), package: new Map<string | null, ProgressRowDto>() };
    const sums = new Map<ProgressRowDto, { sum: number; count: number }>();
    for (const r of rows) {
      const map = groups[r.dimension];
      let row = map.get(r.key);
      if (!row) {
        row = { id: r.key, name: r.name, items: 0, overdue: 0, byStage: Object.fromEntries(ALL_PLAN_STAGES.map((s) => [s, 0])), meanProgress: null };
        map.set(r.key, row);
        sums.set(row, { sum: 0, count: 0 });
      }
      row.items += r.items;
      row.overdue += r.overdue;
      row.byStage[r.stage] += r.items;
      const acc = sums.get(row)!;
      acc.sum += r.progressSum;
      acc.count += r.progressCount;
    }
    for (const [row, acc] of sums) row.meanProgress = acc.count ? Math.round(acc.sum / acc.count) : null;
    return { byAgency: [...groups.agency.values()], byReformPackage: [...groups.package.values()] };
  }

  /** The plan as JSON, or as CSV safe for spreadsheet programs. */
  async export(user: AuthUser, planId: string, format: 'csv' | 'json'): Promise<PlanDto | string> {
    const view = await this.getPlan(user, planId);
    if (format === 'json') return view;
    const names = await this.repo.agencyNames([...new Set(view.items.map((i) => i.responsibleAgencyId))]);
    return csv(
      CSV_HEADER,
      view.items.map((i) => [i.id, i.title, i.proposalId, names.get(i.responsibleAgencyId) ?? i.responsibleAgencyId, i.deliverable, i.dueOn, i.stage, i.progress, i.legalActRef]),
    );
  }
}
