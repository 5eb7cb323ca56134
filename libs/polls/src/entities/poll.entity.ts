import { ProxySettings, ResolvedRule, StoredTally } from '@kenes/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';
import { WorkingGroupEntity } from '@kenes/councils';
import { ProposalEntity } from '@kenes/proposals';

export type PollStatus = 'draft' | 'open' | 'closed';

/** The stored result of closing a poll: the core's own Tally (libs/core tally()). */
export type { StoredTally };

/**
 * A poll put to a working group (or, with the live-session capability, to a
 * session): its tally rule is fixed when it is created and validated there.
 */
@Entity({ name: 'polls' })
@Index('ix_polls_council', ['councilId', 'createdAt'])
@Index('ix_polls_group', ['workingGroupId'])
@Index('ix_polls_proposal', ['proposalId', 'createdAt', 'id'])
@Check('ck_polls_status', `"status" IN ('draft', 'open', 'closed')`)
@Check('ck_polls_body', `("working_group_id" IS NOT NULL) <> ("session_id" IS NOT NULL)`)
export class PollEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @ManyToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_polls_council' })
  council?: CouncilEntity;

  @Column({ name: 'working_group_id', type: 'uuid', nullable: true })
  workingGroupId: string | null;

  @ManyToOne(() => WorkingGroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'working_group_id', foreignKeyConstraintName: 'fk_polls_working_group' })
  workingGroup?: WorkingGroupEntity;

  /** The live session the poll belongs to (plenary or group sitting); set by the sessions capability. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  /** Whose members vote: this working group's, or (null) the council's voting members (a plenary). */
  @Column({ name: 'electorate_group_id', type: 'uuid', nullable: true })
  electorateGroupId: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_polls_proposal' })
  proposal?: ProposalEntity;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'boolean' })
  secret: boolean;

  /** The rule as declared, defaults resolved. */
  @Column({ type: 'jsonb' })
  rule: ResolvedRule;

  @Column({ type: 'text', default: 'draft' })
  status: PollStatus;

  @Column({ name: 'eligible_count', type: 'integer', nullable: true })
  eligibleCount: number | null;

  @Column({ name: 'present_count', type: 'integer', nullable: true })
  presentCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  tally: StoredTally | null;

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @Column({ name: 'opened_at', type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  /**
   * When the closing transaction sealed the poll's choices (a secret poll's
   * are rewritten then). Set once, with closing; from then on no ballot or
   * choice of the poll may change (triggers, migration SecretBallotsSealed).
   */
  @Column({ name: 'sealed_at', type: 'timestamptz', precision: 3, nullable: true })
  sealedAt: Date | null;

  /**
   * Whether the poll's secret choices were sealed before BALLOT_KEY existed
   * (format v1, keyed from JWT_SECRET). Set by a migration for those polls
   * alone; no other poll accepts a v1 choice.
   */
  @Column({ name: 'legacy_ballot_cipher', type: 'boolean', default: false, update: false })
  legacyBallotCipher: boolean;

  /** The council's proxy settings as they were when the poll opened (null: no proxies for it). */
  @Column({ name: 'proxy_settings', type: 'jsonb', nullable: true })
  proxySettings: ProxySettings | null;

  /** The transaction that closed the poll, recorded by the polls trigger (never written by the app). */
  @Column({ name: 'closed_in_xact', type: 'text', nullable: true, select: false, insert: false, update: false })
  closedInXact?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
