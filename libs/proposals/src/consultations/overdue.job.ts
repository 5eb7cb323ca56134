import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { UnitOfWork } from '@kenes/audit';
import { ConsultationsRepository } from './consultations.repository';

const SWEEP_MS = Number(process.env.KENES_OVERDUE_SWEEP_MS ?? 60_000);
const BATCH = 200;

/**
 * Writes a `consultation.overdue` audit entry once for each consultation whose
 * due date passed unanswered. Safe with several API nodes: each sweep claims
 * rows with FOR UPDATE SKIP LOCKED and marks them in the same transaction as
 * their audit entries, so no entry is written twice.
 */
@Injectable()
export class OverdueConsultationsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueConsultationsJob.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ConsultationsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.warn(`overdue sweep failed: ${String(e)}`)), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep; returns how many consultations it recorded as overdue. */
  sweep(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.uow.run(async (tx) => {
        const overdue = await this.repo.claimNewlyOverdue(tx.em, BATCH);
        for (const c of overdue) {
          await tx.audit({
            councilId: c.councilId,
            actorUserId: null,
            action: 'consultation.overdue',
            objectType: 'consultation',
            objectId: c.id,
            after: { status: 'overdue', proposalId: c.proposalId, agencyId: c.agencyId, dueAt: new Date(c.dueAt).toISOString() },
          });
        }
        return overdue.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }
}
