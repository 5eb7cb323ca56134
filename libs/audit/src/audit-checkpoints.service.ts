import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkpointText, ChainVerifier } from '@kenes/core';
import { decodeCursor, Environment, Page, toPage } from '@kenes/common';
import { DataSource } from 'typeorm';
import { AuditCheckpointsRepository, CheckpointRow } from './audit-checkpoints.repository';
import { AuditRepository, chainOf } from './audit.repository';
import { AuditSequencer } from './audit-sequencer';
import { AuditSigner } from './audit-signer';

export interface CheckpointRecord {
  entryId: string;
  hash: string;
  at: string;
  signature: string;
}

export type CheckpointFailure = 'bad_signature' | 'entry_missing' | 'hash_differs' | 'chain_broken';

/** How often the sweep looks for chains whose last checkpoint is older than AUDIT_CHECKPOINT_MINUTES. */
const SWEEP_MS = 60_000;
const VERIFY_PAGE = 5000;

/**
 * Signed checkpoints of each chain's head. Made at most every
 * AUDIT_CHECKPOINT_MINUTES when the chain has grown, and as soon as a poll or
 * a session closes. Safe with several nodes: one checkpointer per chain at a
 * time (advisory lock), and one checkpoint per chain position (unique index).
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpoints.name);
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Map<string, Promise<CheckpointRecord | null>>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AuditCheckpointsRepository,
    private readonly entries: AuditRepository,
    private readonly sequencer: AuditSequencer,
    private readonly signer: AuditSigner,
    private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  get publicKey(): string {
    return this.signer.publicKeyBase64;
  }

  /** Asks for a checkpoint of the council's chain soon (after a poll or a session closed); never throws. */
  request(councilId: string | null): void {
    if (this.stopped) return;
    void this.checkpoint(councilId).catch((err: unknown) => this.logger.warn(`audit checkpoint deferred: ${String(err)}`));
  }

  /**
   * Seals what has committed on the chain, then signs its head unless it is
   * already checkpointed. Returns the newest checkpoint (null: empty chain).
   */
  checkpoint(councilId: string | null): Promise<CheckpointRecord | null> {
    const chain = chainOf(councilId);
    const running = this.inFlight.get(chain);
    if (running) return running.then(() => this.checkpointNow(councilId));
    const p = this.checkpointNow(councilId).finally(() => this.inFlight.delete(chain));
    this.inFlight.set(chain, p);
    return p;
  }

  private async checkpointNow(councilId: string | null): Promise<CheckpointRecord | null> {
    const chain = chainOf(councilId);
    await this.sequencer.sealChain(chain, true);
    const row = await this.dataSource.transaction(async (em) => {
      await this.repo.lock(em, chain);
      const head = await this.repo.sealedHead(em, chain);
      const last = await this.repo.latest(em, chain);
      if (!head || (last && last.chainSeq >= head.chainSeq)) return last;
      const at = new Date();
      const signature = this.signer.sign(checkpointText({ councilId, entryId: head.entryId, hash: head.hash, at: at.toISOString() }));
      await this.repo.insert(em, { chain, councilId, entryId: head.entryId, chainSeq: head.chainSeq, hash: head.hash, at, signature });
      return { id: '', entryId: head.entryId, chainSeq: head.chainSeq, hash: head.hash, at, signature };
    });
    return row ? toDto(row) : null;
  }

  /** Every chain whose head moved past its last checkpoint, and whose last checkpoint is old enough. */
  private async sweep(): Promise<void> {
    if (this.stopped || !this.dataSource.isInitialized) return;
    const due = Date.now() - this.env.AUDIT_CHECKPOINT_MINUTES * 60_000;
    try {
      for (const { councilId, chain } of await this.repo.chains()) {
        if (this.stopped) return;
        const last = await this.repo.latest(null, chain);
        if (last && new Date(last.at).getTime() > due) continue;
        await this.checkpoint(councilId);
      }
    } catch (err) {
      this.logger.warn(`audit checkpoint sweep deferred: ${String(err)}`);
    }
  }

  async list(councilId: string | null, q: { limit: number; cursor?: string }): Promise<Page<CheckpointRecord>> {
    const cursor = decodeCursor(q.cursor, 1);
    const rows = await this.repo.page(chainOf(councilId), cursor ? Number(cursor[0]) : null, q.limit + 1);
    return toPage(rows, q.limit, (r) => [r.chainSeq], toDto);
  }

  /**
   * Whether a checkpoint kept outside the database is genuine and its entry
   * still stands: the signature, the entry, its hash, and the chain from its
   * start up to that entry.
   */
  async verify(councilId: string | null, c: CheckpointRecord): Promise<{ ok: boolean; reason: CheckpointFailure | null }> {
    const fail = (reason: CheckpointFailure) => ({ ok: false, reason });
    if (!this.signer.verify(checkpointText({ councilId, ...c }), c.signature)) return fail('bad_signature');
    const chain = chainOf(councilId);
    await this.sequencer.sealChain(chain, true);
    const entry = await this.repo.sealedEntry(chain, c.entryId);
    if (!entry) return fail('entry_missing');
    if (entry.hash !== c.hash) return fail('hash_differs');
    const verifier = new ChainVerifier();
    let after = 0;
    while (after < entry.chainSeq) {
      const rows = await this.entries.sealedPage(chain, after, Math.min(VERIFY_PAGE, entry.chainSeq - after));
      if (rows.length === 0) break;
      for (const r of rows) verifier.add(r);
      after = rows[rows.length - 1].chainSeq;
    }
    const result = verifier.result();
    if (!result.ok || result.entries !== entry.chainSeq) return fail('chain_broken');
    return { ok: true, reason: null };
  }
}

function toDto(r: CheckpointRow): CheckpointRecord {
  return { entryId: r.entryId, hash: r.hash, at: new Date(r.at).toISOString(), signature: r.signature };
}
