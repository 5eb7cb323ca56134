import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { SessionEntity } from '@kenes/sessions';

/** The secretariat's implementation plan, optionally carrying out one session's decisions. */
@Entity({ name: 'implementation_plans' })
@Index('ix_implementation_plans_council', ['councilId', 'createdAt'])
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_implementation_plans_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_implementation_plans_session' })
  session?: SessionEntity;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
