import { Injectable } from '@nestjs/common';
import { canReadProposal } from '@kenes/core';
import { AuthUser, notFound } from '@kenes/common';
import { AccessService, CouncilContext } from '@kenes/councils';
import { WorkingGroupsRepository } from '@kenes/councils';
import { ConsultationsRepository } from './consultations/consultations.repository';
import { ProposalEntity } from './entities/proposal.entity';
import { ProposalsRepository } from './proposals.repository';

/** Everything the caller is with respect to one proposal. */
export interface ProposalContext {
  proposal: ProposalEntity;
  council: CouncilContext;
  /** The caller's membership that sits in the proposal's group, if any. */
  groupMembershipId: string | null;
  isCoordinator: boolean;
  /** The caller's membership among the proposal's authors, if any. */
  authorMembershipId: string | null;
  /** Versions an agency representative may read (those its consultations cite); null when all. */
  readableVersions: number[] | null;
  /** The agencies whose consultations an agency-only reader sees; null when the reader is not limited to them. */
  readerAgencyIds: string[] | null;
}

/**
 * Object-level access to proposals (API.md, "Who reads a proposal"): out of
 * reach answers 404, whether the proposal is missing or not the caller's to see.
 */
@Injectable()
export class ProposalAccessService {
  constructor(
    private readonly access: AccessService,
    private readonly proposals: ProposalsRepository,
    private readonly groups: WorkingGroupsRepository,
    private readonly consultations: ConsultationsRepository,
  ) {}

  async reach(user: AuthUser, proposalId: string): Promise<ProposalContext> {
    const proposal = await this.proposals.findById(proposalId);
    if (!proposal) throw notFound('Proposal');
    // The authors beside the caller's council context: neither needs the other.
    const [council, authorIds] = await Promise.all([
      this.access.councilContext(user, proposal.councilId).catch(() => {
        throw notFound('Proposal');
      }),
      this.proposals.authorMembershipIds(proposal.id),
    ]);
    const membershipIds = council.memberships.map((m) => m.id);
    const agencyIds = council.memberships.filter((m) => m.roles.includes('agency_rep') && m.agencyId).map((m) => m.agencyId as string);
    const [seats, citedVersions] = await Promise.all([
      this.groups.seatsOf(proposal.workingGroupId, membershipIds),
      agencyIds.length ? this.consultations.citedVersions(proposal.id, agencyIds) : Promise.resolve([] as number[]),
    ]);
    const inGroup = seats.length > 0;
    const readable = canReadProposal(proposal.status, { principals: council.principals, inGroup, consultedAgency: citedVersions.length > 0 });
    if (!readable) throw notFound('Proposal');
    // An agency representative reads only the cited versions, unless another of its roles opens them all.
    const onlyAgency = !inGroup && !['member', 'moderator', 'chair', 'secretariat', 'observer', 'platform_admin'].some((p) => council.principals.has(p as never));
    return {
      proposal,
      council,
      groupMembershipId: seats[0]?.membershipId ?? null,
      isCoordinator: seats.some((s) => s.role === 'coordinator'),
      authorMembershipId: membershipIds.find((id) => authorIds.includes(id)) ?? null,
      readableVersions: onlyAgency ? citedVersions : null,
      readerAgencyIds: onlyAgency ? agencyIds : null,
    };
  }
}
