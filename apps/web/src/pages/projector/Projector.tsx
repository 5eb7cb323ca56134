import { useParams } from '@tanstack/react-router';
import { useLang } from '../../i18n/LangProvider';
import type { MessageId } from '../../i18n/locale';
import { useT } from '../../i18n/useT';
import { pollOnShow } from '../../live/reducer';
import { useLiveSession } from '../../live/useLiveSession';
import { NotFoundState } from '../NotFound';
import { ConnectionStatus } from '../session/ConnectionStatus';
import { Countdown } from './Countdown';
import { PollPanel } from './PollPanel';
import './projector.css';

/** How many of the queue the hall sees by name. */
const NEXT_SHOWN = 5;

/**
 * /sessions/:sessionId/projector — the hall's display: the item, the speaker
 * and their time, who speaks next, and the poll (open: participation; closed:
 * the outcome with its numbers). No login for a public sitting.
 */
export default function ProjectorPage() {
  const t = useT();
  const { lang } = useLang();
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const live = useLiveSession(sessionId, lang);
  if (live.error) {
    return (
      <main id="main" className="page-notfound">
        <NotFoundState />
      </main>
    );
  }
  const view = live.view;
  if (!view) {
    return (
      <main className="projector">
        <h1>{t('session.loading')}</h1>
      </main>
    );
  }
  const s = view.snapshot;
  const item = s.agenda.find((i) => i.id === s.currentItemId) ?? null;
  const name = (id: string) => view.names[id] ?? t('projector.unknownSpeaker');
  const poll = pollOnShow(view);
  return (
    <main className="projector">
      <header className="p-head">
        <span className="p-title">{s.title}</span>
        <span className="p-state">{t(`session.state.${s.state}`)}</span>
        <ConnectionStatus state={live.connection} />
      </header>
      <section className="p-item" aria-label={t('session.currentItem')}>
        {item ? (
          <>
            <p className="p-position">{t('projector.item', { position: item.position })}</p>
            <h1>{item.title}</h1>
          </>
        ) : (
          <h1>{t('projector.noItem')}</h1>
        )}
      </section>
      <div className="p-grid">
        <section className="p-floor" aria-labelledby="speaker-heading">
          <h2 id="speaker-heading">{t('projector.speaker')}</h2>
          {s.floor ? (
            <>
              <p className="p-speaker">{name(s.floor.membershipId)}</p>
              <p className="p-kind">{t(`floor.kind.${s.floor.kind}` as MessageId)}</p>
              <Countdown floor={s.floor} clock={live.clock} paused={s.state === 'paused'} />
            </>
          ) : (
            <p>{t('projector.noSpeaker')}</p>
          )}
          <h2 id="queue-heading">{t('projector.next')}</h2>
          {s.queue.length ? (
            <>
              <p className="muted">{t('projector.waiting', { count: s.queue.length })}</p>
              <ol className="p-queue" aria-labelledby="queue-heading">
                {s.queue.slice(0, NEXT_SHOWN).map((q) => (
                  <li key={q.membershipId}>
                    {name(q.membershipId)}
                    {q.kind !== 'contribution' && <span className="p-qkind"> · {t(`floor.kind.${q.kind}` as MessageId)}</span>}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p>{t('projector.noQueue')}</p>
          )}
        </section>
        {poll && <PollPanel poll={poll} />}
      </div>
    </main>
  );
}
