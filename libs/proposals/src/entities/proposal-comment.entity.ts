import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { ProposalEntity } from './proposal.entity';

/** A group member's comment, optionally anchored to a span of one version's body, threaded by reply_to. */
@Entity({ name: 'proposal_comments' })
@Index('ix_proposal_comments_proposal', ['proposalId', 'createdAt'])
@Check('ck_proposal_comments_anchor', `("anchor_version" IS NULL AND "anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_version" IS NOT NULL AND "anchor_start" >= 0 AND "anchor_end" > "anchor_start")`)
export class ProposalCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_proposal_comments_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'author_membership_id', type: 'uuid' })
  authorMembershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_membership_id', foreignKeyConstraintName: 'fk_proposal_comments_author' })
  author?: MembershipEntity;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'anchor_version', type: 'integer', nullable: true })
  anchorVersion: number | null;

  @Column({ name: 'anchor_start', type: 'integer', nullable: true })
  anchorStart: number | null;

  @Column({ name: 'anchor_end', type: 'integer', nullable: true })
  anchorEnd: number | null;

  @Column({ name: 'reply_to_id', type: 'uuid', nullable: true })
  replyToId: string | null;

  @ManyToOne(() => ProposalCommentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reply_to_id', foreignKeyConstraintName: 'fk_proposal_comments_reply_to' })
  replyTo?: ProposalCommentEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
