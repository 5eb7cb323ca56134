import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';

/** The least and most members with a vote that a council wants for one value of a balance dimension. */
@Entity({ name: 'balance_targets' })
@Unique('uq_balance_targets_value', ['councilId', 'dimension', 'value'])
@Check('ck_balance_targets_bounds', '("min" IS NULL OR "min" >= 0) AND ("max" IS NULL OR "max" >= 0) AND ("min" IS NULL OR "max" IS NULL OR "min" <= "max")')
@Check('ck_balance_targets_weight', '"weight" BETWEEN 1 AND 1000')
export class BalanceTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_balance_targets_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  dimension: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'int', nullable: true })
  min: number | null;

  @Column({ type: 'int', nullable: true })
  max: number | null;

  /** How much a unit outside this target weighs when the planner minimises the deviation. */
  @Column({ type: 'int', default: 1 })
  weight: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
