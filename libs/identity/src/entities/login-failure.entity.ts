import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed login for an email (known or not), counted for the per-account limit. */
@Entity({ name: 'login_failures' })
@Index('ix_login_failures_email_at', ['email', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  at: Date;
}
