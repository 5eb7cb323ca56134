import { PetitionStatus } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { ProposalEntity } from '@kenes/proposals';

/**
 * A petition from the public to a council. `signatures` and `by_region` are
 * kept counters of the validated signatures, changed in the transaction that
 * validates each one (under this row's lock), so reading a count costs the
 * same at a million signatures as at one. The author's email is kept for the
 * secretariat and never published.
 */
@Entity({ name: 'petitions' })
@Index('ix_petitions_council_status', ['councilId', 'status', 'createdAt', 'id'])
@Index('ix_petitions_open_closing', ['closesAt'], { where: `status = 'open'` })
@Check('ck_petitions_status', `status IN ('submitted', 'open', 'rejected', 'referred', 'expired', 'withdrawn', 'answered')`)
@Check('ck_petitions_signatures', 'signatures >= 0')
@Check('ck_petitions_rejection', `status <> 'rejected' OR rejection_reason IS NOT NULL`)
@Check('ck_petitions_open', `status = 'submitted' OR status = 'rejected' OR closes_at IS NOT NULL`)
export class PetitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_petitions_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  @Column({ name: 'author_email', type: 'text' })
  authorEmail: string;

  @Column({ type: 'text' })
  status: PetitionStatus;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'agenda_threshold', type: 'integer' })
  agendaThreshold: number;

  @Column({ name: 'response_threshold', type: 'integer', nullable: true })
  responseThreshold: number | null;

  @Column({ name: 'signature_days', type: 'integer' })
  signatureDays: number;

  @Column({ name: 'response_days', type: 'integer' })
  responseDays: number;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', precision: 3, nullable: true })
  closesAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  signatures: number;

  @Column({ name: 'by_region', type: 'jsonb', default: () => "'{}'" })
  byRegion: Record<string, number>;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_petitions_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'referred_at', type: 'timestamptz', precision: 3, nullable: true })
  referredAt: Date | null;

  @Column({ name: 'response_due_on', type: 'date', nullable: true })
  responseDueOn: string | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'responded_at', type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  /** The chair's resolution on its proposal. */
  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
