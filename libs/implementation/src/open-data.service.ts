import { Injectable } from '@nestjs/common';
import { decodeCursor, invalidField, notFound, toPage } from '@kenes/common';
import { OPEN_DATA_NESTED_ITEMS, OpenDataFeedDto, OpenDataPlanItemDto, OpenDataPlanItemPageDto } from './dto/open-data.dto';
import { OpenDataItemRow, OpenDataRepository } from './open-data.repository';

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

const toItem = (i: OpenDataItemRow): OpenDataPlanItemDto => ({ ...i, updatedAt: new Date(i.updatedAt).toISOString() });
const itemKey = (i: OpenDataItemRow) => [i.dueOn, i.id];

/**
 * The open-data feed: no personal data beyond the names of authors who
 * consented (users.public_name_consent); no memberships, no emails, no votes.
 * Every list in it pages like every list of the API (limit, cursor, nextCursor).
 */
@Injectable()
export class OpenDataService {
  constructor(private readonly repo: OpenDataRepository) {}

  private async council(slug: string): Promise<{ id: string; name: string; slug: string }> {
    const council = await this.repo.publishingCouncil(slug);
    if (!council) throw notFound('Open data of this council');
    return council;
  }

  async feed(slug: string, q: { limit: number; cursor?: string }): Promise<OpenDataFeedDto> {
    const council = await this.council(slug);
    const after = keyOf(q.cursor, INSTANT);
    const rows = await this.repo.publishedProposals(council.id, after, q.limit + 1);
    const page = toPage(rows, q.limit, (p) => [p.createdKey, p.id], (p) => p);
    const ids = page.items.map((p) => p.id);
    const authors = await this.repo.consentingAuthors(ids);
    // Each proposal's first items, and one more to tell whether it has others.
    const items = await this.repo.firstItemsOf(ids, OPEN_DATA_NESTED_ITEMS + 1);
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
    const rows = await this.repo.publishedItems(council.id, q.proposalId ?? null, after, q.limit + 1);
    return toPage(rows, q.limit, itemKey, toItem);
  }
}
