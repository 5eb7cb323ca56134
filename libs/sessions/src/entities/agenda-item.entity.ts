import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProposalEntity } from '@kenes/proposals';
import { SessionEntity } from './session.entity';

export type Resolution = 'supported' | 'supported_with_changes' | 'deferred' | 'not_supported';

/** One item of a sitting's agenda: a recommended (or deferred) proposal, its speakers and its time allowance. */
@Entity({ name: 'agenda_items' })
@Unique('uq_agenda_items_position', ['sessionId', 'position'])
@Index('ix_agenda_items_proposal', ['proposalId'])
@Check('ck_agenda_items_status', `"status" IN ('pending', 'open', 'done')`)
@Check('ck_agenda_items_resolution', `"resolution" IS NULL OR "resolution" IN ('supported', 'supported_with_changes', 'deferred', 'not_supported')`)
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_agenda_items_session' })
  session?: SessionEntity;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_agenda_items_proposal' })
  proposal?: ProposalEntity;

  @Column({ name: 'speaker_membership_ids', type: 'uuid', array: true, default: () => "'{}'" })
  speakerMembershipIds: string[];

  /** Time allowance, in minutes. */
  @Column({ type: 'integer' })
  minutes: number;

  @Column({ type: 'text', default: 'pending' })
  status: 'pending' | 'open' | 'done';

  @Column({ type: 'text', nullable: true })
  resolution: Resolution | null;

  @Column({ type: 'text', nullable: true })
  instruction: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
