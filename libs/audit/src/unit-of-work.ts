import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository } from './audit.repository';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditSequencer } from './audit-sequencer';
import { DomainEventMap, DomainEventName, DomainEvents } from './domain-events';

export interface AuditRecord {
  councilId: string | null;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  /** Extra facts of the change that are neither before nor after. */
  details?: Record<string, unknown>;
}

/** Actions after which the council's chain head is checkpointed and signed at once (API.md, Audit). */
const CHECKPOINT_AFTER = new Set(['poll.closed', 'session.closed']);

/** One transaction: the change, its audit entries, and work to do once it committed. */
export class Transaction {
  private readonly afterCommit: (() => void)[] = [];
  /** @internal Chains to checkpoint once this transaction committed. */
  readonly checkpointChains = new Set<string | null>();

  constructor(
    readonly em: EntityManager,
    private readonly repo: AuditRepository,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Publishes a domain event of this transaction: its in-transaction
   * subscribers run now (and may write here, or refuse by throwing); its
   * after-commit subscribers hear it once the transaction committed.
   */
  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.events.runWithin(name, payload, this);
    this.onCommit(() => this.events.deliver(name, payload));
  }

  async audit(record: AuditRecord): Promise<void> {
    if (CHECKPOINT_AFTER.has(record.action)) this.checkpointChains.add(record.councilId);
    const summary: Record<string, unknown> = {
      before: record.before ?? null,
      after: record.after ?? null,
      ...(record.details ? { details: record.details } : {}),
    };
    await this.repo.insert(this.em, {
      councilId: record.councilId,
      actorUserId: record.actorUserId,
      action: record.action,
      objectType: record.objectType,
      objectId: record.objectId,
      summary: JSON.parse(JSON.stringify(summary)),
    });
  }

  /** Runs after the commit (broadcasts, notifications); never for a rolled-back transaction. */
  onCommit(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  /** @internal */
  committed(): (() => void)[] {
    return this.afterCommit;
  }
}

/**
 * The way a use case writes: everything inside `run` commits together with
 * its audit entries, or nothing does.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AuditRepository,
    private readonly sequencer: AuditSequencer,
    private readonly checkpoints: AuditCheckpoints,
    private readonly events: DomainEvents,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let tx!: Transaction;
    const result = await this.dataSource.transaction(async (em) => {
      tx = new Transaction(em, this.repo, this.events);
      return work(tx);
    });
    this.sequencer.kick();
    for (const councilId of tx.checkpointChains) this.checkpoints.request(councilId);
    for (const fn of tx.committed()) {
      try {
        fn();
      } catch (err) {
        this.logger.error(`after-commit hook failed: ${String(err)}`);
      }
    }
    return result;
  }
}
