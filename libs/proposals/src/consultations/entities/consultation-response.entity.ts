import { AgencyPosition } from '@kenes/core';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MembershipEntity } from '@kenes/councils';
import { ConsultationEntity } from './consultation.entity';

/** The agency's final response: one per consultation, by a database constraint. */
@Entity({ name: 'consultation_responses' })
@Unique('uq_consultation_responses_consultation', ['consultationId'])
export class ConsultationResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @ManyToOne(() => ConsultationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'fk_consultation_responses_consultation' })
  consultation?: ConsultationEntity;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id', foreignKeyConstraintName: 'fk_consultation_responses_membership' })
  membership?: MembershipEntity;

  @Column({ type: 'text' })
  position: AgencyPosition;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
