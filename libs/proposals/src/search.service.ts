import { Injectable } from '@nestjs/common';
import { AuthUser, decodeCursor, Page, toPage } from '@kenes/common';
import { AccessService } from '@kenes/councils';
import { SearchHitDto } from './dto/proposal.dto';
import { SearchFilters, SearchRepository, SearchRow } from './search.repository';

const toHit = (r: SearchRow): SearchHitDto => ({
  id: r.id,
  workingGroupId: r.workingGroupId,
  status: r.status,
  version: r.version,
  title: r.title,
  summary: r.summary,
  rank: r.rank,
  snippet: r.snippet,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

@Injectable()
export class SearchService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SearchRepository,
  ) {}

  /** Ranked full-text results (newest first without q), only what the caller may read. */
  async search(user: AuthUser, councilId: string, f: SearchFilters & { limit: number; cursor?: string }): Promise<Page<SearchHitDto>> {
    const ctx = await this.access.requireCouncil(user, councilId, 'council.read');
    const has = (p: string) => ctx.principals.has(p as never);
    const scope = {
      councilId,
      all: this.access.allows(ctx, 'council.oversee'),
      council: has('member') || has('moderator') || has('chair'),
      observer: has('observer'),
      groupIds: await this.repo.groupsOf(ctx.memberships.map((m) => m.id)),
      agencyIds: ctx.memberships.filter((m) => m.agencyId).map((m) => m.agencyId as string),
    };
    const q = f.q?.trim() || undefined;
    const after = decodeCursor(f.cursor, 2);
    const rows = await this.repo.search(scope, { q, status: f.status, groupId: f.groupId }, after, f.limit + 1);
    return toPage(rows, f.limit, (r) => (q ? [r.rank as number, r.id] : [new Date(r.createdAt).toISOString(), r.id]), toHit);
  }
}
