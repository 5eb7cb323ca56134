import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CouncilEntity } from './council.entity';

@Entity({ name: 'working_groups' })
@Unique('uq_working_groups_council_name', ['councilId', 'name'])
export class WorkingGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_working_groups_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  mandate: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
