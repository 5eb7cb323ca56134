import { Choice } from '@kenes/core';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PollEntity } from './poll.entity';

/**
 * A secret ballot's choice. One slot per eligible voter is created, in random
 * order, when the poll opens; a cast fills a randomly chosen empty slot. The
 * row carries no voter, no time and no sequential id, and its place in the
 * table says nothing about when it was filled. It keeps only a SHA-256 of the
 * ballot's receipt, so the receipt's holder alone can prove its choice.
 */
@Entity({ name: 'secret_slots' })
@Index('ix_secret_slots_free', ['pollId', 'slotKey'], { where: '"choice" IS NULL' })
@Index('uq_secret_slots_receipt', ['pollId', 'receiptHash'], { unique: true, where: '"receipt_hash" IS NOT NULL' })
export class SecretSlotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'fk_secret_slots_poll' })
  poll?: PollEntity;

  /** Random key a cast seeks from, to pick an empty slot at random. */
  @Column({ name: 'slot_key', type: 'uuid' })
  slotKey: string;

  @Column({ type: 'text', nullable: true })
  choice: Choice | null;

  @Column({ name: 'receipt_hash', type: 'text', nullable: true })
  receiptHash: string | null;
}
