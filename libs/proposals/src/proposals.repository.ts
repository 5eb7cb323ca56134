import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProposalStatus } from '@kenes/core';
import { DataSource, EntityManager } from 'typeorm';
import { ProposalAuthorEntity } from './entities/proposal-author.entity';
import { ProposalTransitionEntity } from './entities/proposal-transition.entity';
import { ProposalVersionEntity } from './entities/proposal-version.entity';
import { ProposalEntity } from './entities/proposal.entity';

export interface AuthorRow {
  membershipId: string;
  userId: string;
  fullName: string;
  primary: boolean;
}

export interface ProposalText {
  title: string;
  summary: string;
  body: string;
}

@Injectable()
export class ProposalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(em: EntityManager, p: Partial<ProposalEntity>): Promise<ProposalEntity> {
    return em.save(ProposalEntity, em.create(ProposalEntity, p));
  }

  insertVersion(em: EntityManager, v: Partial<ProposalVersionEntity>): Promise<ProposalVersionEntity> {
    return em.save(ProposalVersionEntity, em.create(ProposalVersionEntity, v));
  }

  async insertAuthors(em: EntityManager, proposalId: string, primary: string, coAuthors: string[]): Promise<void> {
    const rows = [primary, ...coAuthors.filter((id) => id !== primary)].map((membershipId) => ({ proposalId, membershipId, isPrimary: membershipId === primary }));
    await em.insert(ProposalAuthorEntity, rows);
  }

  findById(id: string, em?: EntityManager): Promise<ProposalEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(ProposalEntity).findOneBy({ id });
  }

  lockById(em: EntityManager, id: string): Promise<ProposalEntity | null> {
    return em.getRepository(ProposalEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Writes version expected+1 if the proposal is still at `expected`, in one
   * conditional UPDATE: of two writers based on the same version exactly one
   * succeeds. Null when the proposal has moved on.
   */
  async bumpVersion(em: EntityManager, id: string, expected: number, text: ProposalText): Promise<ProposalEntity | null> {
    const res = await em
      .createQueryBuilder()
      .update(ProposalEntity)
      .set({ currentVersion: () => 'current_version + 1', title: text.title, summary: text.summary, body: text.body })
      .where('id = :id AND current_version = :expected', { id, expected })
      .returning('*')
      .execute();
    if (!res.affected) return null;
    return this.findById(id, em);
  }

  async setStatus(em: EntityManager, id: string, status: ProposalStatus): Promise<void> {
    await em.getRepository(ProposalEntity).update({ id }, { status });
  }

  insertTransition(em: EntityManager, t: Partial<ProposalTransitionEntity>): Promise<ProposalTransitionEntity> {
    return em.save(ProposalTransitionEntity, em.create(ProposalTransitionEntity, t));
  }

  async authors(proposalId: string): Promise<AuthorRow[]> {
    return this.dataSource.query(
      `SELECT pa.membership_id AS "membershipId", m.user_id AS "userId", u.full_name AS "fullName", pa.is_primary AS "primary"
         FROM proposal_authors pa JOIN memberships m ON m.id = pa.membership_id JOIN users u ON u.id = m.user_id
        WHERE pa.proposal_id = $1 ORDER BY pa.is_primary DESC, pa.created_at, pa.membership_id`,
      [proposalId],
    );
  }

  async authorMembershipIds(proposalId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ProposalAuthorEntity).find({ where: { proposalId }, select: { membershipId: true } });
    return rows.map((r) => r.membershipId);
  }

  version(proposalId: string, version: number): Promise<ProposalVersionEntity | null> {
    return this.dataSource.getRepository(ProposalVersionEntity).findOneBy({ proposalId, version });
  }

  /** Versions in order after a number; `only` restricts to the versions an agency may read. */
  versionsPage(proposalId: string, after: number, limit: number, only: number[] | null): Promise<ProposalVersionEntity[]> {
    const qb = this.dataSource
      .getRepository(ProposalVersionEntity)
      .createQueryBuilder('v')
      .where('v.proposal_id = :proposalId AND v.version > :after', { proposalId, after });
    if (only) qb.andWhere('v.version = ANY(:only)', { only });
    return qb.orderBy('v.version', 'ASC').limit(limit).getMany();
  }
}
