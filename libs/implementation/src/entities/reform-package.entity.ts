import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';

/** A reform package (first, second, third…) grouping plan items. */
@Entity({ name: 'reform_packages' })
@Unique('uq_reform_packages_title', ['councilId', 'title'])
export class ReformPackageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_reform_packages_council' })
  council?: CouncilEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'announced_on', type: 'date' })
  announcedOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
