import { Link, useParams } from '@tanstack/react-router';
import { Layout, useAuth } from '../../components/Layout';
import { useLang } from '../../i18n/LangProvider';
import { useT } from '../../i18n/useT';
import { useLiveSession } from '../../live/useLiveSession';
import { NotFoundState } from '../NotFound';
import { ConnectionStatus } from './ConnectionStatus';
import { Console } from './console/Console';
import { useConsoleRole } from './console/useConsoleData';
import { SessionSummary } from './SessionSummary';

/**
 * /sessions/:sessionId — the live sitting. This is the read-only frame; a
 * member's view (MemberView.tsx) and the moderator's and chair's console
 * (Console.tsx) go beside it and render below the summary by role.
 */
export default function SessionPage() {
  const t = useT();
  const { lang } = useLang();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const live = useLiveSession(sessionId, lang);
  const role = useConsoleRole(live.view?.snapshot.councilId, !!useAuth());
  if (live.error) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  if (live.view && role) {
    return (
      <Layout>
        <Console live={live} view={live.view} sessionId={sessionId} role={role} />
      </Layout>
    );
  }
  return (
    <Layout>
      <ConnectionStatus state={live.connection} />
      {live.view ? (
        <>
          <SessionSummary view={live.view} />
          <p>
            <Link to="/sessions/$sessionId/projector" params={{ sessionId }}>
              {t('session.projector')}
            </Link>
          </p>
        </>
      ) : (
        <h1>{t('session.loading')}</h1>
      )}
    </Layout>
  );
}
