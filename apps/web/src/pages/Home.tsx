import { lazy, Suspense } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedDate } from 'react-intl';
import { api, unwrap } from '../api/client';
import { Layout } from '../components/Layout';
import type { MessageId } from '../i18n/locale';
import { useT } from '../i18n/useT';

/** Giving and revoking a sitting's proxy (the member's panel), only where a sitting may still take one. */
const HomeProxies = lazy(() => import('./HomeProxies'));
/** What needs the user now (GET /me/agenda), with its own messages in its own chunk. */
const Agenda = lazy(() => import('./home/Agenda'));
const OPEN_STATES = ['scheduled', 'live', 'paused'];

/** The user's councils and each one's sittings, with links to the sitting and its projector and, for a member, the proxy for each upcoming sitting. */
export default function HomePage() {
  const t = useT();
  const councils = useQuery({ queryKey: ['councils'], queryFn: async () => unwrap(await api.GET('/api/v1/councils', { params: { query: { limit: 200 } } })).items });
  const me = useQuery({ queryKey: ['auth', 'me'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });
  const today = new Date().toISOString().slice(0, 10);
  const agencyRep = !!me.data?.memberships.some((m) => m.roles.includes('agency_rep') && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  const councilNames = new Map((councils.data ?? []).map((c) => [c.id, c.name]));
  const sessions = useQueries({
    queries: (councils.data ?? []).map((c) => ({
      queryKey: ['councils', c.id, 'sessions'],
      queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/sessions', { params: { path: { councilId: c.id }, query: { limit: 200 } } })).items,
    })),
  });
  return (
    <Layout>
      <h1>{t('home.title')}</h1>
      {councils.isPending && <p role="status">{t('home.loading')}</p>}
      {councils.error && <p role="alert">{t('home.error', { message: councils.error.message })}</p>}
      {councils.data?.length === 0 && <p>{t('home.noCouncils')}</p>}
      {councils.data && councils.data.length > 0 && (
        <Suspense fallback={null}>
          <Agenda councilNames={councilNames} agencyRep={agencyRep} />
        </Suspense>
      )}
      {councils.data?.map((c, k) => {
        const list = sessions[k]?.data;
        const open = list?.filter((s) => OPEN_STATES.includes(s.state)) ?? [];
        return (
          <section key={c.id} className="card" aria-labelledby={`council-${c.id}`}>
            <h2 id={`council-${c.id}`}>
              <Link to="/councils/$councilId" params={{ councilId: c.id }}>
                {c.name}
              </Link>
            </h2>
            <h3>
              {t('home.sessions')} {list && <span className="muted">({t('home.sessionCount', { count: list.length })})</span>}
            </h3>
            {list?.length === 0 && <p>{t('home.noSessions')}</p>}
            <ul className="sessions">
              {list?.map((s) => (
                <li key={s.id}>
                  <Link to="/sessions/$sessionId" params={{ sessionId: s.id }}>
                    {s.title}
                  </Link>{' '}
                  <span className="muted">
                    <FormattedDate value={s.scheduledAt} dateStyle="medium" timeStyle="short" /> · {t(`session.state.${s.state}` as MessageId)}
                  </span>{' '}
                  <Link to="/sessions/$sessionId/projector" params={{ sessionId: s.id }}>
                    {t('home.projector', { title: s.title })}
                  </Link>
                </li>
              ))}
            </ul>
            {open.length > 0 && (
              <Suspense fallback={null}>
                <HomeProxies councilId={c.id} sittings={open} />
              </Suspense>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
