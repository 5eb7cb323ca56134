import { CouncilRole } from '@kenes/core';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from './membership.entity';

/**
 * The roles and attributes of a membership from a date onwards. A membership
 * with no revision has held its row's roles and attributes for its whole term;
 * the first change records the values it started with (from `startsOn`) and the
 * new ones (from `effectiveOn`), so that any past date reads what was in force.
 */
@Entity({ name: 'membership_revisions' })
@Unique('uq_membership_revisions_effective', ['membershipId', 'effectiveOn'])
export class MembershipRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_membership_revisions_membership' })
  membership?: MembershipEntity;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ type: 'text', array: true })
  roles: CouncilRole[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
