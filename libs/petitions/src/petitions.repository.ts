import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PetitionStatus } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { PetitionSignatureEntity, SignatureMethod } from './entities/petition-signature.entity';
import { PetitionEntity } from './entities/petition.entity';

/** What a validated signature did to its petition's counters (under the petition's row lock). */
export interface CountedSignature {
  petition: PetitionEntity;
  before: number;
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
    const [rows]: [{ id: string; signatures: number }[], number] = await em.query(
      `UPDATE petitions
          SET signatures = signatures + 1,
              by_region = CASE WHEN $2::text IS NULL THEN by_region
                               ELSE jsonb_set(by_region, ARRAY[$2::text], to_jsonb(COALESCE((by_region ->> $2::text)::int, 0) + 1)) END,
              updated_at = now()
        WHERE id = $1 AND ((status = 'open' AND closes_at > now()) OR ($3 AND status IN ('referred', 'answered')))
        RETURNING id, signatures`,
      [petitionId, region, lateConfirmation],
    );
    if (rows.length === 0) return null;
    const petition = (await this.findById(petitionId, em)) as PetitionEntity;
    return { petition, before: rows[0].signatures - 1 };
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

  /** Marks the pending signature of a token validated, if it is pending and not expired; null otherwise. */
  async validateToken(em: EntityManager, tokenHash: Buffer): Promise<Pick<PetitionSignatureEntity, 'id' | 'petitionId' | 'signerHash' | 'region' | 'method'> | null> {
    const [rows]: [{ id: string; petition_id: string; signer_hash: Buffer; region: string | null; method: SignatureMethod }[], number] = await em.query(
      `UPDATE petition_signatures SET status = 'validated', validated_at = now(), expires_at = NULL
        WHERE token_hash = $1 AND status = 'pending' AND expires_at > now()
        RETURNING id, petition_id, signer_hash, region, method`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { id: r.id, petitionId: r.petition_id, signerHash: r.signer_hash, region: r.region, method: r.method } : null;
  }

  /** Why a token did not validate: used, expired, or unknown. */
  async tokenState(tokenHash: Buffer): Promise<'validated' | 'expired' | 'unknown'> {
    const rows: { status: string }[] = await this.dataSource.query(`SELECT status FROM petition_signatures WHERE token_hash = $1`, [tokenHash]);
    if (!rows.length) return 'unknown';
    return rows[0].status === 'validated' ? 'validated' : 'expired';
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
