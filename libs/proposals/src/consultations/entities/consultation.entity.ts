import { ConsultationAspect } from '@kenes/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from '@kenes/councils';
import { ProposalEntity } from '../../entities/proposal.entity';

/** A proposal version addressed to one agency, with the aspects asked and a due date. */
@Entity({ name: 'consultations' })
@Index('ix_consultations_agency_due', ['agencyId', 'dueAt'])
@Index('ix_consultations_proposal', ['proposalId', 'createdAt', 'id'])
@Index('ix_consultations_council_due', ['councilId', 'dueAt'])
@Index('ix_consultations_unanswered_due', ['dueAt'], { where: '"answered_at" IS NULL AND "overdue_recorded_at" IS NULL' })
export class ConsultationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_consultations_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_consultations_agency' })
  agency?: AgencyEntity;

  /** The proposal version cited, current when the consultation opened. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', array: true })
  aspects: ConsultationAspect[];

  @Column({ type: 'text' })
  question: string;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  /** When the `consultation.overdue` audit entry was written (once). */
  @Column({ name: 'overdue_recorded_at', type: 'timestamptz', precision: 3, nullable: true })
  overdueRecordedAt: Date | null;
}
