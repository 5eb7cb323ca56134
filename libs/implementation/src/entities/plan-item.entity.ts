import { Deliverable, PlanStage } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgencyEntity } from '@kenes/councils';
import { ProposalEntity } from '@kenes/proposals';
import { PlanEntity } from './plan.entity';
import { ReformPackageEntity } from './reform-package.entity';

/** One act to bring into force for a supported proposal: who, what, by when, and where it stands. */
@Entity({ name: 'plan_items' })
@Index('ix_plan_items_plan', ['planId', 'createdAt'])
@Index('ix_plan_items_council_due', ['councilId', 'dueOn'])
@Index('ix_plan_items_agency', ['responsibleAgencyId'])
@Index('ix_plan_items_package', ['reformPackageId'])
@Index('ix_plan_items_proposal', ['proposalId'])
@Index('ix_plan_items_proposal_due', ['proposalId', 'dueOn', 'id'])
@Index('ix_plan_items_council_due_id', ['councilId', 'dueOn', 'id'])
@Check('ck_plan_items_stage', `"stage" IN ('planned', 'drafting', 'submitted', 'first_reading', 'adopted', 'signed', 'in_force', 'cancelled')`)
@Check('ck_plan_items_deliverable', `"deliverable" IN ('draft_law', 'decree', 'government_resolution', 'concept', 'other')`)
@Check('ck_plan_items_progress', `"progress" IS NULL OR ("progress" >= 0 AND "progress" <= 100)`)
export class PlanItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_items_plan' })
  plan?: PlanEntity;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_plan_items_proposal' })
  proposal?: ProposalEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'responsible_agency_id', type: 'uuid' })
  responsibleAgencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_agency_id', foreignKeyConstraintName: 'fk_plan_items_agency' })
  responsibleAgency?: AgencyEntity;

  @Column({ type: 'text' })
  deliverable: Deliverable;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'reform_package_id', type: 'uuid', nullable: true })
  reformPackageId: string | null;

  @ManyToOne(() => ReformPackageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reform_package_id', foreignKeyConstraintName: 'fk_plan_items_package' })
  reformPackage?: ReformPackageEntity;

  @Column({ type: 'text', default: 'planned' })
  stage: PlanStage;

  @Column({ type: 'integer', nullable: true })
  progress: number | null;

  @Column({ name: 'legal_act_ref', type: 'text', nullable: true })
  legalActRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
