import { Injectable } from '@nestjs/common';
import { Transaction } from '@kenes/audit';
import { ProposalEntity } from './entities/proposal.entity';
import { TraceDataByKind } from './entities/trace-entry.entity';
import { ProposalsRepository } from './proposals.repository';
import { TraceService } from './trace.service';

export interface ProposalFromOrigin {
  councilId: string;
  workingGroupId: string;
  title: string;
  summary: string;
  body: string;
  /** Where it comes from; one proposal per origin (uq_proposals_origin). */
  origin: { type: string; id: string };
  /** The first line of its trace: what it comes from, in words. */
  originSummary: string;
  /** The same as data (the trace's `created` line). */
  originData: TraceDataByKind['created'];
  actorUserId: string | null;
}

/**
 * Proposals that come from outside a working group's drafting: a petition
 * that reached its council's agenda threshold becomes a `recommended`
 * proposal (a moderator may put it on an agenda), with no member author,
 * whose trace starts with where it came from.
 */
@Injectable()
export class ProposalOriginsService {
  constructor(
    private readonly proposals: ProposalsRepository,
    private readonly trace: TraceService,
  ) {}

  async create(tx: Transaction, p: ProposalFromOrigin): Promise<ProposalEntity> {
    const proposal = await this.proposals.insert(tx.em, {
      councilId: p.councilId,
      workingGroupId: p.workingGroupId,
      status: 'recommended',
      currentVersion: 1,
      title: p.title,
      summary: p.summary,
      body: p.body,
      originType: p.origin.type,
      originId: p.origin.id,
    });
    const v = await this.proposals.insertVersion(tx.em, { proposalId: proposal.id, version: 1, title: p.title, summary: p.summary, body: p.body, authorMembershipId: null });
    await tx.audit({
      councilId: p.councilId,
      actorUserId: p.actorUserId,
      action: 'proposal.created',
      objectType: 'proposal',
      objectId: proposal.id,
      after: { title: p.title, summaryLength: p.summary.length, bodyLength: p.body.length, workingGroupId: p.workingGroupId, status: 'recommended', origin: p.origin },
    });
    await this.trace.append(tx, { proposalId: proposal.id, kind: 'created', summary: p.originSummary, ref: p.origin, data: p.originData });
    await this.trace.append(tx, { proposalId: proposal.id, kind: 'version', summary: 'Version 1', ref: { type: 'proposal_version', id: v.id }, data: { version: 1 } });
    return proposal;
  }
}
