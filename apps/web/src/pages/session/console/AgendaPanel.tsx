import { useState } from 'react';
import { LIVE_COMMANDS, LiveAgendaItem } from '@kenes/contracts';
import type { LiveSession } from '../../../live/useLiveSession';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { useFocusKeeper } from './useFocusKeeper';
import { AddItemForm } from './AddItemForm';
import { CommandFeedback } from './Feedback';
import { acked, useCommand } from './useCommand';
import type { CouncilPerson } from './useConsoleData';

/** The agenda: each item with its allowance, state and decision, and the command to open it. */
interface Props {
  live: LiveSession;
  sessionId: string;
  councilId: string;
  agenda: LiveAgendaItem[];
  currentItemId: string | null;
  people: CouncilPerson[];
}

export function AgendaPanel({ live, sessionId, councilId, agenda, currentItemId, people }: Props) {
  const t = useCT();
  const keep = useFocusKeeper<HTMLElement>();
  const { run, busy, feedback } = useCommand();
  // Items added here since the sitting was joined (not session events): shown until the live view has them.
  const [added, setAdded] = useState<LiveAgendaItem[]>([]);
  const items = [...agenda, ...added.filter((a) => !agenda.some((i) => i.id === a.id))].sort((a, b) => a.position - b.position);
  return (
    <section ref={keep} className="c-panel" aria-labelledby="c-agenda-h">
      <h2 id="c-agenda-h" tabIndex={-1}>{t('session.agenda')}</h2>
      {items.length === 0 && <p>{t('console.agenda.empty')}</p>}
      <ol className="c-agenda">
        {items.map((i) => {
          const open = i.id === currentItemId;
          const label = t('console.agenda.open', { position: i.position });
          return (
            <li key={i.id} className={open ? 'c-current' : undefined} aria-current={open ? 'step' : undefined}>
              <div className="c-item">
                <span className="c-item-title">
                  {i.position}. {i.title}
                </span>
                <span className="c-muted">
                  {t('console.agenda.minutes', { minutes: i.minutes })} · {t(`console.agenda.status.${open ? 'open' : i.status === 'open' ? 'done' : i.status}` as ConsoleMessageId)}
                </span>
                {i.decision && <span className="c-decision">{t('console.decision.recorded', { resolution: t(`console.decision.${i.decision.resolution}` as ConsoleMessageId) })}</span>}
              </div>
              {!open && (
                <button type="button" className="c-btn" disabled={!!busy} onClick={() => void run(label, () => acked(live.send(LIVE_COMMANDS.agendaOpen, { sessionId, itemId: i.id })))}>
                  {label}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <CommandFeedback feedback={feedback} busy={busy} />
      <AddItemForm sessionId={sessionId} councilId={councilId} people={people} onAdded={(i) => setAdded((old) => [...old, i])} />
    </section>
  );
}
