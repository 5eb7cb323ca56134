import { ProposalStatus } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { WorkingGroupEntity } from '@kenes/councils';

/**
 * A proposal with a copy of its current version's text (searched through
 * proposal_search, which a trigger keeps in step). Versions are immutable
 * rows in proposal_versions; current_version only ever grows by one.
 */
@Entity({ name: 'proposals' })
@Index('ix_proposals_council_status', ['councilId', 'status'])
@Index('ix_proposals_council_created', ['councilId', 'createdAt'])
@Index('ix_proposals_group', ['workingGroupId'])
@Index('ix_proposals_open_data', ['councilId', 'createdAt', 'id'], { where: `status IN ('supported', 'supported_with_changes', 'in_implementation', 'implemented')` })
@Check('ck_proposals_version', '"current_version" >= 1')
@Check('ck_proposals_origin', '("origin_type" IS NULL) = ("origin_id" IS NULL)')
@Index('uq_proposals_origin', ['originType', 'originId'], { unique: true, where: '"origin_type" IS NOT NULL' })
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_proposals_council' })
  council?: CouncilEntity;

  @Column({ name: 'working_group_id', type: 'uuid' })
  workingGroupId: string;

  @ManyToOne(() => WorkingGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'fk_proposals_working_group' })
  workingGroup?: WorkingGroupEntity;

  @Column({ type: 'text' })
  status: ProposalStatus;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  body: string;

  /** Where the proposal came from when not drafted by a group (a petition that reached the agenda threshold). */
  @Column({ name: 'origin_type', type: 'text', nullable: true })
  originType: string | null;

  @Column({ name: 'origin_id', type: 'uuid', nullable: true })
  originId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
