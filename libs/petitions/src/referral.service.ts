import { Injectable, OnModuleInit } from '@nestjs/common';
import { effectOfSignature, responseDueOnOf } from '@kenes/core';
import { DomainEventMap, DomainEvents, Transaction } from '@kenes/audit';
import { CouncilsRepository } from '@kenes/councils';
import { ProposalOriginsService } from '@kenes/proposals';
import { PetitionEntity } from './entities/petition.entity';
import { CountedSignature, PetitionsRepository } from './petitions.repository';

/**
 * What a petition's count does at its thresholds, and how the council's
 * decision answers it. Everything happens in the transaction that causes it:
 * the validation that reaches the agenda threshold creates the proposal.
 */
@Injectable()
export class ReferralService implements OnModuleInit {
  constructor(
    private readonly petitions: PetitionsRepository,
    private readonly councils: CouncilsRepository,
    private readonly origins: ProposalOriginsService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    // In the moving transaction: the petition is answered with the chair's decision, or neither commits.
    this.events.within('proposal.moved', (move, tx) => this.onProposalMove(tx, move));
  }

  /**
   * After one more validated signature (the petition row locked by the count):
   * at the response threshold the answer falls due; at the agenda threshold
   * the petition becomes `referred` with its proposal.
   */
  async afterCount(tx: Transaction, counted: CountedSignature): Promise<void> {
    const effect = effectOfSignature(counted.status, counted.before, counted.signatures, counted);
    if (!effect.refer && !effect.responseDue) return;
    const petition = (await this.petitions.findById(counted.petitionId, tx.em)) as PetitionEntity;
    const now = new Date();
    if (effect.responseDue && !effect.refer && !petition.responseDueOn) {
      const responseDueOn = responseDueOnOf(now, petition.responseDays);
      await tx.audit({ councilId: petition.councilId, actorUserId: null, action: 'petition.response_due', objectType: 'petition', objectId: petition.id, after: { signatures: petition.signatures, responseDueOn } });
      await this.petitions.update(tx.em, petition.id, { responseDueOn });
      return;
    }
    if (!effect.refer) return;
    const council = await this.councils.findById(petition.councilId);
    const groupId = council?.petitions?.workingGroupId;
    if (!groupId) throw new Error(`council ${petition.councilId} has no working group for petitions`);
    const proposal = await this.origins.create(tx, {
      councilId: petition.councilId,
      workingGroupId: groupId,
      title: petition.title,
      summary: petition.summary,
      body: petition.body,
      origin: { type: 'petition', id: petition.id },
      originSummary: `Petition "${petition.title}" by ${petition.authorName} reached ${petition.signatures} validated signatures (agenda threshold ${petition.agendaThreshold})`,
      originData: { origin: 'petition', title: petition.title, authorName: petition.authorName, signatures: petition.signatures, agendaThreshold: petition.agendaThreshold },
      actorUserId: null,
    });
    const responseDueOn = responseDueOnOf(now, petition.responseDays);
    await tx.audit({
      councilId: petition.councilId,
      actorUserId: null,
      action: 'petition.referred',
      objectType: 'petition',
      objectId: petition.id,
      before: { status: petition.status },
      after: { status: 'referred', signatures: petition.signatures, proposalId: proposal.id, responseDueOn },
    });
    await this.petitions.update(tx.em, petition.id, { status: 'referred', proposalId: proposal.id, referredAt: now, responseDueOn });
  }

  /** The chair's decision on a petition's proposal answers the petition (a later decision, after a deferral, replaces the resolution). */
  private async onProposalMove(tx: Transaction, move: DomainEventMap['proposal.moved']): Promise<void> {
    if (move.cause !== 'chair_decision' || move.originType !== 'petition') return;
    const petition = await this.petitions.findByProposal(tx.em, move.proposalId);
    if (!petition || (petition.status !== 'referred' && petition.status !== 'answered')) return;
    await this.petitions.update(tx.em, petition.id, { status: 'answered', resolution: move.to, answeredAt: new Date() });
    await tx.audit({
      councilId: petition.councilId,
      actorUserId: move.actorUserId,
      action: 'petition.answered',
      objectType: 'petition',
      objectId: petition.id,
      before: { status: petition.status, resolution: petition.resolution },
      after: { status: 'answered', resolution: move.to, proposalId: move.proposalId },
    });
  }
}
