import { CouncilRole } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@kenes/identity';
import { AgencyEntity } from './agency.entity';
import { CouncilEntity } from './council.entity';

/**
 * A user's seat in a council for one term. Rotation ends a term and starts a
 * new membership; terms of one user in one council never overlap.
 */
@Entity({ name: 'memberships' })
@Index('ix_memberships_council_term', ['councilId', 'startsOn'])
@Index('ix_memberships_user', ['userId'])
@Check('ck_memberships_term', '"ends_on" IS NULL OR "ends_on" >= "starts_on"')
@Check('ck_memberships_agency_rep', `("agency_id" IS NOT NULL) = ('agency_rep' = ANY ("roles"))`)
@Check('ck_memberships_roles', `cardinality("roles") > 0`)
@Exclusion('ex_memberships_term_overlap', `USING gist ("council_id" WITH =, "user_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)`)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_memberships_council' })
  council?: CouncilEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_memberships_user' })
  user?: UserEntity;

  @Column({ type: 'text', array: true })
  roles: CouncilRole[];

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_memberships_agency' })
  agency?: AgencyEntity;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes: Record<string, string>;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
