import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PollVoterEntity } from './poll-voter.entity';

/**
 * Every Idempotency-Key a voter cast a named ballot with, and what it was
 * answered: the same key answers as the first time even after a later cast
 * (with another key) changed the ballot, so a delayed retry can never undo a
 * newer choice. Written in the same statement as the ballot it answered for.
 */
@Entity({ name: 'ballot_keys' })
export class BallotKeyEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @ManyToOne(() => PollVoterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_ballot_keys_voter' },
    { name: 'membership_id', referencedColumnName: 'membershipId', foreignKeyConstraintName: 'fk_ballot_keys_voter' },
  ])
  voter?: PollVoterEntity;

  /** SHA-256 of the request body that used the key. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  receipt: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
