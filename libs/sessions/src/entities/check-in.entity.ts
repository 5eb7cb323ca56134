import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { SessionEntity } from './session.entity';

/** A member checked in to a sitting; attendance counts those checked in and connected. */
@Entity({ name: 'session_check_ins' })
export class CheckInEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_session_check_ins_session' })
  session?: SessionEntity;

  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_session_check_ins_membership' })
  membership?: MembershipEntity;

  @CreateDateColumn({ name: 'checked_in_at', type: 'timestamptz', precision: 3 })
  checkedInAt: Date;

  /**
   * Presence lease: renewed by the node holding one of the member's
   * connections; a member counts as present until it runs out, so a dropped
   * connection has a grace period and a crashed node's members lapse.
   */
  @Column({ name: 'connected_until', type: 'timestamptz', precision: 3, nullable: true })
  connectedUntil: Date | null;
}
