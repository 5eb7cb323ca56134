import { lazy, Suspense } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { Layout } from '../../components/Layout';
import { useLang } from '../../i18n/LangProvider';
import { useT } from '../../i18n/useT';
import { useLiveSession } from '../../live/useLiveSession';
import { NotFoundState } from '../NotFound';
import { ConnectionStatus } from './ConnectionStatus';
import { SessionSummary } from './SessionSummary';
import { useSittingRoles } from './useSittingRoles';

const MemberView = lazy(() => import('./member/MemberView'));
// The console is its own chunk too: a member's phone never loads it.
const Console = lazy(() => import('./console/Console').then((m) => ({ default: m.Console })));

/**
 * /sessions/:sessionId — the live sitting. This is the read-only frame; a
 * member's view (MemberView.tsx) and the moderator's and chair's console
 * (Console.tsx) go beside it and render below the summary by role
 * (`useSittingRoles`), each given `live` (the view, the connection, `send`
 * for commands with their acks).
 */
export default function SessionPage() {
  const t = useT();
  const { lang } = useLang();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const live = useLiveSession(sessionId, lang);
  const roles = useSittingRoles(live.view?.snapshot.councilId);
  if (live.error) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  if (live.view && roles.runs) {
    return (
      <Layout>
        <Suspense fallback={<h1>{t('session.loading')}</h1>}>
          <Console live={live} view={live.view} sessionId={sessionId} role={roles.isChair ? 'chair' : 'moderator'} />
        </Suspense>
      </Layout>
    );
  }
  return (
    <Layout>
      <ConnectionStatus state={live.connection} />
      {live.view ? (
        <>
          <SessionSummary view={live.view} />
          {!roles.loading && roles.roles.length === 0 && <p className="muted">{t('session.watching')}</p>}
          {!roles.runs && roles.memberMembershipId && (
            <Suspense fallback={null}>
              <MemberView live={live} membershipId={roles.memberMembershipId} />
            </Suspense>
          )}
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
