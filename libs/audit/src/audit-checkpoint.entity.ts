import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed checkpoint of one chain's head: the entry's id and hash at a
 * moment, signed with AUDIT_SIGNING_KEY (Ed25519, outside the database).
 * Whoever keeps a copy can later show that the chain up to that entry still
 * stands (POST /councils/:id/audit/verify-checkpoint). Append-only by trigger.
 */
@Entity({ name: 'audit_checkpoints' })
@Index('uq_audit_checkpoints_chain_seq', ['chain', 'chainSeq'], { unique: true })
export class AuditCheckpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The chain's key: the council's id, or `platform`. */
  @Column({ type: 'text' })
  chain: string;

  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId: string | null;

  /** The checkpointed head entry. */
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  @Column({ name: 'chain_seq', type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'text' })
  hash: string;

  /** When the checkpoint was made (the `at` that the signature covers, to the millisecond). */
  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  /** base64 Ed25519 over `kenes-checkpoint:v1:<councilId>:<entryId>:<hash>:<at>`. */
  @Column({ type: 'text' })
  signature: string;
}
