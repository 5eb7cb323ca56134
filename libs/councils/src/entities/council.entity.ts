import type { PetitionSettings, ProxySettings } from '@kenes/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export type QuorumRule = { count: number } | { numerator: number; denominator: number };

@Entity({ name: 'councils' })
@Unique('uq_councils_slug', ['slug'])
export class CouncilEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ name: 'balance_dimensions', type: 'text', array: true, default: () => "'{}'" })
  balanceDimensions: string[];

  @Column({ name: 'minority_opinion_window_hours', type: 'integer' })
  minorityOpinionWindowHours: number;

  @Column({ name: 'plenary_quorum', type: 'jsonb', nullable: true })
  plenaryQuorum: QuorumRule | null;

  /** Whether the council publishes its supported proposals and their plan items as open data. */
  @Column({ name: 'publish_open_data', type: 'boolean', default: false })
  publishOpenData: boolean;

  /** Proxy voting as the statute allows it (API.md, "Proxy voting"); off by default. */
  @Column({
    name: 'proxy_voting',
    type: 'jsonb',
    default: () => `'{"enabled": false, "onSecretPolls": false, "maxPerDelegate": 1, "delegatorMayVote": false, "countTowardQuorum": false}'`,
  })
  proxyVoting: ProxySettings;

  /** Whether and how the council takes petitions from the public (null: it never has). */
  @Column({ type: 'jsonb', nullable: true })
  petitions: PetitionSettings | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
