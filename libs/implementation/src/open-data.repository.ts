import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OpenDataPlanItemDto } from './dto/open-data.dto';

/** The proposal statuses the open-data feed publishes. */
export const PUBLISHED = ['supported', 'supported_with_changes', 'in_implementation', 'implemented'];

export type OpenDataItemRow = Omit<OpenDataPlanItemDto, 'updatedAt'> & { updatedAt: Date };
export interface OpenDataProposalRow {
  id: string;
  title: string;
  summary: string;
  status: string;
  workingGroup: string;
  updatedAt: Date;
  /** created_at at full (microsecond) precision, the feed's cursor key. */
  createdKey: string;
}

const ITEM_COLUMNS = `i.id, i.proposal_id AS "proposalId", i.title, i.deliverable, i.due_on::text AS "dueOn", i.stage, i.progress,
  i.legal_act_ref AS "legalActRef", a.name AS "responsibleAgency", r.title AS "reformPackage", i.updated_at AS "updatedAt"`;

/** The open-data feed's reads: published proposals and plan items, and the names of consenting authors only. */
@Injectable()
export class OpenDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A council that publishes open data, by its slug. */
  async publishingCouncil(slug: string): Promise<{ id: string; name: string; slug: string } | null> {
    const [council] = await this.dataSource.query('SELECT id, name, slug FROM councils WHERE slug = $1 AND publish_open_data', [slug]);
    return council ?? null;
  }

  /** Published proposals by (created_at, id) after the key, at most `limit`. */
  publishedProposals(councilId: string, after: [string, string] | null, limit: number): Promise<OpenDataProposalRow[]> {
    return this.dataSource.query(
      `SELECT p.id, p.title, p.summary, p.status, g.name AS "workingGroup", p.updated_at AS "updatedAt",
              to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdKey"
         FROM proposals p JOIN working_groups g ON g.id = p.working_group_id
        WHERE p.council_id = $1 AND p.status = ANY($2::text[])
          AND ($3::timestamptz IS NULL OR (p.created_at, p.id) > ($3::timestamptz, $4::uuid))
        ORDER BY p.created_at, p.id LIMIT $5`,
      [councilId, PUBLISHED, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  /** The authors of these proposals who consented to their names being published, primary author first. */
  async consentingAuthors(proposalIds: string[]): Promise<{ proposalId: string; name: string }[]> {
    if (!proposalIds.length) return [];
    return this.dataSource.query(
      `SELECT pa.proposal_id AS "proposalId", u.full_name AS name FROM proposal_authors pa
         JOIN memberships m ON m.id = pa.membership_id JOIN users u ON u.id = m.user_id
        WHERE pa.proposal_id = ANY($1::uuid[]) AND u.public_name_consent ORDER BY pa.is_primary DESC, pa.created_at, pa.membership_id`,
      [proposalIds],
    );
  }

  /** Each proposal's first `perProposal` plan items by (due_on, id). */
  async firstItemsOf(proposalIds: string[], perProposal: number): Promise<OpenDataItemRow[]> {
    if (!proposalIds.length) return [];
    return this.dataSource.query(
      `SELECT ${ITEM_COLUMNS}
         FROM unnest($1::uuid[]) AS pid(id)
         CROSS JOIN LATERAL (SELECT * FROM plan_items WHERE proposal_id = pid.id ORDER BY due_on, id LIMIT $2) i
         JOIN agencies a ON a.id = i.responsible_agency_id LEFT JOIN reform_packages r ON r.id = i.reform_package_id
        ORDER BY i.due_on, i.id`,
      [proposalIds, perProposal],
    );
  }

  /** Plan items of published proposals (of one, with `proposalId`) by (due_on, id) after the key, at most `limit`. */
  publishedItems(councilId: string, proposalId: string | null, after: [string, string] | null, limit: number): Promise<OpenDataItemRow[]> {
    return this.dataSource.query(
      `SELECT ${ITEM_COLUMNS}
         FROM plan_items i JOIN proposals p ON p.id = i.proposal_id
         JOIN agencies a ON a.id = i.responsible_agency_id LEFT JOIN reform_packages r ON r.id = i.reform_package_id
        WHERE i.council_id = $1 AND p.council_id = $1 AND p.status = ANY($2::text[])
          AND ($3::uuid IS NULL OR i.proposal_id = $3::uuid)
          AND ($4::date IS NULL OR (i.due_on, i.id) > ($4::date, $5::uuid))
        ORDER BY i.due_on, i.id LIMIT $6`,
      [councilId, PUBLISHED, proposalId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }
}
