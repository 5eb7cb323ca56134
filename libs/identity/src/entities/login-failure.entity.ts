import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The recent failed logins of one email (known or not), counted for the
 * per-account limit: one row per email, so that the count is one row's
 * update (serialised by its row lock) and a flood of random emails adds one
 * short row each, pruned once its last failure leaves the window.
 */
@Entity({ name: 'login_failures' })
@Index('ix_login_failures_last_at', ['lastAt'])
export class LoginFailureEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_login_failures' })
  email: string;

  /** The attempts within the window, oldest first (at most the limit). */
  @Column({ name: 'failed_at', type: 'timestamptz', precision: 3, array: true })
  failedAt: Date[];

  @Column({ name: 'last_at', type: 'timestamptz', precision: 3 })
  lastAt: Date;
}
