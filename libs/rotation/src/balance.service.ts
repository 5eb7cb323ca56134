import { Injectable } from '@nestjs/common';
import { Balance, balanceOf, compositionAt, dateOf, historyDates, targetProblems } from '@kenes/core';
import { AuthUser, decodeCursor, encodeCursor, invalid, invalidField, Page } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService } from '@kenes/councils';
import { MembershipsRepository } from '@kenes/councils';
import { BalanceTargetsDto, PutBalanceTargetsDto } from './dto/balance.dto';
import { RotationRepository } from './rotation.repository';

/** Balance targets, the balance at a date and its history. */
@Injectable()
export class BalanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly memberships: MembershipsRepository,
    private readonly repo: RotationRepository,
  ) {}

  async putTargets(user: AuthUser, councilId: string, dto: PutBalanceTargetsDto): Promise<BalanceTargetsDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'membership.update');
    const targets = dto.targets.map((t) => ({ dimension: t.dimension, value: t.value, min: t.min ?? null, max: t.max ?? null, weight: t.weight ?? 1 }));
    const problems = targetProblems(targets, ctx.council.balanceDimensions);
    if (problems.length) throw invalid(problems.map((p) => ({ field: `targets.${p.index}.${p.field}`, message: p.message })));
    await this.uow.run(async (tx) => {
      const before = await this.repo.targetsOf(councilId, tx.em);
      await this.repo.replaceTargets(tx.em, councilId, dto.seats ?? null, targets);
      await tx.audit({
        councilId,
        actorUserId: user.id,
        action: 'balance_targets.replaced',
        objectType: 'council',
        objectId: councilId,
        before: { seats: before.seats, targets: before.targets },
        after: { seats: dto.seats ?? null, targets },
      });
    });
    return this.targets(councilId);
  }

  async getTargets(user: AuthUser, councilId: string): Promise<BalanceTargetsDto> {
    await this.access.requireCouncil(user, councilId, 'composition.read');
    return this.targets(councilId);
  }

  private async targets(councilId: string): Promise<BalanceTargetsDto> {
    const t = await this.repo.targetsOf(councilId);
    return { councilId, seats: t.seats, targets: t.targets.map((x) => ({ ...x, weight: x.weight ?? 1 })), updatedAt: t.updatedAt?.toISOString() ?? null };
  }

  async balance(user: AuthUser, councilId: string, at?: string): Promise<Balance> {
    const ctx = await this.access.requireCouncil(user, councilId, 'composition.read');
    const { seats, targets } = await this.repo.targetsOf(councilId);
    return this.balanceOn(councilId, ctx.council.balanceDimensions, at ?? dateOf(new Date()), targets, seats);
  }

  /** The balance on a date against the given targets. */
  async balanceOn(councilId: string, dimensions: string[], at: string, targets: Parameters<typeof balanceOf>[1], seats: number | null): Promise<Balance> {
    const members = await this.memberships.membersCovering(councilId, at);
    return balanceOf(compositionAt(members, dimensions, at), targets, seats);
  }

  /** The balance on each month or quarter from `from` to `to`, against today's targets: when the council drifted, and how far. */
  async history(
    user: AuthUser,
    councilId: string,
    q: { from: string; to: string; step: 'month' | 'quarter'; limit: number; cursor?: string },
  ): Promise<Page<Omit<Balance, 'seats'>>> {
    if (q.to < q.from) throw invalidField('to', 'must not be before from');
    const ctx = await this.access.requireCouncil(user, councilId, 'composition.read');
    const [skip] = (decodeCursor(q.cursor, 1) as [number] | null) ?? [0];
    if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0 || skip > 100_000) throw invalidField('cursor', 'is not a valid cursor');
    const dates = historyDates(q.from, q.to, q.step, skip + q.limit + 1).slice(skip);
    const { seats, targets } = await this.repo.targetsOf(councilId);
    const shown = dates.slice(0, q.limit);
    const items = [];
    for (const at of shown) {
      const { total, deviation, dimensions } = await this.balanceOn(councilId, ctx.council.balanceDimensions, at, targets, seats);
      items.push({ at, total, deviation, dimensions });
    }
    return { items, nextCursor: dates.length > q.limit ? encodeCursor([skip + q.limit]) : null };
  }
}
