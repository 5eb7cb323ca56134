import { TRACE_KINDS, TraceKind } from '@kenes/core';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProposalEntity } from './proposal.entity';

export { TRACE_KINDS };
export type { TraceKind };

/**
 * What each kind of line records besides its English summary, as data, so a
 * client tells it in its own language. Names and titles are the council's own
 * words; the rest are codes (statuses, aspects, positions, stages, outcomes).
 */
export interface TraceDataByKind {
  created: { origin: 'working_group'; groupName: string; title: string } | { origin: 'petition'; title: string; authorName: string; signatures: number; agendaThreshold: number };
  version: { version: number };
  transition: { from: string; to: string; cause: string | null; reason: string | null };
  consultation_opened: { version: number; agencyName: string; aspects: string[]; dueAt: string };
  consultation_comment: { authorKind: 'agency' | 'author'; aspect: string; position: string | null };
  consultation_answered: { position: string };
  poll_closed: { question: string; outcome: string; castingDecision: string | null; counts: Record<'for' | 'against' | 'abstain' | 'block' | 'stand_aside', number> };
  minority_opinion: { position: string };
  agenda_item: { sessionTitle: string; itemPosition: number };
  decision: { sessionTitle: string; resolution: string; instruction: string | null };
  plan_item: { title: string; deliverable: string; dueOn: string };
  plan_update: { title: string; from: string; to: string; legalActRef: string | null; note: string | null };
}
export type TraceData = TraceDataByKind[TraceKind];

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

  /** The line's facts as data (TraceDataByKind); null on lines written before it was recorded. */
  @Column({ type: 'jsonb', nullable: true })
  data: TraceData | null;
}
