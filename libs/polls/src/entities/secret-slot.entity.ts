import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A secret ballot's choice, apart from the fact of voting (secret_participations)
 * and with no reference back to it: no voter, no time, no sequential id. The
 * choice is ciphertext of one fixed length, bound to its poll and slot (see
 * BallotCrypto). It keeps only a SHA-256 of the ballot's receipt, so the
 * receipt's holder alone can prove its choice.
 *
 * While the poll is open a slot is written in the cast's own statement; when
 * the poll closes, the closing transaction rewrites every slot of the poll in
 * random order under fresh ids and fresh encryption, so that no transaction
 * id, physical position or ciphertext joins a choice to a participation
 * afterwards. Triggers refuse every other change (migration SecretBallotsSealed).
 */
@Entity({ name: 'secret_slots' })
@Index('uq_secret_slots_receipt', ['pollId', 'receiptHash', 'sealed'], { unique: true })
export class SecretSlotEntity {
  /** Random (chosen by the app, as the encryption's associated data names it). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /**
   * No foreign key (a closing rewrite would pay a key check per row): the
   * insert trigger checks the poll, and a poll is never deleted.
   */
  @Column({ name: 'poll_id', type: 'uuid' })
  pollId: string;

  /** The sealed choice (`v2.` + base64url), never plaintext. */
  @Column({ type: 'text' })
  choice: string;

  @Column({ name: 'receipt_hash', type: 'text' })
  receiptHash: string;

  /**
   * False for a cast's row while the poll is open; true for the rows the
   * closing rewrite writes (every row of a closed poll). Part of the
   * receipt's unique key, so that the rewrite's inserts never meet the rows
   * they replace (triggers keep the two generations apart).
   */
  @Column({ type: 'boolean', default: false })
  sealed: boolean;
}
