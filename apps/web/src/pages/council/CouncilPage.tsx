import { useState } from 'react';
import { useParams } from '@tanstack/react-router';
import { PathLink } from '../../components/PathLink';
import { ApiProblem } from '../../api/client';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { CompositionPanel } from './CompositionPanel';
import { GroupsPanel } from './GroupsPanel';
import { CouncilIntl, useCouncilT } from './i18n';
import { MembersPanel } from './MembersPanel';
import { ProposalSearch } from './ProposalSearch';
import { SessionsPanel } from './SessionsPanel';
import { todayIso, useCouncil, useMe } from './useCouncilData';
import './council.css';

/** /councils/$councilId: the council's groups, members and balance on a chosen day, sittings, and proposal search. */
export default function CouncilPage() {
  return (
    <Layout>
      <CouncilIntl>
        <Council />
      </CouncilIntl>
    </Layout>
  );
}

function Council() {
  const t = useCouncilT();
  const { councilId } = useParams({ from: '/app/councils/$councilId' });
  const council = useCouncil(councilId);
  const me = useMe();
  const [at, setAt] = useState(todayIso);
  if (council.error instanceof ApiProblem && (council.error.status === 404 || council.error.status === 400 || council.error.status === 403)) return <NotFoundState />;
  if (council.error) return <p role="alert">{t('council.error', { message: council.error.message })}</p>;
  if (!council.data) return <p role="status">{t('council.loading')}</p>;
  const c = council.data;
  const today = todayIso();
  const mine = (me.data?.memberships ?? []).filter((m) => m.councilId === c.id && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  const isSecretariat = me.data?.isAdmin || mine.some((m) => m.roles.includes('secretariat'));
  return (
    <div className="council">
      <h1>{c.name}</h1>
      <nav aria-label={t('council.pages')} className="council-pages">
        <ul>
          <li>
            <PathLink href={`/councils/${c.id}/implementation`}>
              {t('council.implementation')}
            </PathLink>
          </li>
          <li>
            <PathLink href={`/councils/${c.id}/petitions`}>
              {t('council.petitions')}
            </PathLink>
          </li>
          {isSecretariat && (
            <li>
              <PathLink href={`/councils/${c.id}/admin`}>
                {t('council.admin')}
              </PathLink>
            </li>
          )}
        </ul>
      </nav>
      <GroupsPanel councilId={c.id} myMembershipIds={mine.map((m) => m.id)} />
      <SessionsPanel councilId={c.id} />
      <ProposalSearch councilId={c.id} />
      <section aria-labelledby="council-balance" className="card">
        <h2 id="council-balance">{t('council.members')}</h2>
        <div className="council-date">
          <label htmlFor="council-at">{t('council.date')}</label>
          <input id="council-at" type="date" value={at} required aria-describedby="council-at-hint" onChange={(e) => e.target.value && setAt(e.target.value)} />
          <span id="council-at-hint" className="muted">
            {t('council.dateHint')}
          </span>
        </div>
        <CompositionPanel councilId={c.id} at={at} dimensions={c.balanceDimensions} />
        <MembersPanel councilId={c.id} at={at} dimensions={c.balanceDimensions} />
      </section>
    </div>
  );
}
