import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MinorityOpinionEntity } from '../entities/minority-opinion.entity';
import { MinoritySignatureEntity } from '../entities/minority-signature.entity';

export interface OpinionRow extends MinorityOpinionEntity {
  authorName: string;
}

export interface SignatureRow {
  id: string;
  opinionId: string;
  membershipId: string;
  fullName: string;
  position: string;
  createdAt: Date;
}

@Injectable()
export class MinorityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insertOpinion(em: EntityManager, o: Partial<MinorityOpinionEntity>): Promise<MinorityOpinionEntity> {
    return em.save(MinorityOpinionEntity, em.create(MinorityOpinionEntity, o));
  }

  insertSignature(em: EntityManager, s: Partial<MinoritySignatureEntity>): Promise<MinoritySignatureEntity> {
    return em.save(MinoritySignatureEntity, em.create(MinoritySignatureEntity, s));
  }

  /** Claims a secret receipt for one voice; false when it already backs one. */
  async claimReceipt(em: EntityManager, pollId: string, receiptHash: string): Promise<boolean> {
    const rows = await em.query('INSERT INTO poll_receipt_claims (poll_id, receipt_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [pollId, receiptHash]);
    return rows.length > 0;
  }

  findOpinion(id: string): Promise<MinorityOpinionEntity | null> {
    return this.dataSource.getRepository(MinorityOpinionEntity).findOneBy({ id });
  }

  lockOpinion(em: EntityManager, id: string): Promise<MinorityOpinionEntity | null> {
    return em.getRepository(MinorityOpinionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async saveOpinion(em: EntityManager, o: MinorityOpinionEntity): Promise<MinorityOpinionEntity> {
    return em.save(MinorityOpinionEntity, o);
  }

  /** A poll's opinions in filing order: all, the given ones, or one page after the key (createdAt, id) of the last one shown. */
  async opinionsOf(pollId: string, ids?: string[], page?: { after: [string, string] | null; limit: number }): Promise<OpinionRow[]> {
    return this.dataSource.query(
      `SELECT o.id, o.poll_id AS "pollId", o.author_membership_id AS "authorMembershipId", u.full_name AS "authorName", o.position, o.body,
              o.acknowledged_at AS "acknowledgedAt", o.acknowledged_by_user_id AS "acknowledgedByUserId", o.acknowledgement_note AS "acknowledgementNote",
              o.created_at AS "createdAt"
         FROM minority_opinions o JOIN memberships m ON m.id = o.author_membership_id JOIN users u ON u.id = m.user_id
        WHERE o.poll_id = $1 AND ($2::uuid[] IS NULL OR o.id = ANY($2::uuid[]))
          AND ($3::timestamptz IS NULL OR (o.created_at, o.id) > ($3::timestamptz, $4::uuid))
        ORDER BY o.created_at, o.id
        LIMIT $5`,
      [pollId, ids ?? null, page?.after?.[0] ?? null, page?.after?.[1] ?? null, page?.limit ?? null],
    );
  }

  signaturesOf(opinionIds: string[]): Promise<SignatureRow[]> {
    if (!opinionIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT s.id, s.opinion_id AS "opinionId", s.membership_id AS "membershipId", u.full_name AS "fullName", s.position, s.created_at AS "createdAt"
         FROM minority_opinion_signatures s JOIN memberships m ON m.id = s.membership_id JOIN users u ON u.id = m.user_id
        WHERE s.opinion_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
      [opinionIds],
    );
  }

  async hasVoice(pollId: string, membershipId: string, opinionId?: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      opinionId
        ? 'SELECT 1 FROM minority_opinion_signatures WHERE opinion_id = $1 AND membership_id = $2 UNION ALL SELECT 1 FROM minority_opinions WHERE id = $1 AND author_membership_id = $2'
        : 'SELECT 1 FROM minority_opinions WHERE poll_id = $1 AND author_membership_id = $2',
      [opinionId ?? pollId, membershipId],
    );
    return rows.length > 0;
  }
}
