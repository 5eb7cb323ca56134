import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipEntity } from '@kenes/councils/entities/membership.entity';
import { SessionEntity } from './session.entity';

/** A member checked in to a sitting (attendance is taken from who is checked in). */
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
}
