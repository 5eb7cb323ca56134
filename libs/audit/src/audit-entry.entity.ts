import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An append-only audit entry. It is written in the transaction of the change
 * it records, unsealed; the sequencer then seals committed entries in order,
 * setting chain_seq, prev_hash and hash once. Triggers refuse any other
 * update and every delete (see the migration AuditEntryGuards).
 */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entries_unsealed', ['chain', 'seq'], { where: '"hash" IS NULL' })
@Unique('uq_audit_entries_chain_seq', ['chain', 'chainSeq'])
@Check('ck_audit_entries_chain', `"chain" = coalesce("council_id"::text, 'platform')`)
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order (not the chain order: entries commit out of order). */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity', insert: false, update: false })
  seq: string;

  /** The council whose chain holds the entry; null for the platform's own chain. */
  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId: string | null;

  /** The chain's key: the council's id, or `platform`. */
  @Column({ type: 'text' })
  chain: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'object_type', type: 'text' })
  objectType: string;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  summary: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'chain_seq', type: 'bigint', nullable: true })
  chainSeq: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text', nullable: true })
  hash: string | null;
}
