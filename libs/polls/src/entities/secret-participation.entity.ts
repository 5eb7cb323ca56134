import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PollProxyEntity } from '../proxies/entities/poll-proxy.entity';
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

  /** The delegate who cast by proxy (null: the voter themselves). Participation only: the choice stays apart. */
  @Column({ name: 'cast_by_membership_id', type: 'uuid', nullable: true })
  castByMembershipId: string | null;

  /** The proxy fixed for this poll that the ballot was cast by (only when cast by proxy). */
  @ManyToOne(() => PollProxyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_secret_participations_proxy' },
    { name: 'membership_id', referencedColumnName: 'delegatorMembershipId', foreignKeyConstraintName: 'fk_secret_participations_proxy' },
    { name: 'cast_by_membership_id', referencedColumnName: 'delegateMembershipId', foreignKeyConstraintName: 'fk_secret_participations_proxy' },
  ])
  proxy?: PollProxyEntity;
}
