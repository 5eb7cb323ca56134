import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PollVoterEntity } from './poll-voter.entity';

/**
 * That a voter took part in a secret poll, and nothing about how: the
 * choice lives in secret_slots with no reference back. One per voter per
 * poll (primary key), so a second cast is refused by the database.
 */
@Entity({ name: 'secret_participations' })
export class SecretParticipationEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => PollVoterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_secret_participations_voter' },
    { name: 'membership_id', referencedColumnName: 'membershipId', foreignKeyConstraintName: 'fk_secret_participations_voter' },
  ])
  voter?: PollVoterEntity;

  /** HMAC of the cast's Idempotency-Key under a key derived from BALLOT_KEY (never the key itself). */
  @Column({ name: 'idempotency_hash', type: 'text', nullable: true })
  idempotencyHash: string | null;
}
