import { ProposalStatus } from '@kenes/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProposalEntity } from './proposal.entity';

/** Every move of a proposal's status, requested or automatic, with its actor and reason. */
@Entity({ name: 'proposal_transitions' })
@Index('ix_proposal_transitions_proposal', ['proposalId', 'createdAt'])
export class ProposalTransitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_proposal_transitions_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus: ProposalStatus;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: ProposalStatus;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** What caused an automatic move (e.g. consultation_opened); null when requested. */
  @Column({ type: 'text', nullable: true })
  cause: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
