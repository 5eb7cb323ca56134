import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Json, SealedAuditEntry } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

export interface NewAuditEntry {
  councilId: string | null;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
}

export interface UnsealedRow {
  id: string;
  councilId: string | null;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Json;
  createdAt: string;
}

/** Every column the hash covers, read the same way when sealing and when verifying. */
const HASHED_COLUMNS = `
  id, council_id AS "councilId", actor_user_id AS "actorUserId", action, object_type AS "objectType",
  object_id AS "objectId", summary,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"`;

export const chainOf = (councilId: string | null): string => councilId ?? 'platform';

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, entry: NewAuditEntry): Promise<void> {
    await em.insert(AuditEntryEntity, { ...entry, chain: chainOf(entry.councilId) } as never);
  }

  async chainsWithUnsealed(): Promise<string[]> {
    const rows: { chain: string }[] = await this.dataSource.query(
      'SELECT DISTINCT chain FROM audit_entries WHERE hash IS NULL',
    );
    return rows.map((r) => r.chain);
  }

  /** Locks the chain for sealing in this transaction; false when another node holds it and wait is false. */
  async lockChain(em: EntityManager, chain: string, wait: boolean): Promise<boolean> {
    if (wait) {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.audit:' || $1, 0))`, [chain]);
      return true;
    }
    const [row] = await em.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('kenes.audit:' || $1, 0)) AS ok`, [chain]);
    return row.ok === true;
  }

  async head(em: EntityManager, chain: string): Promise<{ chainSeq: number; hash: string } | null> {
    const [row] = await em.query(
      `SELECT chain_seq AS "chainSeq", hash FROM audit_entries
        WHERE chain = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
      [chain],
    );
    return row ? { chainSeq: Number(row.chainSeq), hash: row.hash } : null;
  }

  async unsealed(em: EntityManager, chain: string, limit: number): Promise<UnsealedRow[]> {
    return em.query(
      `SELECT ${HASHED_COLUMNS} FROM audit_entries WHERE chain = $1 AND hash IS NULL ORDER BY seq LIMIT $2`,
      [chain, limit],
    );
  }

  async seal(em: EntityManager, sealed: SealedAuditEntry[]): Promise<void> {
    await em.query(
      `UPDATE audit_entries a SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS v(id, chain_seq, prev_hash, hash)
        WHERE a.id = v.id`,
      [sealed.map((s) => s.id), sealed.map((s) => s.chainSeq), sealed.map((s) => s.prevHash), sealed.map((s) => s.hash)],
    );
  }

  /** Sealed entries of a chain in chain order, after a position. */
  async sealedPage(chain: string, afterChainSeq: number, limit: number): Promise<(SealedAuditEntry & { seq: string })[]> {
    const rows = await this.dataSource.query(
      `SELECT ${HASHED_COLUMNS}, chain_seq AS "chainSeq", prev_hash AS "prevHash", hash
         FROM audit_entries WHERE chain = $1 AND chain_seq > $2 ORDER BY chain_seq LIMIT $3`,
      [chain, afterChainSeq, limit],
    );
    return rows.map((r: SealedAuditEntry & { chainSeq: string }) => ({ ...r, chainSeq: Number(r.chainSeq) }));
  }

  async chainSeqOf(chain: string, id: string): Promise<number | null> {
    const [row] = await this.dataSource.query('SELECT chain_seq AS "chainSeq" FROM audit_entries WHERE chain = $1 AND id = $2', [chain, id]);
    return row?.chainSeq == null ? null : Number(row.chainSeq);
  }
}
