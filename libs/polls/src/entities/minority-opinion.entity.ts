import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { PollEntity } from './poll.entity';

/**
 * An opinion of voters whose ballots differ from the outcome, kept on the
 * record with the poll. On a secret poll the filer proved the position with
 * the ballot's receipt and, by filing, made that one position public.
 */
@Entity({ name: 'minority_opinions' })
@Index('ix_minority_opinions_poll', ['pollId', 'createdAt'])
/** One opinion per voter per poll (others they may co-sign). */
@Index('uq_minority_opinions_author', ['pollId', 'authorMembershipId'], { unique: true })
export class MinorityOpinionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_minority_opinions_poll' })
  poll?: PollEntity;

  @Column({ name: 'author_membership_id', type: 'uuid' })
  authorMembershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_membership_id', foreignKeyConstraintName: 'fk_minority_opinions_author' })
  author?: MembershipEntity;

  /** The position the opinion defends (the filer's ballot). */
  @Column({ type: 'text' })
  position: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by_user_id', type: 'uuid', nullable: true })
  acknowledgedByUserId: string | null;

  @Column({ name: 'acknowledgement_note', type: 'text', nullable: true })
  acknowledgementNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
