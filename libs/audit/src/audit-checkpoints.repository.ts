import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface CheckpointRow {
  id: string;
  entryId: string;
  chainSeq: number;
  hash: string;
  at: Date;
  signature: string;
}

/** Signed checkpoints of the audit chains' heads (append-only by trigger). */
@Injectable()
export class AuditCheckpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One checkpointer per chain at a time, across nodes, for this transaction. */
  async lock(em: EntityManager, chain: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.audit-checkpoint:' || $1, 0))`, [chain]);
  }

  /** The sealed head of a chain: its last entry by chain position (one index probe). */
  async sealedHead(em: EntityManager, chain: string): Promise<{ entryId: string; chainSeq: number; hash: string } | null> {
    const [row] = await em.query(
      `SELECT id AS "entryId", chain_seq AS "chainSeq", hash FROM audit_entries WHERE chain = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
      [chain],
    );
    return row ? { ...row, chainSeq: Number(row.chainSeq) } : null;
  }

  async latest(em: EntityManager | null, chain: string): Promise<CheckpointRow | null> {
    const [row] = await (em ?? this.dataSource.manager).query(
      `SELECT id, entry_id AS "entryId", chain_seq AS "chainSeq", hash, at, signature FROM audit_checkpoints WHERE chain = $1 ORDER BY chain_seq DESC LIMIT 1`,
      [chain],
    );
    return row ? { ...row, chainSeq: Number(row.chainSeq) } : null;
  }

  async insert(em: EntityManager, c: { chain: string; councilId: string | null; entryId: string; chainSeq: number; hash: string; at: Date; signature: string }): Promise<void> {
    await em.query(
      `INSERT INTO audit_checkpoints (chain, council_id, entry_id, chain_seq, hash, at, signature) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (chain, chain_seq) DO NOTHING`,
      [c.chain, c.councilId, c.entryId, c.chainSeq, c.hash, c.at, c.signature],
    );
  }

  /** A chain's checkpoints, newest first, after a chain position (paging backwards). */
  page(chain: string, beforeChainSeq: number | null, limit: number): Promise<CheckpointRow[]> {
    return this.dataSource
      .query(
        `SELECT id, entry_id AS "entryId", chain_seq AS "chainSeq", hash, at, signature FROM audit_checkpoints
          WHERE chain = $1 AND ($2::bigint IS NULL OR chain_seq < $2) ORDER BY chain_seq DESC LIMIT $3`,
        [chain, beforeChainSeq, limit],
      )
      .then((rows: CheckpointRow[]) => rows.map((r) => ({ ...r, chainSeq: Number(r.chainSeq) })));
  }

  /** The chains that have sealed entries: each council's, and the platform's. */
  async chains(): Promise<{ chain: string; councilId: string | null }[]> {
    return this.dataSource.query(
      `SELECT id::text AS chain, id AS "councilId" FROM councils
       UNION ALL SELECT 'platform', NULL WHERE EXISTS (SELECT 1 FROM audit_entries WHERE chain = 'platform')`,
    );
  }

  /** A sealed entry of a chain by id (null when missing or not sealed yet). */
  async sealedEntry(chain: string, entryId: string): Promise<{ chainSeq: number; hash: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT chain_seq AS "chainSeq", hash FROM audit_entries WHERE chain = $1 AND id = $2 AND hash IS NOT NULL`,
      [chain, entryId],
    );
    return row ? { chainSeq: Number(row.chainSeq), hash: row.hash } : null;
  }
}
