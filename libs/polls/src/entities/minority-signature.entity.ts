import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { MinorityOpinionEntity } from './minority-opinion.entity';

/** A co-signature by another voter in the minority; once per voter per opinion. */
@Entity({ name: 'minority_opinion_signatures' })
@Unique('uq_minority_opinion_signatures', ['opinionId', 'membershipId'])
export class MinoritySignatureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'opinion_id', type: 'uuid' })
  opinionId: string;

  @ManyToOne(() => MinorityOpinionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opinion_id', foreignKeyConstraintName: 'fk_minority_opinion_signatures_opinion' })
  opinion?: MinorityOpinionEntity;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_minority_opinion_signatures_membership' })
  membership?: MembershipEntity;

  @Column({ type: 'text' })
  position: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
