import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PetitionEntity } from './petition.entity';

export type SignatureMethod = 'email' | 'certificate';
export type SignatureStatus = 'pending' | 'validated';

/**
 * One person's signature. Nothing here names the signer: `signer_hash` is an
 * HMAC of the normalised identity under a key kept outside the database, and
 * a pending signature's confirmation token is kept only as its SHA-256. One
 * person signs a petition once (uq_petition_signatures_signer). A pending row
 * lives 48 hours at most; the sweep removes it after.
 */
@Entity({ name: 'petition_signatures' })
@Index('uq_petition_signatures_signer', ['petitionId', 'signerHash'], { unique: true })
@Index('uq_petition_signatures_token', ['tokenHash'], { unique: true, where: 'token_hash IS NOT NULL' })
@Index('ix_petition_signatures_pending_expiry', ['expiresAt'], { where: `status = 'pending'` })
@Check('ck_petition_signatures_method', `method IN ('email', 'certificate')`)
@Check('ck_petition_signatures_status', `status IN ('pending', 'validated')`)
@Check('ck_petition_signatures_pending', `status <> 'pending' OR (token_hash IS NOT NULL AND expires_at IS NOT NULL)`)
export class PetitionSignatureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  @ManyToOne(() => PetitionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'petition_id', foreignKeyConstraintName: 'fk_petition_signatures_petition' })
  petition?: PetitionEntity;

  @Column({ name: 'signer_hash', type: 'bytea' })
  signerHash: Buffer;

  @Column({ type: 'text' })
  method: SignatureMethod;

  @Column({ type: 'text' })
  status: SignatureStatus;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'token_hash', type: 'bytea', nullable: true })
  tokenHash: Buffer | null;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'validated_at', type: 'timestamptz', precision: 3, nullable: true })
  validatedAt: Date | null;
}
