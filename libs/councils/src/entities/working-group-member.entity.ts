import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from './membership.entity';
import { WorkingGroupEntity } from './working-group.entity';

export type GroupRole = 'coordinator' | 'member';

@Entity({ name: 'working_group_members' })
@Unique('uq_working_group_members_group_membership', ['workingGroupId', 'membershipId'])
@Index('ix_working_group_members_membership', ['membershipId'])
@Check('ck_working_group_members_role', `"role" IN ('coordinator', 'member')`)
export class WorkingGroupMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'working_group_id', type: 'uuid' })
  workingGroupId: string;

  @ManyToOne(() => WorkingGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'fk_working_group_members_group' })
  workingGroup?: WorkingGroupEntity;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_working_group_members_membership' })
  membership?: MembershipEntity;

  @Column({ type: 'text' })
  role: GroupRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
