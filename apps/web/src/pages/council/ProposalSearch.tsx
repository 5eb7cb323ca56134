import { FormEvent, useState } from 'react';
import { PathLink } from '../../components/PathLink';
import { useCouncilT } from './i18n';
import type { CouncilMessageId } from './i18n';
import { parseSnippet } from './snippet';
import { ProposalFilters, ProposalStatus, SEARCH_LIMIT, useGroups, useProposalSearch } from './useCouncilData';

const STATUSES: ProposalStatus[] = [
  'draft',
  'in_consultation',
  'in_deliberation',
  'recommended',
  'not_recommended',
  'on_agenda',
  'supported',
  'supported_with_changes',
  'deferred',
  'not_supported',
  'in_implementation',
  'implemented',
  'withdrawn',
];

/** A search snippet: text and <mark>ed matches only (parsed, never inserted as HTML). */
function Snippet({ html }: { html: string }) {
  return (
    <p className="council-snippet">
      {parseSnippet(html).map((run, i) => (run.mark ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
    </p>
  );
}

/** Full-text search over the council's proposals (Russian, Kazakh, English), filtered by status and group. */
export function ProposalSearch({ councilId }: { councilId: string }) {
  const t = useCouncilT();
  const [draft, setDraft] = useState('');
  const [filters, setFilters] = useState<ProposalFilters>({ q: '', status: '', groupId: '' });
  const groups = useGroups(councilId, true).list.data ?? [];
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const search = useProposalSearch(councilId, filters, true);
  const items = search.data?.items ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: draft }));
  };
  return (
    <section aria-labelledby="council-proposals" className="card">
      <h2 id="council-proposals">{t('council.proposals')}</h2>
      <form role="search" aria-labelledby="council-proposals" className="council-search" onSubmit={submit}>
        <div className="council-field council-q">
          <label htmlFor="council-q">{t('council.search')}</label>
          <input id="council-q" type="search" value={draft} aria-describedby="council-q-hint" onChange={(e) => setDraft(e.target.value)} />
          <span id="council-q-hint" className="muted">
            {t('council.searchHint')}
          </span>
        </div>
        <div className="council-field">
          <label htmlFor="council-status">{t('council.status')}</label>
          <select id="council-status" value={filters.status} onChange={(e) => setFilters((f) => ({ ...f, q: draft, status: e.target.value as ProposalStatus | '' }))}>
            <option value="">{t('council.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`council.status.${s}` as CouncilMessageId)}
              </option>
            ))}
          </select>
        </div>
        <div className="council-field">
          <label htmlFor="council-group">{t('council.group')}</label>
          <select id="council-group" value={filters.groupId} onChange={(e) => setFilters((f) => ({ ...f, q: draft, groupId: e.target.value }))}>
            <option value="">{t('council.any')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t('council.searchButton')}
        </button>
      </form>
      <p role="status" className="council-count">
        {search.isFetching
          ? t('council.searching')
          : search.error
            ? ''
            : search.data && (items.length === 0 ? t('council.noResults') : search.data.nextCursor ? t('council.resultsMore', { count: SEARCH_LIMIT }) : t('council.results', { count: items.length }))}
      </p>
      {search.error && <p role="alert">{t('council.error', { message: search.error.message })}</p>}
      <ul className="council-hits">
        {items.map((p) => (
          <li key={p.id}>
            <PathLink href={`/proposals/${p.id}`} className="council-hit-title">
              {p.title}
            </PathLink>
            <p className="muted">{t('council.hitMeta', { status: t(`council.status.${p.status}` as CouncilMessageId), group: groupName.get(p.workingGroupId) ?? '' })}</p>
            {p.snippet ? <Snippet html={p.snippet} /> : <p className="council-snippet">{p.summary}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
