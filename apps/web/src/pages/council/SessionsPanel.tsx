import { Link } from '@tanstack/react-router';
import { FormattedDate } from 'react-intl';
import type { MessageId } from '../../i18n/locale';
import { useCouncilT } from './i18n';
import { useSessions } from './useCouncilData';

/** The council's sittings, each with a link to the sitting and to its projector. */
export function SessionsPanel({ councilId }: { councilId: string }) {
  const t = useCouncilT();
  const sessions = useSessions(councilId, true);
  return (
    <section aria-labelledby="council-sessions" className="card">
      <h2 id="council-sessions">{t('council.sessions')}</h2>
      {sessions.isPending && <p role="status">{t('council.loading')}</p>}
      {sessions.data?.length === 0 && <p>{t('council.noSessions')}</p>}
      <ul className="sessions">
        {sessions.data?.map((s) => (
          <li key={s.id}>
            <Link to="/sessions/$sessionId" params={{ sessionId: s.id }}>
              {s.title}
            </Link>{' '}
            <span className="muted">
              <FormattedDate value={s.scheduledAt} dateStyle="medium" timeStyle="short" /> · {t(`session.state.${s.state}` as MessageId)}
            </span>{' '}
            <Link to="/sessions/$sessionId/projector" params={{ sessionId: s.id }}>
              {t('council.projectorOf', { title: s.title })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
