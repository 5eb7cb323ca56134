import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { api, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { ConsultationsIntl, useCsT } from './i18n';
import { groupInbox, INBOX_GROUPS } from './inbox';
import { useMe } from './useMe';
import './consultations.css';

/** The agency representatives' inbox: their agencies' consultations, overdue and due soon first. */
export default function ConsultationsPage() {
  return (
    <Layout>
      <ConsultationsIntl>
        <Inbox />
      </ConsultationsIntl>
    </Layout>
  );
}

function Inbox() {
  const t = useCsT();
  const me = useMe();
  const reps = (me.data?.memberships ?? []).filter((m) => m.roles.includes('agency_rep') && m.agencyId);
  const agencies = [...new Map(reps.map((m) => [m.agencyId!, m.councilId])).entries()];
  return (
    <>
      <h1>{t('consultations.title')}</h1>
      {me.isPending && <p role="status">{t('consultations.loading')}</p>}
      {me.error && <p role="alert">{t('consultations.error', { message: me.error.message })}</p>}
      {me.data && agencies.length === 0 && (
        <div className="cs-empty">
          <p>{t('consultations.forReps')}</p>
          <p>{t('consultations.notRep')}</p>
        </div>
      )}
      {agencies.map(([agencyId, councilId]) => (
        <AgencyInbox key={agencyId} agencyId={agencyId} councilId={councilId} />
      ))}
    </>
  );
}

function AgencyInbox({ agencyId, councilId }: { agencyId: string; councilId: string }) {
  const t = useCsT();
  const intl = useIntl();
  const agencies = useQuery({
    queryKey: ['councils', councilId, 'agencies'],
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/agencies', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });
  const list = useQuery({
    queryKey: ['agencies', agencyId, 'consultations'],
    queryFn: async () => unwrap(await api.GET('/api/v1/agencies/{agencyId}/consultations', { params: { path: { agencyId }, query: { limit: 200 } } })).items,
  });
  const cited = useQueries({
    queries: [...new Map((list.data ?? []).map((c) => [`${c.proposalId}/${c.version}`, c])).values()].map((c) => ({
      queryKey: ['proposals', c.proposalId, 'versions', c.version],
      queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}/versions/{n}', { params: { path: { proposalId: c.proposalId, n: String(c.version) } } })),
    })),
  });
  const titleOf = (proposalId: string, version: number) => cited.find((q) => q.data?.proposalId === proposalId && q.data.version === version)?.data?.title;
  const name = agencies.data?.find((a) => a.id === agencyId)?.name ?? '';
  const groups = groupInbox(list.data ?? [], Date.now());
  const headingId = `cs-agency-${agencyId}`;
  return (
    <section className="cs-agency" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('consultations.agency', { name })}</h2>
      {list.isPending && <p role="status">{t('consultations.loading')}</p>}
      {list.error && <p role="alert">{t('consultations.error', { message: list.error.message })}</p>}
      {list.data &&
        INBOX_GROUPS.map((g) => (
          <section key={g} className={`cs-group cs-group-${g}`} aria-labelledby={`${headingId}-${g}`}>
            <h3 id={`${headingId}-${g}`}>{t(`consultations.group.${g}`, { count: groups[g].length })}</h3>
            {groups[g].length === 0 ? (
              <p className="muted">{t('consultations.group.none')}</p>
            ) : (
              <ul className="cs-list">
                {groups[g].map((c) => {
                  const title = titleOf(c.proposalId, c.version);
                  return (
                    <li key={c.id}>
                      <Link to="/consultations/$consultationId" params={{ consultationId: c.id }}>
                        {title ?? c.question.slice(0, 120)}
                      </Link>
                      <p className="cs-q">{c.question}</p>
                      <p className="muted">
                        {title && <>{t('consultations.cites', { title, version: c.version })} · </>}
                        {t('consultations.due', { date: intl.formatDate(c.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })} · {c.aspects.map((a) => t(`consultations.aspect.${a}`)).join(', ')}
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        ))}
    </section>
  );
}
