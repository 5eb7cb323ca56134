import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { MembershipEntity } from '@kenes/councils';
import { PollEntity } from '../../entities/poll.entity';

export type ProxyStatus = 'active' | 'revoked';

/**
 * A proxy a member gave another for one sitting or one poll. Never deleted:
 * revoking it records when and by whom. A delegator gives at most one active
 * proxy per scope (unique indexes); chains and the cap per delegate are
 * checked under row locks of both memberships (ProxiesRepository.lockMembers).
 */
@Entity({ name: 'proxies' })
@Check('ck_proxies_one_scope', '("session_id" IS NULL) <> ("poll_id" IS NULL)')
@Check('ck_proxies_not_self', '"delegator_membership_id" <> "delegate_membership_id"')
@Check('ck_proxies_status', `"status" IN ('active', 'revoked')`)
@Index('uq_proxies_active_session', ['delegatorMembershipId', 'sessionId'], { unique: true, where: `"status" = 'active' AND "session_id" IS NOT NULL` })
@Index('uq_proxies_active_poll', ['delegatorMembershipId', 'pollId'], { unique: true, where: `"status" = 'active' AND "poll_id" IS NOT NULL` })
@Index('ix_proxies_session', ['sessionId', 'createdAt', 'id'])
@Index('ix_proxies_poll', ['pollId', 'createdAt', 'id'])
@Index('ix_proxies_delegate', ['delegateMembershipId', 'status'])
export class ProxyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_proxies_council' })
  council?: CouncilEntity;

  @Column({ name: 'delegator_membership_id', type: 'uuid' })
  delegatorMembershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delegator_membership_id', foreignKeyConstraintName: 'fk_proxies_delegator' })
  delegator?: MembershipEntity;

  @Column({ name: 'delegate_membership_id', type: 'uuid' })
  delegateMembershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delegate_membership_id', foreignKeyConstraintName: 'fk_proxies_delegate' })
  delegate?: MembershipEntity;

  /** The sitting it covers (every poll of it), or null for a poll's proxy. The session table is a higher floor: no relation. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ name: 'poll_id', type: 'uuid', nullable: true })
  pollId: string | null;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_proxies_poll' })
  poll?: PollEntity;

  /** What the delegator asks the delegate to do (not binding: the delegate casts). */
  @Column({ type: 'text', nullable: true })
  instruction: string | null;

  @Column({ type: 'text', default: 'active' })
  status: ProxyStatus;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by_user_id', type: 'uuid', nullable: true })
  revokedByUserId: string | null;
}
