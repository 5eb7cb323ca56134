import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { PollVoterEntity } from '../../entities/poll-voter.entity';
import { ProxyEntity } from './proxy.entity';

/**
 * A proxy as fixed for one poll when it opened: `in_force` (the delegate may
 * cast for the delegator) or `suspended` (a sitting proxy whose delegator was
 * present). Written while the poll is a draft (in its opening transaction),
 * never changed. One per delegator per poll (primary key); both members are
 * voters of the poll (foreign keys to its voter roll).
 */
@Entity({ name: 'poll_proxies' })
@Check('ck_poll_proxies_not_self', '"delegator_membership_id" <> "delegate_membership_id"')
@Check('ck_poll_proxies_status', `"status" IN ('in_force', 'suspended')`)
@Index('ix_poll_proxies_delegate', ['pollId', 'delegateMembershipId'])
/** What a ballot cast by proxy references: the database refuses one for which no proxy was fixed. */
@Unique('uq_poll_proxies_pair', ['pollId', 'delegatorMembershipId', 'delegateMembershipId'])
export class PollProxyEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @PrimaryColumn({ name: 'delegator_membership_id', type: 'uuid' })
  delegatorMembershipId: string;

  @ManyToOne(() => PollVoterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_poll_proxies_delegator' },
    { name: 'delegator_membership_id', referencedColumnName: 'membershipId', foreignKeyConstraintName: 'fk_poll_proxies_delegator' },
  ])
  delegator?: PollVoterEntity;

  @Column({ name: 'delegate_membership_id', type: 'uuid' })
  delegateMembershipId: string;

  @ManyToOne(() => PollVoterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'poll_id', referencedColumnName: 'pollId', foreignKeyConstraintName: 'fk_poll_proxies_delegate' },
    { name: 'delegate_membership_id', referencedColumnName: 'membershipId', foreignKeyConstraintName: 'fk_poll_proxies_delegate' },
  ])
  delegate?: PollVoterEntity;

  @Column({ name: 'proxy_id', type: 'uuid' })
  proxyId: string;

  @ManyToOne(() => ProxyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proxy_id', foreignKeyConstraintName: 'fk_poll_proxies_proxy' })
  proxy?: ProxyEntity;

  @Column({ type: 'text' })
  status: 'in_force' | 'suspended';
}
