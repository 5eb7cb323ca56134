import { FloorHolder, FloorRequest, SessionState } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { WorkingGroupEntity } from '@kenes/councils';

export type SessionKind = 'plenary' | 'working_group';

/**
 * A sitting, plenary or of one working group. Its live state (current item,
 * floor, queue) is kept here, so a restarted server resumes it exactly;
 * last_seq numbers its event log and serialises its commands.
 */
@Entity({ name: 'sessions' })
@Index('ix_sessions_council', ['councilId', 'scheduledAt'])
@Check('ck_sessions_kind', `("kind" = 'plenary' AND "working_group_id" IS NULL) OR ("kind" = 'working_group' AND "working_group_id" IS NOT NULL)`)
@Check('ck_sessions_state', `"state" IN ('scheduled', 'live', 'paused', 'closed')`)
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_sessions_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ name: 'working_group_id', type: 'uuid', nullable: true })
  workingGroupId: string | null;

  @ManyToOne(() => WorkingGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'fk_sessions_working_group' })
  workingGroup?: WorkingGroupEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz', precision: 3 })
  scheduledAt: Date;

  @Column({ type: 'boolean', default: false })
  public: boolean;

  @Column({ type: 'text', default: 'scheduled' })
  state: SessionState;

  /**
   * Written only by SessionEventsService.append (`update: false`): saving an
   * entity loaded before an append must not set it back.
   */
  @Column({ name: 'last_seq', type: 'integer', default: 0, update: false })
  lastSeq: number;

  /** The attendance last announced (attendance.changed); written by the presence sweep and check-ins only. */
  @Column({ name: 'present_count', type: 'integer', default: 0, update: false })
  presentCount: number;

  /** Members represented by a present delegate, as last announced in attendance.changed. */
  @Column({ name: 'represented_count', type: 'integer', default: 0, update: false })
  representedCount: number;

  @Column({ name: 'current_item_id', type: 'uuid', nullable: true })
  currentItemId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  floor: FloorHolder | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  queue: FloorRequest[];

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
