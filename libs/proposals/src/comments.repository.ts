import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProposalCommentEntity } from './entities/proposal-comment.entity';

export interface CommentRow extends ProposalCommentEntity {
  authorName: string;
}

@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, c: Partial<ProposalCommentEntity>): Promise<ProposalCommentEntity> {
    return em.save(ProposalCommentEntity, em.create(ProposalCommentEntity, c));
  }

  findInProposal(proposalId: string, id: string): Promise<ProposalCommentEntity | null> {
    return this.dataSource.getRepository(ProposalCommentEntity).findOneBy({ proposalId, id });
  }

  async row(id: string): Promise<CommentRow | null> {
    const rows: CommentRow[] = await this.dataSource.query(`${SELECT_ROW} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async page(proposalId: string, after: [string, string] | null, limit: number): Promise<CommentRow[]> {
    const rows = await this.dataSource.query(
      `${SELECT_ROW}
        WHERE c.proposal_id = $1 AND ($2::timestamptz IS NULL OR (c.created_at, c.id) > ($2::timestamptz, $3::uuid))
        ORDER BY c.created_at, c.id LIMIT $4`,
      [proposalId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    return rows;
  }

  async count(proposalId: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM proposal_comments WHERE proposal_id = $1`, [proposalId]);
    return rows[0]?.n ?? 0;
  }
}

const SELECT_ROW = `SELECT c.id, c.proposal_id AS "proposalId", c.author_membership_id AS "authorMembershipId", u.full_name AS "authorName",
              c.body, c.anchor_version AS "anchorVersion", c.anchor_start AS "anchorStart", c.anchor_end AS "anchorEnd",
              c.reply_to_id AS "replyToId", c.created_at AS "createdAt"
         FROM proposal_comments c JOIN memberships m ON m.id = c.author_membership_id JOIN users u ON u.id = m.user_id`;
