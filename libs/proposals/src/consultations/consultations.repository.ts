import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConsultationCommentEntity } from './entities/consultation-comment.entity';
import { ConsultationResponseEntity } from './entities/consultation-response.entity';
import { ConsultationEntity } from './entities/consultation.entity';

/** The most comments a consultation is answered with (GET /consultations/:id and the proposal's list alike). */
const COMMENTS_PER_CONSULTATION = 1000;

/** A comment row as ConsultationCommentRow names it, from `consultation_comments c` joined to its author's user `u`. */
const COMMENT_COLUMNS = `c.id, c.consultation_id AS "consultationId", c.author_membership_id AS "authorMembershipId", u.full_name AS "authorName",
              c.author_kind AS "authorKind", c.aspect, c.position, c.body, c.anchor_version AS "anchorVersion",
              c.anchor_start AS "anchorStart", c.anchor_end AS "anchorEnd", c.reply_to_id AS "replyToId", c.created_at AS "createdAt"`;

export interface ConsultationCommentRow extends ConsultationCommentEntity {
  authorName: string;
}

@Injectable()
export class ConsultationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, c: Partial<ConsultationEntity>): Promise<ConsultationEntity> {
    return em.save(ConsultationEntity, em.create(ConsultationEntity, c));
  }

  findById(id: string): Promise<ConsultationEntity | null> {
    return this.dataSource.getRepository(ConsultationEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<ConsultationEntity | null> {
    return em.getRepository(ConsultationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The proposal versions cited by consultations addressed to these agencies. */
  async citedVersions(proposalId: string, agencyIds: string[]): Promise<number[]> {
    const rows: { version: number }[] = await this.dataSource.query(
      'SELECT DISTINCT version FROM consultations WHERE proposal_id = $1 AND agency_id = ANY($2::uuid[]) ORDER BY version',
      [proposalId, agencyIds],
    );
    return rows.map((r) => r.version);
  }

  async hasAny(em: EntityManager, proposalId: string): Promise<boolean> {
    return (await em.getRepository(ConsultationEntity).countBy({ proposalId })) > 0;
  }

  /** An agency's consultations, newest due date last, filtered by derived status. */
  /** Consultations of one agency (or, with `by: 'council'`, of the whole council), by due date, filtered by derived status. */
  page(
    id: string,
    status: 'open' | 'answered' | 'overdue' | undefined,
    after: [string, string] | null,
    limit: number,
    by: 'agency' | 'council' = 'agency',
  ): Promise<ConsultationEntity[]> {
    const qb = this.dataSource
      .getRepository(ConsultationEntity)
      .createQueryBuilder('c')
      .where(by === 'agency' ? 'c.agency_id = :id' : 'c.council_id = :id', { id });
    if (status === 'answered') qb.andWhere('c.answered_at IS NOT NULL');
    if (status === 'open') qb.andWhere('c.answered_at IS NULL AND c.due_at >= now()');
    if (status === 'overdue') qb.andWhere('c.answered_at IS NULL AND c.due_at < now()');
    if (after) qb.andWhere('(c.due_at, c.id) > (:due::timestamptz, :id::uuid)', { due: after[0], id: after[1] });
    return qb.orderBy('c.due_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit).getMany();
  }

  /**
   * One page of a proposal's consultations, oldest first, each with its final
   * response, in one statement; `agencyIds` limits them to those agencies'.
   */
  async pageOfProposal(proposalId: string, agencyIds: string[] | null, after: [string, string] | null, limit: number): Promise<(ConsultationEntity & { response: ConsultationResponseEntity | null })[]> {
    const qb = this.dataSource
      .getRepository(ConsultationEntity)
      .createQueryBuilder('c')
      .leftJoinAndMapOne('c.response', ConsultationResponseEntity, 'r', 'r.consultation_id = c.id')
      .where('c.proposal_id = :proposalId', { proposalId });
    if (agencyIds) qb.andWhere('c.agency_id = ANY(:agencyIds::uuid[])', { agencyIds });
    if (after) qb.andWhere('(c.created_at, c.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit).getMany();
    return rows.map((c) => Object.assign(c, { response: (c as { response?: ConsultationResponseEntity }).response ?? null }));
  }

  responsesOf(ids: string[]): Promise<ConsultationResponseEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.getRepository(ConsultationResponseEntity).createQueryBuilder('r').where('r.consultation_id = ANY(:ids)', { ids }).getMany();
  }

  insertResponse(em: EntityManager, r: Partial<ConsultationResponseEntity>): Promise<ConsultationResponseEntity> {
    return em.save(ConsultationResponseEntity, em.create(ConsultationResponseEntity, r));
  }

  async markAnswered(em: EntityManager, id: string): Promise<void> {
    await em.getRepository(ConsultationEntity).update({ id }, { answeredAt: () => 'now()' } as never);
  }

  insertComment(em: EntityManager, c: Partial<ConsultationCommentEntity>): Promise<ConsultationCommentEntity> {
    return em.save(ConsultationCommentEntity, em.create(ConsultationCommentEntity, c));
  }

  findComment(consultationId: string, id: string): Promise<ConsultationCommentEntity | null> {
    return this.dataSource.getRepository(ConsultationCommentEntity).findOneBy({ consultationId, id });
  }

  comments(consultationId: string, commentId?: string): Promise<ConsultationCommentRow[]> {
    return this.dataSource.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM consultation_comments c JOIN memberships m ON m.id = c.author_membership_id JOIN users u ON u.id = m.user_id
        WHERE c.consultation_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY c.created_at, c.id LIMIT ${COMMENTS_PER_CONSULTATION}`,
      [consultationId, commentId ?? null],
    );
  }

  /**
   * The comments of several consultations in one statement (a page of a
   * list, not one statement per consultation), by consultation id: each
   * consultation's exactly as `comments` gives them (oldest first, at most
   * COMMENTS_PER_CONSULTATION), [] for one without any. The filter on
   * consultation_id uses ix_consultation_comments_consultation.
   */
  async commentsOf(ids: string[]): Promise<Map<string, ConsultationCommentRow[]>> {
    const byConsultation = new Map<string, ConsultationCommentRow[]>(ids.map((id) => [id, []]));
    if (!ids.length) return byConsultation;
    const rows: ConsultationCommentRow[] = await this.dataSource.query(
      `SELECT ${COMMENT_COLUMNS}
         FROM (SELECT k.*, row_number() OVER (PARTITION BY k.consultation_id ORDER BY k.created_at, k.id) AS n
                 FROM consultation_comments k WHERE k.consultation_id = ANY($1::uuid[])) c
         JOIN memberships m ON m.id = c.author_membership_id JOIN users u ON u.id = m.user_id
        WHERE c.n <= ${COMMENTS_PER_CONSULTATION}
        ORDER BY c.consultation_id, c.created_at, c.id`,
      [ids],
    );
    for (const row of rows) byConsultation.get(row.consultationId)?.push(row);
    return byConsultation;
  }

  /**
   * Marks consultations that became overdue, once each, and returns them:
   * the caller writes their audit entries in the same transaction.
   */
  async claimNewlyOverdue(em: EntityManager, limit: number): Promise<ConsultationEntity[]> {
    const rows: Record<string, unknown>[] = await em.query(
      `UPDATE consultations SET overdue_recorded_at = now()
        WHERE id IN (SELECT id FROM consultations WHERE answered_at IS NULL AND overdue_recorded_at IS NULL AND due_at < now()
                      ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, proposal_id AS "proposalId", council_id AS "councilId", agency_id AS "agencyId", due_at AS "dueAt"`,
      [limit],
    );
    const list = Array.isArray(rows[0]) ? (rows[0] as Record<string, unknown>[]) : rows;
    return list as unknown as ConsultationEntity[];
  }
}
