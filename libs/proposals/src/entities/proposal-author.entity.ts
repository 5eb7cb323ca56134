import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { ProposalEntity } from './proposal.entity';

/** An author (`primary`: the one who created it) or co-author of a proposal; both may edit. */
@Entity({ name: 'proposal_authors' })
@Unique('uq_proposal_authors', ['proposalId', 'membershipId'])
@Index('ix_proposal_authors_membership', ['membershipId'])
export class ProposalAuthorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_proposal_authors_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_proposal_authors_membership' })
  membership?: MembershipEntity;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
