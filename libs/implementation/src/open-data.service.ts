import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, invalidField, notFound, toPage } from '@kenes/common';
import { DataSource } from 'typeorm';
import { OPEN_DATA_NESTED_ITEMS, OpenDataFeedDto, OpenDataPlanItemDto, OpenDataPlanItemPageDto } from './dto/open-data.dto';

const PUBLISHED = ['supported', 'supported_with_changes', 'in_implementation', 'implemented'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** created_at at full (microsecond) precision, so that a page ends exactly where the next begins. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A cursor's key `[sortValue, id]`, checked before it reaches SQL (a tampered one → 400 on `cursor`). */
function keyOf(cursor: string | undefined, value: RegExp): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [v, id] = key;
  if (typeof v !== 'string' || !value.test(v) || typeof id !== 'string' || !UUID.test(id)) throw invalidField('cursor', 'is not a valid cursor');
  return [v, id];
}

type ItemRow = Omit<OpenDataPlanItemDto, 'updatedAt'> & { updatedAt: Date };
const ITEM_COLUMNS = `i.id, i.proposal_id AS "proposalId", i.title, i.deliverable, i.due_on::text AS "dueOn", i.stage, i.progress,
  i.legal_act_ref AS "legalActRef", a.name AS "responsibleAgency", r.title AS "reformPackage", i.updated_at AS "updatedAt"`;
const toItem = (i: ItemRow): OpenDataPlanItemDto => ({ ...i, updatedAt: new Date(i.updatedAt).toISOString() });
const itemKey = (i: ItemRow) => [i.dueOn, i.id];

/**
 * The open-data feed: no personal data beyond the names of authors who
 * consented (users.public_name_consent); no memberships, no emails, no votes.
 * Every list in it pages like every list of the API (limit, cursor, nextCursor).
 */
@Injectable()
export class OpenDataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async council(slug: string): Promise<{ id: string; name: string; slug: string }> {
    const [council] = await this.dataSource.query('SELECT id, name, slug FROM councils WHERE slug = $1 AND publish_open_data', [slug]);
    if (!council) throw notFound('Open data of this council');
    return council;
  }

  async feed(slug: string, q: { limit: number; cursor?: string }): Promise<OpenDataFeedDto> {
    const council = await this.council(slug);
    const after = keyOf(q.cursor, INSTANT);
    const rows: { id: string; title: string; summary: string; status: string; workingGroup: string; updatedAt: Date; createdKey: string }[] = await this.dataSource.query(
      `SELECT p.id, p.title, p.summary, p.status, g.name AS "workingGroup", p.updated_at AS "updatedAt",
              to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdKey"
         FROM proposals p JOIN working_groups g ON g.id = p.working_group_id
        WHERE p.council_id = $1 AND p.status = ANY($2::text[])
          AND ($3::timestamptz IS NULL OR (p.created_at, p.id) > ($3::timestamptz, $4::uuid))
        ORDER BY p.created_at, p.id LIMIT $5`,
      [council.id, PUBLISHED, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    );
    const page = toPage(rows, q.limit, (p) => [p.createdKey, p.id], (p) => p);
    const ids = page.items.map((p) => p.id);
    const authors: { proposalId: string; name: string }[] = ids.length
      ? await this.dataSource.query(
          `SELECT pa.proposal_id AS "proposalId", u.full_name AS name FROM proposal_authors pa
             JOIN memberships m ON m.id = pa.membership_id JOIN users u ON u.id = m.user_id
            WHERE pa.proposal_id = ANY($1::uuid[]) AND u.public_name_consent ORDER BY pa.is_primary DESC, pa.created_at, pa.membership_id`,
          [ids],
        )
      : [];
    // Each proposal's first items, and one more to tell whether it has others.
    const items: ItemRow[] = ids.length
      ? await this.dataSource.query(
          `SELECT ${ITEM_COLUMNS}
             FROM unnest($1::uuid[]) AS pid(id)
             CROSS JOIN LATERAL (SELECT * FROM plan_items WHERE proposal_id = pid.id ORDER BY due_on, id LIMIT $2) i
             JOIN agencies a ON a.id = i.responsible_agency_id LEFT JOIN reform_packages r ON r.id = i.reform_package_id
            ORDER BY i.due_on, i.id`,
          [ids, OPEN_DATA_NESTED_ITEMS + 1],
        )
      : [];
    return {
      council: { name: council.name, slug: council.slug },
      generatedAt: new Date().toISOString(),
      nextCursor: page.nextCursor,
      items: page.items.map((p) => {
        const own = toPage(items.filter((i) => i.proposalId === p.id), OPEN_DATA_NESTED_ITEMS, itemKey, toItem);
        return {
          id: p.id,
          title: p.title,
          summary: p.summary,
          status: p.status,
          workingGroup: p.workingGroup,
          updatedAt: new Date(p.updatedAt).toISOString(),
          authors: authors.filter((a) => a.proposalId === p.id).map((a) => a.name),
          planItems: own.items,
          planItemsNextCursor: own.nextCursor,
        };
      }),
    };
  }

  async planItems(slug: string, q: { limit: number; cursor?: string; proposalId?: string }): Promise<OpenDataPlanItemPageDto> {
    const council = await this.council(slug);
    const after = keyOf(q.cursor, DAY);
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS}
         FROM plan_items i JOIN proposals p ON p.id = i.proposal_id
         JOIN agencies a ON a.id = i.responsible_agency_id LEFT JOIN reform_packages r ON r.id = i.reform_package_id
        WHERE i.council_id = $1 AND p.council_id = $1 AND p.status = ANY($2::text[])
          AND ($3::uuid IS NULL OR i.proposal_id = $3::uuid)
          AND ($4::date IS NULL OR (i.due_on, i.id) > ($4::date, $5::uuid))
        ORDER BY i.due_on, i.id LIMIT $6`,
      [council.id, PUBLISHED, q.proposalId ?? null, after?.[0] ?? null, after?.[1] ?? null, q.limit + 1],
    );
    return toPage(rows, q.limit, itemKey, toItem);
  }
}
