import { AgencyPosition, ConsultationAspect } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { ConsultationEntity } from './consultation.entity';

/** An agency's comment (with a position) or an author's reply, optionally anchored to the cited version. */
@Entity({ name: 'consultation_comments' })
@Index('ix_consultation_comments_consultation', ['consultationId', 'createdAt'])
@Check('ck_consultation_comments_kind', `"author_kind" IN ('agency', 'author')`)
@Check('ck_consultation_comments_anchor', `("anchor_version" IS NULL AND "anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_version" IS NOT NULL AND "anchor_start" >= 0 AND "anchor_end" > "anchor_start")`)
export class ConsultationCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @ManyToOne(() => ConsultationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'fk_consultation_comments_consultation' })
  consultation?: ConsultationEntity;

  @Column({ name: 'author_membership_id', type: 'uuid' })
  authorMembershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_membership_id', foreignKeyConstraintName: 'fk_consultation_comments_author' })
  author?: MembershipEntity;

  @Column({ name: 'author_kind', type: 'text' })
  authorKind: 'agency' | 'author';

  @Column({ type: 'text' })
  aspect: ConsultationAspect;

  @Column({ type: 'text', nullable: true })
  position: AgencyPosition | null;

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

  @ManyToOne(() => ConsultationCommentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reply_to_id', foreignKeyConstraintName: 'fk_consultation_comments_reply_to' })
  replyTo?: ConsultationCommentEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
