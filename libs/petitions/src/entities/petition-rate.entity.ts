import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Signing requests counted per key (a client address, a mail domain, a
 * signer) and window, shared by every API node; old windows are swept.
 */
@Entity({ name: 'petition_rate_counters' })
export class PetitionRateCounterEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz', precision: 3 })
  windowStart: Date;

  @Column({ type: 'integer' })
  count: number;
}
