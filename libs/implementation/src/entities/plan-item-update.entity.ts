import { PlanStage } from '@kenes/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanItemEntity } from './plan-item.entity';

/** One step of an item's history (immutable: there is no route that changes or removes one). */
@Entity({ name: 'plan_item_updates' })
@Index('ix_plan_item_updates_item', ['itemId', 'createdAt'])
export class PlanItemUpdateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @ManyToOne(() => PlanItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_plan_item_updates_item' })
  item?: PlanItemEntity;

  @Column({ name: 'from_stage', type: 'text' })
  fromStage: PlanStage;

  @Column({ type: 'text' })
  stage: PlanStage;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'integer', nullable: true })
  progress: number | null;

  @Column({ name: 'legal_act_ref', type: 'text', nullable: true })
  legalActRef: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid' })
  actorUserId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
