import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { useDate, useIsSecretariat } from './common';
import { PetitionsIntl, usePT } from './i18n';
import { ModerationForm } from './SecretariatPanel';
import './petitions.css';

/** /councils/:councilId/petitions/moderation: the secretariat's queue of submitted petitions. */
export default function ModerationPage() {
  return (
    <PetitionsIntl>
      <Moderation />
    </PetitionsIntl>
  );
}

function Moderation() {
  const t = usePT();
  const fmt = useDate();
  const qc = useQueryClient();
  const { councilId } = useParams({ strict: false }) as { councilId: string };
  const { secretariat, loading } = useIsSecretariat(councilId);
  const [said, setSaid] = useState('');
  const queue = useQuery({
    queryKey: ['petitions', 'council', councilId, 'submitted'],
    enabled: secretariat,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/petitions', { params: { path: { councilId }, query: { status: 'submitted', limit: 200 } } })).items,
  });
  if (loading) {
    return (
      <Layout>
        <h1>{t('petitions.moderation.title')}</h1>
        <p role="status">{t('petitions.list.loading')}</p>
      </Layout>
    );
  }
  if (!secretariat) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  return (
    <Layout>
      <Link to="/councils/$councilId/petitions" params={{ councilId }} className="pet-back">
        {t('petitions.page.back')}
      </Link>
      <h1>{t('petitions.moderation.title')}</h1>
      <p>{t('petitions.moderation.intro')}</p>
      <p role="status" className="pet-ok">
        {said}
      </p>
      {queue.isPending && <p role="status">{t('petitions.list.loading')}</p>}
      {queue.error && <p role="alert">{t('petitions.list.error', { message: queue.error.message })}</p>}
      {queue.data?.length === 0 && <p>{t('petitions.moderation.empty')}</p>}
      <ul className="pet-list">
        {queue.data?.map((p) => (
          <li key={p.id}>
            <article className="pet-card" aria-labelledby={`pet-q-${p.id}`}>
              <h2 id={`pet-q-${p.id}`}>
                <Link to="/petitions/$petitionId" params={{ petitionId: p.id }}>
                  {p.title}
                </Link>
              </h2>
              <div className="pet-meta">
                <span>{t('petitions.by', { name: p.authorName })}</span>
                <span>{t('petitions.moderation.submittedOn', { date: fmt(p.createdAt) })}</span>
              </div>
              <p className="pet-summary">{p.summary}</p>
              <div className="pet-body">{p.body}</div>
              <ModerationForm
                p={p}
                onDone={(decision) => {
                  setSaid(t(decision === 'publish' ? 'petitions.moderation.published' : 'petitions.moderation.rejected', { title: p.title }));
                  void qc.invalidateQueries({ queryKey: ['petitions'] });
                }}
              />
            </article>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
