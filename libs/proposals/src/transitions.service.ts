import { Injectable } from '@nestjs/common';
import { AutomaticCause, automaticTarget, ProposalStatus, requestableTargets, Requester } from '@kenes/core';
import { conflict, notFound } from '@kenes/common';
import { Transaction } from '@kenes/audit';
import { ProposalEntity } from './entities/proposal.entity';
import { ProposalsRepository } from './proposals.repository';
import { TraceService } from './trace.service';
import { ProposalsError } from './proposals.errors';

/**
 * Moves a proposal's status inside the caller's transaction, with the
 * transition row, its audit entry and its trace line, and publishes
 * `proposal.moved` in that transaction: a higher floor acts on it there (a
 * petition is answered by its proposal's decision) without this library
 * knowing it. Higher floors call `automatic` when their event moves a
 * proposal (a poll closes, the chair decides, a plan item is added).
 */
@Injectable()
export class TransitionsService {
  constructor(
    private readonly proposals: ProposalsRepository,
    private readonly trace: TraceService,
  ) {}

  /**
   * A requested move, already allowed by the state machine; re-checked under the row lock. A proposal that moved
   * meanwhile is a 409 with, as for any refused request, the targets the caller (`capacities`) may request now.
   */
  async request(
    tx: Transaction,
    m: { proposalId: string; to: ProposalStatus; actorUserId: string; reason: string | null; expectedFrom: ProposalStatus; capacities: readonly Requester[] },
  ): Promise<ProposalEntity> {
    const p = await this.proposals.lockById(tx.em, m.proposalId);
    if (!p) throw notFound('Proposal');
    if (p.status !== m.expectedFrom) {
      throw conflict(ProposalsError.ProposalStatusChanged, `The proposal moved to ${p.status} meanwhile; reload and try again.`, { proposalStatus: p.status, allowed: requestableTargets(p.status, m.capacities) });
    }
    return this.move(tx, p, m.to, { actorUserId: m.actorUserId, reason: m.reason, cause: null });
  }

  /**
   * The move an event causes, if the proposal's status has one for it; null
   * (nothing changes) when it has none. `to` picks among several targets of
   * one cause (the chair's resolution).
   */
  async automatic(tx: Transaction, m: { proposalId: string; cause: AutomaticCause; to?: ProposalStatus; actorUserId: string | null; reason?: string | null }): Promise<ProposalEntity | null> {
    const p = await this.proposals.lockById(tx.em, m.proposalId);
    if (!p) throw notFound('Proposal');
    const target = automaticTarget(p.status, m.cause, m.to);
    if (!target) return null;
    return this.move(tx, p, target, { actorUserId: m.actorUserId, reason: m.reason ?? null, cause: m.cause });
  }

  private async move(tx: Transaction, p: ProposalEntity, to: ProposalStatus, by: { actorUserId: string | null; reason: string | null; cause: AutomaticCause | null }): Promise<ProposalEntity> {
    const from = p.status;
    await this.proposals.setStatus(tx.em, p.id, to);
    const t = await this.proposals.insertTransition(tx.em, { proposalId: p.id, fromStatus: from, toStatus: to, actorUserId: by.actorUserId, reason: by.reason, cause: by.cause });
    await tx.audit({
      councilId: p.councilId,
      actorUserId: by.actorUserId,
      action: 'proposal.transitioned',
      objectType: 'proposal',
      objectId: p.id,
      before: { status: from },
      after: { status: to },
      details: { reason: by.reason, cause: by.cause },
    });
    const why = by.cause ? ` (${by.cause.replace(/_/g, ' ')})` : by.reason ? `: ${by.reason}` : '';
    await this.trace.append(tx, { proposalId: p.id, kind: 'transition', summary: `${from} → ${to}${why}`, ref: { type: 'proposal_transition', id: t.id }, data: { from, to, cause: by.cause, reason: by.reason } });
    const moved = (await this.proposals.findById(p.id, tx.em)) as ProposalEntity;
    await tx.publish('proposal.moved', {
      proposalId: moved.id,
      councilId: moved.councilId,
      originType: moved.originType,
      originId: moved.originId,
      from,
      to,
      cause: by.cause,
      actorUserId: by.actorUserId,
      reason: by.reason,
    });
    return moved;
  }
}
