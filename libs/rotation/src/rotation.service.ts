import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { balanceOf, compositionAt, dateOf, planRotation } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, FieldError, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService } from '@kenes/councils';
import { MembershipsRepository } from '@kenes/councils';
import { UsersRepository } from '@kenes/identity';
import { EntityManager } from 'typeorm';
import { CandidateDto, CreateCandidateDto } from './dto/candidate.dto';
import { CreateRotationPlanDto, RotationPlanDto } from './dto/rotation-plan.dto';
import { CandidateEntity } from './entities/candidate.entity';
import { RotationPlanEntity } from './entities/rotation-plan.entity';
import { dayBefore, PlanInputs, planInputs, PlanRequest } from './plan-inputs';
import { RotationRepository } from './rotation.repository';
import { HighsWorkerSolver } from './solver/highs-worker.solver';
import { ROTATION_TIME_LIMIT_MS } from './rotation.config';
import { RotationError } from './rotation.errors';
import { CouncilsError } from '@kenes/councils';

/** The solver's version, from its package (which exports no package.json). */
const HIGHS_VERSION: string = JSON.parse(readFileSync(join(dirname(require.resolve('highs')), '..', 'package.json'), 'utf8')).version;

const toCandidateDto = (c: CandidateEntity): CandidateDto => ({
  id: c.id,
  councilId: c.councilId,
  userId: c.userId,
  fullName: c.user?.fullName ?? null,
  attributes: c.attributes,
  note: c.note ?? null,
  status: c.status,
  createdAt: c.createdAt.toISOString(),
});

const toPlanDto = (p: RotationPlanEntity): RotationPlanDto => ({
  id: p.id,
  councilId: p.councilId,
  createdAt: p.createdAt.toISOString(),
  effectiveOn: p.effectiveOn,
  status: p.status,
  ...(p.result as Omit<RotationPlanDto, 'id' | 'councilId' | 'createdAt' | 'effectiveOn' | 'status' | 'inputsHash' | 'appliedAt'>),
  inputsHash: p.inputsHash,
  appliedAt: p.appliedAt?.toISOString() ?? null,
});

/** The pool of candidates, and rotation plans: computed, read, applied. */
@Injectable()
export class RotationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly memberships: MembershipsRepository,
    private readonly users: UsersRepository,
    private readonly repo: RotationRepository,
    private readonly solver: HighsWorkerSolver,
  ) {}

  async addCandidate(user: AuthUser, councilId: string, dto: CreateCandidateDto): Promise<CandidateDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'membership.update');
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(dto.attributes)) {
      if (!ctx.council.balanceDimensions.includes(key)) errors.push({ field: `attributes.${key}`, message: 'is not a balance dimension of this council' });
      else if (typeof value !== 'string' || !value.length || value.length > 200) errors.push({ field: `attributes.${key}`, message: 'must be a non-empty string of at most 200 characters' });
    }
    if (errors.length) throw invalid(errors);
    const candidate = await this.users.findById(dto.userId);
    if (!candidate) throw invalidField('userId', 'does not refer to an existing user');
    if (await this.repo.isMemberOn(councilId, dto.userId, dateOf(new Date()))) {
      throw conflict(RotationError.CandidateIsMember, 'This user holds a current membership of the council and is no candidate.');
    }
    const created = await this.uow.run(async (tx) => {
      const c = await this.repo.insertCandidate(tx.em, { councilId, userId: dto.userId, attributes: dto.attributes, note: dto.note ?? null });
      await tx.audit({ councilId, actorUserId: user.id, action: 'candidate.added', objectType: 'candidate', objectId: c.id, after: { userId: c.userId, attributes: c.attributes } });
      return c;
    });
    created.user = candidate;
    return toCandidateDto(created);
  }

  async listCandidates(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<CandidateDto>> {
    await this.access.requireCouncil(user, councilId, 'membership.update');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.candidatesPage(councilId, after, q.limit + 1);
    return toPage(rows, q.limit, (c) => [c.createdAt.toISOString(), c.id], toCandidateDto);
  }

  private async inputs(councilId: string, request: PlanRequest, em?: EntityManager): Promise<PlanInputs> {
    const lastDay = dayBefore(request.effectiveOn);
    const from = request.asOf < lastDay ? request.asOf : lastDay;
    const before = await this.memberships.votingBetween(councilId, from, lastDay, em);
    const on = await this.memberships.membersCovering(councilId, request.effectiveOn, em);
    const current = (await this.memberships.membersCovering(councilId, from, em)).length;
    const pool = await this.repo.poolOn(councilId, request.effectiveOn, em);
    const { seats, targets } = await this.repo.targetsOf(councilId, em);
    return planInputs(request, before, on, current, pool, targets, seats);
  }

  async createPlan(user: AuthUser, councilId: string, dto: CreateRotationPlanDto): Promise<RotationPlanDto> {
    const errors: FieldError[] = [];
    if (dto.leave.min > dto.leave.max) errors.push({ field: 'leave.min', message: 'must not be above leave.max' });
    const overlap = (dto.mustLeave ?? []).filter((id) => (dto.mustStay ?? []).includes(id));
    if (overlap.length) errors.push({ field: 'mustStay', message: `names members who must leave: ${overlap.join(', ')}` });
    if (errors.length) throw invalid(errors);
    const ctx = await this.access.requireCouncil(user, councilId, 'membership.update');
    if (dto.effectiveOn < dateOf(new Date())) throw invalidField('effectiveOn', 'must not be in the past: history is not rewritten');
    const request: PlanRequest = {
      effectiveOn: dto.effectiveOn,
      asOf: dateOf(new Date()),
      leave: { min: dto.leave.min, max: dto.leave.max },
      mustLeave: dto.mustLeave ?? [],
      mustStay: dto.mustStay ?? [],
      lottery: dto.lottery ? { seed: dto.lottery.seed } : null,
    };
    const inputs = await this.inputs(councilId, request);
    const known = new Set(inputs.input.members.map((m) => m.id));
    for (const field of ['mustLeave', 'mustStay'] as const) {
      const unknown = request[field].filter((id) => !known.has(id));
      if (unknown.length) errors.push({ field, message: `are not voting members of this council on effectiveOn: ${unknown.join(', ')}` });
    }
    if (errors.length) throw invalid(errors);
    const started = Date.now();
    const r = await planRotation(inputs.input, (lp, t) => this.solver.solve(lp, t), { timeLimitMs: ROTATION_TIME_LIMIT_MS(), lottery: request.lottery });
    const ms = Date.now() - started;
    const dims = ctx.council.balanceDimensions;
    const before = await this.balanceFrom(councilId, dims, dayBefore(request.effectiveOn), inputs);
    const leavingIds = new Set(r.leaving.map((l) => l.id));
    const stayers = inputs.input.members.filter((m) => !leavingIds.has(m.id));
    const joiners = r.joining.map((id) => inputs.candidates.get(id) as { userId: string; attributes: Record<string, string> });
    const after = r.plan
      ? balanceOf(
          compositionAt(
            [...stayers, ...joiners].map((m) => ({ roles: ['member'], attributes: m.attributes, startsOn: request.effectiveOn, endsOn: null })),
            dims,
            request.effectiveOn,
          ),
          inputs.targets,
          inputs.seats,
        )
      : null;
    const result = {
      leaving: r.leaving.map((l) => ({ membershipId: l.id, reason: l.reason })),
      joining: r.joining.map((id) => ({ candidateId: id, userId: (inputs.candidates.get(id) as { userId: string }).userId })),
      before,
      after,
      relaxations: r.relaxations,
      solver: { name: 'highs', version: HIGHS_VERSION, status: r.solver.status, objective: r.solver.objective, bound: r.solver.bound, ms },
      selectionProbabilities: r.probabilities,
      changes: r.changes,
      maximin: r.maximin,
    };
    const saved = await this.uow.run(async (tx) => {
      const p = await this.repo.insertPlan(tx.em, {
        councilId,
        createdByUserId: user.id,
        effectiveOn: request.effectiveOn,
        status: r.status,
        request: request as unknown as Record<string, unknown>,
        result: result as unknown as Record<string, unknown>,
        inputsHash: inputs.hash,
      });
      await tx.audit({
        councilId,
        actorUserId: user.id,
        action: 'rotation_plan.created',
        objectType: 'rotation_plan',
        objectId: p.id,
        after: { effectiveOn: p.effectiveOn, status: p.status, leaving: result.leaving, joining: result.joining, inputsHash: p.inputsHash },
      });
      return p;
    });
    return toPlanDto(saved);
  }

  private async balanceFrom(councilId: string, dims: string[], at: string, inputs: PlanInputs) {
    const members = await this.memberships.membersCovering(councilId, at);
    return balanceOf(compositionAt(members, dims, at), inputs.targets, inputs.seats);
  }

  private async reachPlan(user: AuthUser, planId: string): Promise<RotationPlanEntity> {
    const plan = await this.repo.findPlan(planId);
    if (!plan) throw notFound('Rotation plan');
    const ctx = await this.access.councilContext(user, plan.councilId).catch(() => {
      throw notFound('Rotation plan');
    });
    this.access.require(ctx, 'membership.update');
    return plan;
  }

  /** The council's plans, newest first. */
  async listPlans(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<RotationPlanDto>> {
    await this.access.requireCouncil(user, councilId, 'membership.update');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.repo.plansPage(councilId, after, q.limit + 1);
    return toPage(rows, q.limit, (p) => [p.createdAt.toISOString(), p.id], toPlanDto);
  }

  async getPlan(user: AuthUser, planId: string): Promise<RotationPlanDto> {
    return toPlanDto(await this.reachPlan(user, planId));
  }

  /**
   * Applies a plan in one transaction: each leaving term ends the day before
   * `effectiveOn`, each joiner gets a `member` membership from it, the pool
   * marks them joined, all audited. Refused (409) once applied, for a plan
   * without a full solution, or when its inputs no longer hash the same.
   */
  async applyPlan(user: AuthUser, planId: string): Promise<RotationPlanDto> {
    await this.reachPlan(user, planId);
    const applied = await this.uow.run(async (tx) => {
      const plan = await this.repo.lockPlan(tx.em, planId);
      if (!plan) throw notFound('Rotation plan');
      if (plan.status === 'applied') throw conflict(RotationError.RotationPlanApplied, 'This plan has been applied already.');
      if (plan.status !== 'proposed') throw conflict(RotationError.RotationPlanInfeasible, 'This plan does not meet the targets; change them (see relaxations) and plan again.');
      if (plan.effectiveOn < dateOf(new Date())) throw conflict(RotationError.RotationPlanStale, 'The plan took effect in the past; plan again.');
      // Serialises plans of one council and freezes their inputs for the check below.
      await this.repo.lockCouncil(tx.em, plan.councilId);
      const inputs = await this.inputs(plan.councilId, plan.request as unknown as PlanRequest, tx.em);
      if (inputs.hash !== plan.inputsHash) {
        throw conflict(RotationError.RotationPlanStale, 'The memberships, candidates or targets changed since this plan was made; plan again.');
      }
      const result = plan.result as unknown as RotationPlanDto;
      const lastDay = dayBefore(plan.effectiveOn);
      // Terms that end before effectiveOn (or stop carrying a vote by then) leave by themselves.
      for (const l of result.leaving.filter((x) => x.reason !== 'term_ends')) {
        const m = await this.memberships.lockById(tx.em, l.membershipId);
        if (!m) throw conflict(RotationError.RotationPlanStale, 'A leaving membership no longer exists.');
        if (m.endsOn !== null && m.endsOn <= lastDay) continue;
        const before = { endsOn: m.endsOn };
        m.endsOn = lastDay;
        await this.memberships.save(tx.em, m);
        await tx.audit({ councilId: plan.councilId, actorUserId: user.id, action: 'membership.updated', objectType: 'membership', objectId: m.id, before, after: { endsOn: lastDay }, details: { rotationPlanId: plan.id, reason: l.reason } });
      }
      for (const j of result.joining) {
        const attributes = (inputs.candidates.get(j.candidateId) as { attributes: Record<string, string> }).attributes;
        const term = { councilId: plan.councilId, userId: j.userId, startsOn: plan.effectiveOn, endsOn: null };
        if (await this.memberships.overlapsAnother(tx.em, term)) throw conflict(CouncilsError.MembershipTermOverlap, 'A joiner already holds a membership for part of the new term.');
        const m = await this.memberships.insert(tx.em, { ...term, roles: ['member'], agencyId: null, attributes });
        await tx.audit({ councilId: plan.councilId, actorUserId: user.id, action: 'membership.created', objectType: 'membership', objectId: m.id, after: { userId: j.userId, roles: ['member'], attributes, startsOn: plan.effectiveOn, endsOn: null }, details: { rotationPlanId: plan.id, candidateId: j.candidateId } });
      }
      await this.repo.markJoined(tx.em, result.joining.map((j) => j.candidateId));
      plan.status = 'applied';
      plan.appliedAt = new Date();
      const saved = await this.repo.savePlan(tx.em, plan);
      await tx.audit({ councilId: plan.councilId, actorUserId: user.id, action: 'rotation_plan.applied', objectType: 'rotation_plan', objectId: plan.id, after: { status: 'applied', inputsHash: plan.inputsHash } });
      return saved;
    });
    return toPlanDto(applied);
  }
}
