import { useState } from 'react';
import { LIVE_COMMANDS, SessionState } from '@kenes/contracts';
import type { LiveSession } from '../../../live/useLiveSession';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { useFocusKeeper } from './useFocusKeeper';
import { CommandFeedback } from './Feedback';
import { acked, useCommand } from './useCommand';

type StateCommand = 'start' | 'pause' | 'resume' | 'close';

/** The commands that make sense in each state (the server decides; a refusal shows its message). */
const OFFERED: Record<SessionState, StateCommand[]> = {
  scheduled: ['start'],
  live: ['pause', 'close'],
  paused: ['resume', 'close'],
  closed: [],
};

/** The sitting's state and its commands: start, pause, resume, close (close asks to be confirmed). */
export function StatePanel({ live, sessionId, state }: { live: LiveSession; sessionId: string; state: SessionState }) {
  const t = useCT();
  const keep = useFocusKeeper<HTMLElement>();
  const { run, busy, feedback } = useCommand();
  const [confirming, setConfirming] = useState(false);
  const send = (command: StateCommand) => {
    setConfirming(false);
    void run(t(`console.state.${command}` as ConsoleMessageId), () => acked(live.send(LIVE_COMMANDS[command], { sessionId })));
  };
  return (
    <section ref={keep} className="c-panel c-state" aria-labelledby="c-state-h">
      <h2 id="c-state-h" tabIndex={-1}>{t('console.state.title')}</h2>
      <p className={`c-badge c-badge-${state}`}>{t('session.state', { state: t(`session.state.${state}`) })}</p>
      <div className="c-actions">
        {OFFERED[state].map((c) =>
          c === 'close' ? (
            !confirming && (
              <button key={c} type="button" className="c-btn c-danger" disabled={!!busy} onClick={() => setConfirming(true)}>
                {t('console.state.close')}
              </button>
            )
          ) : (
            <button key={c} type="button" className="c-btn c-primary" disabled={!!busy} onClick={() => send(c)}>
              {t(`console.state.${c}` as ConsoleMessageId)}
            </button>
          ),
        )}
        {confirming && (
          <span className="c-confirm" role="group" aria-label={t('console.state.closeQuestion')}>
            <span>{t('console.state.closeQuestion')}</span>
            <button type="button" className="c-btn c-danger" disabled={!!busy} onClick={() => send('close')}>
              {t('console.state.closeConfirm')}
            </button>
            <button type="button" className="c-btn" onClick={() => setConfirming(false)}>
              {t('console.cancel')}
            </button>
          </span>
        )}
      </div>
      <CommandFeedback feedback={feedback} busy={busy} />
    </section>
  );
}
