import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PollEntity } from './poll.entity';

/**
 * A secret ballot's receipt used as proof (for an opinion or a signature):
 * a ballot backs at most one voice, by the primary key.
 */
@Entity({ name: 'poll_receipt_claims' })
export class ReceiptClaimEntity {
  @PrimaryColumn({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_poll_receipt_claims_poll' })
  poll?: PollEntity;

  @PrimaryColumn({ name: 'receipt_hash', type: 'text' })
  receiptHash: string;
}
