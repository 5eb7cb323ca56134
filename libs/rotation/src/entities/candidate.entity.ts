import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { UserEntity } from '@kenes/identity';

export type CandidateStatus = 'available' | 'joined';

/** A person in the council's pool who may join at a rotation, with the attributes they would bring. */
@Entity({ name: 'rotation_candidates' })
@Index('uq_rotation_candidates_available', ['councilId', 'userId'], { unique: true, where: `"status" = 'available'` })
@Index('ix_rotation_candidates_council', ['councilId', 'createdAt'])
export class CandidateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_rotation_candidates_council' })
  council?: CouncilEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_rotation_candidates_user' })
  user?: UserEntity;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'available' })
  status: CandidateStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
