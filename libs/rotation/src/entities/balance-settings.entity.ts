import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CouncilEntity } from '@kenes/councils';

/** A council's number of seats with a vote, and when its targets last changed (a plan made before is stale). */
@Entity({ name: 'balance_settings' })
@Check('ck_balance_settings_seats', '"seats" IS NULL OR "seats" >= 0')
export class BalanceSettingsEntity {
  @PrimaryColumn({ name: 'council_id', type: 'uuid' })
  councilId: string;

  @OneToOne(() => CouncilEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'fk_balance_settings_council' })
  council?: CouncilEntity;

  @Column({ type: 'int', nullable: true })
  seats: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
