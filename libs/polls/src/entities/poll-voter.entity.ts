import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { PollEntity } from './poll.entity';

/** An eligible voter, fixed when the poll opens. Ballots reference it, so only the eligible can vote. */
@Entity({ name: 'poll_voters' })
export class PollVoterEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_voters_poll' })
  poll?: PollEntity;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_poll_voters_membership' })
  membership?: MembershipEntity;
}
