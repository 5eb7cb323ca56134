import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@kenes/common';
import { DataSource } from 'typeorm';

const PUBLISHED = ['supported', 'supported_with_changes', 'in_implementation', 'implemented'];

/**
 * The open-data feed: no personal data beyond the names of authors who
 * consented (users.public_name_consent); no memberships, no emails, no votes.
 */
@Injectable()
export class OpenDataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async feed(slug: string) {
    const [council] = await this.dataSource.query('SELECT id, name, slug FROM councils WHERE slug = $1 AND publish_open_data', [slug]);
    if (!council) throw notFound('Open data of this council');
    const proposals: { id: string; title: string; summary: string; status: string; workingGroup: string; updatedAt: Date }[] = await this.dataSource.query(
      `SELECT p.id, p.title, p.summary, p.status, g.name AS "workingGroup", p.updated_at AS "updatedAt"
         FROM proposals p JOIN working_groups g ON g.id = p.working_group_id
        WHERE p.council_id = $1 AND p.status = ANY($2::text[]) ORDER BY p.created_at, p.id`,
      [council.id, PUBLISHED],
    );
    const ids = proposals.map((p) => p.id);
    const authors: { proposalId: string; name: string }[] = ids.length
      ? await this.dataSource.query(
          `SELECT pa.proposal_id AS "proposalId", u.full_name AS name FROM proposal_authors pa
             JOIN memberships m ON m.id = pa.membership_id JOIN users u ON u.id = m.user_id
            WHERE pa.proposal_id = ANY($1::uuid[]) AND u.public_name_consent ORDER BY pa.is_primary DESC, pa.created_at`,
          [ids],
        )
      : [];
    const items: Record<string, unknown>[] = ids.length
      ? await this.dataSource.query(
          `SELECT i.id, i.proposal_id AS "proposalId", i.title, i.deliverable, i.due_on::text AS "dueOn", i.stage, i.progress,
                  i.legal_act_ref AS "legalActRef", a.name AS "responsibleAgency", r.title AS "reformPackage", i.updated_at AS "updatedAt"
             FROM plan_items i JOIN agencies a ON a.id = i.responsible_agency_id LEFT JOIN reform_packages r ON r.id = i.reform_package_id
            WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY i.due_on, i.id`,
          [ids],
        )
      : [];
    return {
      council: { name: council.name, slug: council.slug },
      generatedAt: new Date().toISOString(),
      nextCursor: null,
      items: proposals.map((p) => ({
        id: p.id,
        title: p.title,
        summary: p.summary,
        status: p.status,
        workingGroup: p.workingGroup,
        updatedAt: new Date(p.updatedAt).toISOString(),
        authors: authors.filter((a) => a.proposalId === p.id).map((a) => a.name),
        planItems: items
          .filter((i) => i.proposalId === p.id)
          .map(({ proposalId: _p, updatedAt, ...i }) => ({ ...i, updatedAt: new Date(updatedAt as Date).toISOString() })),
      })),
    };
  }
}
