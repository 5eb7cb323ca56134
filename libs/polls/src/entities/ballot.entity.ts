import { Choice } from '@kenes/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { PollProxyEntity } from '../proxies/entities/poll-proxy.entity';
import { PollVoterEntity } from './poll-voter.entity';

/**
 * A named poll's ballot: one per voter per poll, by the primary key. It
 * references the voter row, so the database itself refuses the ineligible.
 */
@Entity({ name: 'ballots' })
@Unique('uq_ballots_receipt', ['pollId', 'receipt'])
@Index('ix_ballots_receipt_hash', ['pollId', 'receiptHash'])
export class BallotEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => PollVoterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_ballots_voter' },
    { name: 'membership_id', referencedColumnName: 'membershipId', foreignKeyConstraintName: 'fk_ballots_voter' },
  ])
  voter?: PollVoterEntity;

  @Column({ type: 'text' })
  choice: Choice;

  /** The delegate who cast this member's ballot by proxy (null: the member themselves). */
  @Column({ name: 'cast_by_membership_id', type: 'uuid', nullable: true })
  castByMembershipId: string | null;

  /** The proxy fixed for this poll that the ballot was cast by (only when cast by proxy). */
  @ManyToOne(() => PollProxyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_ballots_proxy' },
    { name: 'membership_id', referencedColumnName: 'delegatorMembershipId', foreignKeyConstraintName: 'fk_ballots_proxy' },
    { name: 'cast_by_membership_id', referencedColumnName: 'delegateMembershipId', foreignKeyConstraintName: 'fk_ballots_proxy' },
  ])
  proxy?: PollProxyEntity;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  receipt: string;

  /** SHA-256 (hex) of the receipt: what the published receipt list shows, in this order. */
  @Column({ name: 'receipt_hash', type: 'text' })
  receiptHash: string;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request body that used the idempotency key. */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
