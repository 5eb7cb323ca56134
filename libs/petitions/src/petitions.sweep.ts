import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { nextPetitionStatus } from '@kenes/core';
import { UnitOfWork } from '@kenes/audit';
import { PetitionsRepository } from './petitions.repository';
import { PetitionRateLimiter } from './rate-limiter.service';

const SWEEP_MS = Number(process.env.KENES_PETITION_SWEEP_MS ?? 60_000);
const BATCH = 200;

/**
 * Closes open petitions past `closesAt` (→ `expired`, with an audit entry),
 * and removes unconfirmed signatures past their 48 hours (or of petitions
 * that no longer take signatures) and old rate windows. Safe with several API
 * nodes: each sweep claims rows with FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class PetitionsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PetitionsSweep.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<{ expired: number; removed: number }> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: PetitionsRepository,
    private readonly limiter: PetitionRateLimiter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.warn(`petition sweep failed: ${String(e)}`)), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  sweep(): Promise<{ expired: number; removed: number }> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<{ expired: number; removed: number }> {
    let expired = 0;
    for (;;) {
      const n = await this.uow.run(async (tx) => {
        const due = await this.repo.claimExpired(tx.em, BATCH);
        for (const p of due) {
          const to = nextPetitionStatus(p.status, 'signing_period_ended');
          if (!to) continue;
          await this.repo.update(tx.em, p.id, { status: to });
          await tx.audit({ councilId: p.councilId, actorUserId: null, action: 'petition.expired', objectType: 'petition', objectId: p.id, before: { status: p.status }, after: { status: to, signatures: p.signatures, closesAt: p.closesAt?.toISOString() ?? null } });
        }
        return due.length;
      });
      expired += n;
      if (n < BATCH) break;
    }
    let removed = 0;
    for (;;) {
      const n = await this.repo.deleteStalePending(1000);
      removed += n;
      if (n < 1000) break;
    }
    await this.repo.deleteOldRateWindows(new Date(Date.now() - 2 * this.limiter.longestWindowMs));
    return { expired, removed };
  }
}
