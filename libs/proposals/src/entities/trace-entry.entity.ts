import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProposalEntity } from './proposal.entity';

export const TRACE_KINDS = [
  'created',
  'version',
  'transition',
  'consultation_opened',
  'consultation_comment',
  'consultation_answered',
  'poll_closed',
  'minority_opinion',
  'agenda_item',
  'decision',
  'plan_item',
  'plan_update',
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

/**
 * One line of a proposal's lineage. Proposals owns the table; higher floors
 * (polls, sessions, implementation) append through TraceService, so this
 * library never imports them.
 */
@Entity({ name: 'proposal_trace' })
@Index('ix_proposal_trace_order', ['proposalId', 'at', 'seq'])
export class TraceEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, to break ties between entries of one instant. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity', insert: false, update: false })
  seq: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_proposal_trace_proposal' })
  proposal?: ProposalEntity;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Column({ type: 'text' })
  kind: TraceKind;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'ref_type', type: 'text' })
  refType: string;

  @Column({ name: 'ref_id', type: 'uuid' })
  refId: string;
}
