import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';

export type PlanStatus = 'proposed' | 'applied' | 'infeasible';

/** A rotation the planner proposed: what it was asked (`request`), what it found (`result`), and the hash of its inputs. */
@Entity({ name: 'rotation_plans' })
@Index('ix_rotation_plans_council', ['councilId', 'createdAt'])
export class RotationPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_rotation_plans_council' })
  council?: CouncilEntity;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text' })
  status: PlanStatus;

  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ name: 'inputs_hash', type: 'text' })
  inputsHash: string;

  @Column({ name: 'applied_at', type: 'timestamptz', precision: 3, nullable: true })
  appliedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
