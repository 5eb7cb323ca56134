import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sealEntries } from '@kenes/core';
import { DataSource } from 'typeorm';
import { AuditRepository } from './audit.repository';

const BATCH = 500;
const SWEEP_MS = 1000;
/** How long a kick waits to gather more committed entries into one sealing pass (a hall voting at once). */
const GATHER_MS = 50;

/**
 * Seals committed audit entries onto their chain, in the order the sequencer
 * finds them committed. Writers never wait on the chain: each transaction
 * inserts its entry unsealed, and the sequencer hashes them afterwards under
 * a per-chain advisory lock, so several API nodes can run it at once. An
 * entry is never lost (it stays unsealed until sealed) and, once sealed,
 * never moves.
 */
@Injectable()
export class AuditSequencer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSequencer.name);
  private timer?: NodeJS.Timeout;
  private pending?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AuditRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), SWEEP_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    await this.running;
  }

  /** Asks for a sweep soon; calls made while one runs fold into one more sweep. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.running = this.sweep()
        .catch((err: unknown) => this.logger.warn(`audit sealing deferred: ${String(err)}`))
        .finally(() => {
          this.running = null;
          if (this.again) {
            this.again = false;
            this.kick();
          }
        });
    }, GATHER_MS);
  }

  private async sweep(): Promise<void> {
    for (const chain of await this.repo.chainsWithUnsealed()) {
      if (this.stopped || !this.dataSource.isInitialized) return;
      await this.sealChain(chain, false);
    }
  }

  /**
   * Seals everything committed on one chain. With `wait`, blocks until it has
   * the chain (readers call this so that what they show is complete).
   */
  async sealChain(chain: string, wait: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.dataSource.transaction(async (em) => {
        if (!(await this.repo.lockChain(em, chain, wait))) return -1;
        const rows = await this.repo.unsealed(em, chain, BATCH);
        if (rows.length === 0) return 0;
        const head = await this.repo.head(em, chain);
        await this.repo.seal(em, sealEntries(head, rows));
        return rows.length;
      });
      if (sealed <= 0) return total;
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }
}
