import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProposalStatus } from '@kenes/core';
import { DataSource } from 'typeorm';

/** Who is searching: decides which proposals the results may include. */
export interface SearchScope {
  councilId: string;
  /** Secretariat or admin: everything in the council. */
  all: boolean;
  /** Member, moderator or chair: everything past draft (withdrawn excepted). */
  council: boolean;
  /** Observer: from on_agenda on. */
  observer: boolean;
  groupIds: string[];
  agencyIds: string[];
}

export interface SearchFilters {
  q?: string;
  status?: ProposalStatus;
  groupId?: string;
}

export interface SearchRow {
  id: string;
  workingGroupId: string;
  status: ProposalStatus;
  version: number;
  title: string;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
  rank: number | null;
  snippet: string | null;
}

const OBSERVER_STATUSES = ['on_agenda', 'supported', 'supported_with_changes', 'deferred', 'not_supported', 'in_implementation', 'implemented'];

/**
 * Full-text search over proposals. proposal_search.document is kept by a
 * trigger (migration ProposalSearch) and GIN-indexed; the `russian` text
 * search configuration stems Russian words and, through english_stem for
 * ASCII words, English ones; Kazakh words match as written.
 */
export const SEARCH_CONFIG = 'russian';

const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=30, MinWords=8, FragmentDelimiter=" … "';

/** The text escaped for HTML, so that the snippet's only markup is its <mark>s. */
const htmlEscaped = (expr: string) => `replace(replace(replace(${expr}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

@Injectable()
export class SearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The SQL and parameters of a search; the benchmark runs the same SQL bare. */
  static build(scope: SearchScope, f: SearchFilters, after: unknown[] | null, limit: number): { sql: string; params: unknown[] } {
    const params: unknown[] = [scope.councilId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['p.council_id = $1'];
    if (f.status) where.push(`p.status = ${p(f.status)}`);
    if (f.groupId) where.push(`p.working_group_id = ${p(f.groupId)}::uuid`);
    if (!scope.all) {
      const reach: string[] = [];
      if (scope.groupIds.length) reach.push(`p.working_group_id = ANY(${p(scope.groupIds)}::uuid[])`);
      // An agency reads only the versions its consultations cite: the document, title and summary are the current version's.
      if (scope.agencyIds.length) {
        reach.push(`EXISTS (SELECT 1 FROM consultations c WHERE c.proposal_id = p.id AND c.agency_id = ANY(${p(scope.agencyIds)}::uuid[]) AND c.version = p.current_version)`);
      }
      if (scope.council) reach.push(`p.status NOT IN ('draft', 'withdrawn')`);
      else if (scope.observer) reach.push(`p.status = ANY(${p(OBSERVER_STATUSES)}::text[])`);
      where.push(reach.length ? `(${reach.join(' OR ')})` : 'false');
    }
    const columns = `p.id, p.working_group_id AS "workingGroupId", p.status, p.current_version AS "version", p.title, p.summary,
                     p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
    if (f.q) {
      // The tsquery is written inline (not through a CTE), so the planner sees a constant and matches with the GIN index.
      const query = `websearch_to_tsquery('${SEARCH_CONFIG}'::regconfig, ${p(f.q)}::text)`;
      if (after) where.push(`(ts_rank_cd(s.document, ${query}), p.id) < (${p(after[0])}::real, ${p(after[1])}::uuid)`);
      const sql = `
        SELECT hit.*, ts_headline('${SEARCH_CONFIG}', ${htmlEscaped(`hit.title || E'\\n' || hit.summary || E'\\n' || left(hit.body, 20000)`)}, ${query}, '${HEADLINE_OPTIONS}') AS snippet
          FROM (
            SELECT ${columns}, p.body, ts_rank_cd(s.document, ${query}) AS rank
              FROM proposal_search s JOIN proposals p ON p.id = s.proposal_id
             WHERE s.document @@ ${query} AND ${where.join(' AND ')}
             ORDER BY rank DESC, p.id DESC
             LIMIT ${p(limit)}
          ) hit
         ORDER BY hit.rank DESC, hit.id DESC`;
      return { sql, params };
    }
    if (after) where.push(`(p.created_at, p.id) < (${p(after[0])}::timestamptz, ${p(after[1])}::uuid)`);
    const sql = `SELECT ${columns}, NULL::real AS rank, NULL::text AS snippet FROM proposals p
                  WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT ${p(limit)}`;
    return { sql, params };
  }

  async search(scope: SearchScope, f: SearchFilters, after: unknown[] | null, limit: number): Promise<SearchRow[]> {
    const { sql, params } = SearchRepository.build(scope, f, after, limit);
    const rows: (SearchRow & { body?: string })[] = await this.dataSource.query(sql, params);
    return rows.map(({ body: _body, ...r }) => ({ ...r, rank: r.rank === null ? null : Number(r.rank) }));
  }

  /** The working groups the given memberships sit in. */
  async groupsOf(membershipIds: string[]): Promise<string[]> {
    if (!membershipIds.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT working_group_id AS id FROM working_group_members WHERE membership_id = ANY($1::uuid[])',
      [membershipIds],
    );
    return rows.map((r) => r.id);
  }
}
