import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { ProposalEntity } from './proposal.entity';

/** One immutable version of a proposal's text. (proposal_id, version) is unique: two writers cannot both make version n. */
@Entity({ name: 'proposal_versions' })
@Unique('uq_proposal_versions_number', ['proposalId', 'version'])
export class ProposalVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_proposal_versions_proposal' })
  proposal?: ProposalEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  body: string;

  /** Null for the first version of a proposal that came from outside the council (a petition). */
  @Column({ name: 'author_membership_id', type: 'uuid', nullable: true })
  authorMembershipId: string | null;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_membership_id', foreignKeyConstraintName: 'fk_proposal_versions_author' })
  author?: MembershipEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
