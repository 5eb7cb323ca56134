import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditSummarySql, insertAuditEntriesFrom } from '@kenes/audit';
import { PetitionStatus } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { PetitionEntity } from './entities/petition.entity';

/**
 * The audit entries of the signatures a statement validated (its CTE `v`), written by the audit
 * library's statement: the signer's keyed hash, never a name or an address; in petition, then signer order.
 */
const VALIDATED_AUDIT = insertAuditEntriesFrom(
  `SELECT v.petition_id, v.signer_hash, v.council_id, NULL::uuid AS actor_user_id, 'petition.signature_validated' AS action,
          'petition' AS object_type, v.petition_id::text AS object_id,
          ${auditSummarySql('NULL', `jsonb_build_object('signer', encode(v.signer_hash, 'hex'), 'method', 'email', 'region', v.region)`)} AS summary
     FROM v`,
  'x.petition_id, x.signer_hash',
);

/** The counters and what the thresholds need, as one validated signature left them (under the petition's row lock). */
export interface CountedSignature {
  petitionId: string;
  councilId: string;
  status: PetitionStatus;
  /** The validated count after these signatures, and before them. */
  signatures: number;
  before: number;
  agendaThreshold: number;
  responseThreshold: number | null;
}

@Injectable()
export class PetitionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, p: Partial<PetitionEntity>): Promise<PetitionEntity> {
    return em.save(PetitionEntity, em.create(PetitionEntity, p));
  }

  findById(id: string, em?: EntityManager): Promise<PetitionEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(PetitionEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<PetitionEntity | null> {
    return em.getRepository(PetitionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByProposal(em: EntityManager, proposalId: string): Promise<PetitionEntity | null> {
    return em.getRepository(PetitionEntity).findOne({ where: { proposalId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(em: EntityManager, id: string, changes: Partial<PetitionEntity>): Promise<PetitionEntity> {
    await em.getRepository(PetitionEntity).update({ id }, changes);
    return (await this.findById(id, em)) as PetitionEntity;
  }

  /** A council's petitions in the given statuses, newest first, after a cursor. */
  page(councilId: string, statuses: readonly PetitionStatus[], after: [string, string] | null, limit: number): Promise<PetitionEntity[]> {
    const qb = this.dataSource
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .where('p.council_id = :councilId AND p.status = ANY(:statuses)', { councilId, statuses });
    if (after) qb.andWhere('(p.created_at, p.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(limit).getMany();
  }

  /**
   * Adds one validated signature to the counters, if the petition is open (or,
   * with `lateConfirmation`, referred: a signature made while it was open and
   * confirmed after it reached the agenda still counts); the row stays locked
   * until the transaction ends, so concurrent validations count one after
   * another and each sees its own `before`.
   */
  async count(em: EntityManager, petitionId: string, region: string | null, lateConfirmation = false): Promise<CountedSignature | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [{ council_id: string; status: PetitionStatus; signatures: number; agenda_threshold: number; response_threshold: number | null }[], number] = await em.query(
      `UPDATE petitions
          SET signatures = signatures + 1,
              by_region = CASE WHEN $2::text IS NULL THEN by_region
                               ELSE jsonb_set(by_region, ARRAY[$2::text], to_jsonb(COALESCE((by_region ->> $2::text)::int, 0) + 1)) END,
              updated_at = now()
        WHERE id = $1 AND ((status = 'open' AND closes_at > now()) OR ($3 AND status IN ('referred', 'answered')))
        RETURNING council_id, status, signatures, agenda_threshold, response_threshold`,
      [petitionId, region, lateConfirmation],
    );
    const r = rows[0];
    if (!r) return null;
    return { petitionId, councilId: r.council_id, status: r.status, signatures: r.signatures, before: r.signatures - 1, agendaThreshold: r.agenda_threshold, responseThreshold: r.response_threshold };
  }

  /** A new pending email signature, or a fresh token for the signer's pending one; null when the signer already has a validated one. */
  async upsertPending(s: { petitionId: string; signerHash: Buffer; region: string | null; tokenHash: Buffer; expiresAt: Date }): Promise<'pending' | 'validated'> {
    const rows: { status: 'pending' | 'validated' }[] = await this.dataSource.query(
      `INSERT INTO petition_signatures (petition_id, signer_hash, method, status, region, token_hash, expires_at)
       VALUES ($1, $2, 'email', 'pending', $3, $4, $5)
       ON CONFLICT (petition_id, signer_hash) DO UPDATE
          SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at, region = EXCLUDED.region, created_at = now()
        WHERE petition_signatures.status = 'pending'
       RETURNING status`,
      [s.petitionId, s.signerHash, s.region, s.tokenHash, s.expiresAt],
    );
    return rows.length ? 'pending' : 'validated';
  }

  /**
   * The common case of a batch of confirmations, in one statement (atomic, one round trip): the pending
   * signatures of these tokens are validated, with their audit entries, and each petition's counters move
   * once, under its row lock, unless that step would cross a threshold of an open petition (or the petition
   * no longer counts). Those are left pending for `validateTokens`, whose transaction refers the petition.
   * Answers the token hashes validated here.
   */
  async validateTokensBelowThresholds(tokenHashes: Buffer[]): Promise<Buffer[]> {
    const rows: { tokenHash: Buffer }[] = await this.dataSource.query(
      `WITH t AS (
         SELECT s.id, s.petition_id, s.region, s.token_hash, s.signer_hash
           FROM petition_signatures s
          WHERE s.token_hash = ANY($1::bytea[]) AND s.status = 'pending' AND s.expires_at > now()
          ORDER BY s.id
            FOR UPDATE),
       k AS (
         SELECT petition_id, sum(c)::int AS n,
                COALESCE(jsonb_object_agg(region, c) FILTER (WHERE region IS NOT NULL), '{}') AS by_region
           FROM (SELECT petition_id, region, count(*)::int AS c FROM t GROUP BY petition_id, region) g
          GROUP BY petition_id),
       c AS (
         UPDATE petitions p
            SET signatures = p.signatures + k.n,
                by_region = p.by_region || COALESCE((SELECT jsonb_object_agg(e.key, COALESCE((p.by_region ->> e.key)::int, 0) + e.value::int) FROM jsonb_each_text(k.by_region) e), '{}'),
                updated_at = now()
           FROM k
          WHERE p.id = k.petition_id
            AND (p.status IN ('referred', 'answered')
                 OR (p.status = 'open' AND p.closes_at > now() AND p.signatures + k.n < p.agenda_threshold
                     AND (p.response_threshold IS NULL OR p.signatures >= p.response_threshold OR p.signatures + k.n < p.response_threshold)))
          RETURNING p.id, p.council_id),
       v AS (
         UPDATE petition_signatures s SET status = 'validated', validated_at = now(), expires_at = NULL
           FROM t JOIN c ON c.id = t.petition_id
          WHERE s.id = t.id
          RETURNING s.token_hash, s.petition_id, s.signer_hash, s.region, c.council_id),
       a AS (
         ${VALIDATED_AUDIT})
       SELECT token_hash AS "tokenHash" FROM v`,
      [tokenHashes],
    );
    return rows.map((r) => r.tokenHash);
  }

  /**
   * Validates the pending signatures of these tokens (not expired, their petition still counting) in one
   * statement, writing each one's audit entry (the signer's keyed hash, never a name or an address).
   * Answers the validated ones; a token that is not among them did not validate.
   */
  async validateTokens(em: EntityManager, tokenHashes: Buffer[]): Promise<{ tokenHash: Buffer; petitionId: string; region: string | null }[]> {
    return em.query(
      `WITH v AS (
         UPDATE petition_signatures s SET status = 'validated', validated_at = now(), expires_at = NULL
           FROM petitions p
          WHERE s.token_hash = ANY($1::bytea[]) AND s.status = 'pending' AND s.expires_at > now() AND p.id = s.petition_id
            AND ((p.status = 'open' AND p.closes_at > now()) OR p.status IN ('referred', 'answered'))
          RETURNING s.token_hash, s.petition_id, s.signer_hash, s.region, p.council_id),
       a AS (
         ${VALIDATED_AUDIT})
       SELECT token_hash AS "tokenHash", petition_id AS "petitionId", region FROM v`,
      [tokenHashes],
    );
  }

  /**
   * Adds `n` validated signatures (by region) to a petition's kept counters, under its row lock until the
   * transaction ends; null when the petition no longer counts (it closed meanwhile).
   */
  async countMany(em: EntityManager, petitionId: string, n: number, byRegion: Record<string, number>): Promise<CountedSignature | null> {
    const [rows]: [{ council_id: string; status: PetitionStatus; signatures: number; agenda_threshold: number; response_threshold: number | null }[], number] = await em.query(
      `UPDATE petitions
          SET signatures = signatures + $2,
              by_region = by_region || COALESCE((SELECT jsonb_object_agg(k, COALESCE((by_region ->> k)::int, 0) + v::int) FROM jsonb_each_text($3::jsonb) AS e(k, v)), '{}'),
              updated_at = now()
        WHERE id = $1 AND ((status = 'open' AND closes_at > now()) OR status IN ('referred', 'answered'))
        RETURNING council_id, status, signatures, agenda_threshold, response_threshold`,
      [petitionId, n, JSON.stringify(byRegion)],
    );
    const r = rows[0];
    if (!r) return null;
    return { petitionId, councilId: r.council_id, status: r.status, signatures: r.signatures, before: r.signatures - n, agendaThreshold: r.agenda_threshold, responseThreshold: r.response_threshold };
  }

  /** Why a token did not validate: used, expired, or unknown. */
  async tokenState(tokenHash: Buffer): Promise<'validated' | 'expired' | 'pending' | 'unknown'> {
    const rows: { status: string; live: boolean }[] = await this.dataSource.query(`SELECT status, expires_at > now() AS live FROM petition_signatures WHERE token_hash = $1`, [tokenHash]);
    if (!rows.length) return 'unknown';
    if (rows[0].status === 'validated') return 'validated';
    return rows[0].live ? 'pending' : 'expired';
  }

  /** A validated certificate signature; false when this signer already signed the petition. */
  async insertValidated(em: EntityManager, s: { petitionId: string; signerHash: Buffer; region: string | null }): Promise<{ id: string } | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO petition_signatures (petition_id, signer_hash, method, status, region, validated_at)
       VALUES ($1, $2, 'certificate', 'validated', $3, now())
       ON CONFLICT (petition_id, signer_hash) DO NOTHING
       RETURNING id`,
      [s.petitionId, s.signerHash, s.region],
    );
    return rows[0] ?? null;
  }

  /** Open petitions past their closing time, claimed for this sweep (other nodes skip them). */
  claimExpired(em: EntityManager, limit: number): Promise<PetitionEntity[]> {
    return em
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .where(`p.status = 'open' AND p.closes_at <= now()`)
      .orderBy('p.closes_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Removes unconfirmed signatures past their 48 hours, and those of petitions closed without reaching the agenda. */
  async deleteStalePending(limit: number): Promise<number> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM petition_signatures WHERE id IN (
         SELECT s.id FROM petition_signatures s JOIN petitions p ON p.id = s.petition_id
          WHERE s.status = 'pending' AND (s.expires_at <= now() OR p.status IN ('expired', 'withdrawn'))
          LIMIT $1 FOR UPDATE OF s SKIP LOCKED)
       RETURNING id`,
      [limit],
    );
    return rows.length;
  }

  /** Counts one signing request under each key in the current window; returns each key's count. */
  async hit(keys: { key: string; windowStart: Date }[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const rows: { key: string; count: number }[] = await this.dataSource.query(
      `INSERT INTO petition_rate_counters (key, window_start, count)
       SELECT k, w, 1 FROM unnest($1::text[], $2::timestamptz[]) AS t(k, w)
       ON CONFLICT (key, window_start) DO UPDATE SET count = petition_rate_counters.count + 1
       RETURNING key, count`,
      [keys.map((k) => k.key), keys.map((k) => k.windowStart.toISOString())],
    );
    const byKey = new Map(rows.map((r) => [r.key, r.count]));
    return keys.map((k) => byKey.get(k.key) ?? 0);
  }

  async deleteOldRateWindows(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM petition_rate_counters WHERE window_start < $1`, [before.toISOString()]);
  }
}
