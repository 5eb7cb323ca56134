import { useState } from 'react';
import type { LiveAgendaItem } from '@kenes/contracts';
import { api, unwrap } from '../../../api/client';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { useFocusKeeper } from './useFocusKeeper';
import { CommandFeedback } from './Feedback';
import { useCommand } from './useCommand';

const RESOLUTIONS = ['supported', 'supported_with_changes', 'deferred', 'not_supported'] as const;
type Resolution = (typeof RESOLUTIONS)[number];

/** The chair's decision on the open item: a resolution and an instruction (POST /agenda-items/:id/decision). */
export function DecisionPanel({ item }: { item: LiveAgendaItem | null }) {
  const t = useCT();
  const keep = useFocusKeeper<HTMLElement>();
  const { run, busy, feedback } = useCommand();
  const [resolution, setResolution] = useState<Resolution>('supported');
  const [instruction, setInstruction] = useState('');
  return (
    <section ref={keep} className="c-panel" aria-labelledby="c-decision-h">
      <h2 id="c-decision-h" tabIndex={-1}>{t('console.decision.title')}</h2>
      {!item ? (
        <p>{t('session.noItem')}</p>
      ) : item.decision ? (
        <p className="c-decision">
          {t('console.decision.recorded', { resolution: t(`console.decision.${item.decision.resolution}` as ConsoleMessageId) })}
          {item.decision.instruction && <> — {item.decision.instruction}</>}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const body = { resolution, instruction: instruction.trim() ? instruction.trim() : null };
            void run(t('console.decision.submit'), async () =>
              unwrap(await api.POST('/api/v1/agenda-items/{itemId}/decision', { params: { path: { itemId: item.id } }, body: body as never })),
            );
          }}
        >
          <p className="c-muted">{t('console.decision.on', { position: item.position, title: item.title })}</p>
          <fieldset>
            <legend>{t('console.decision.resolution')}</legend>
            {RESOLUTIONS.map((r) => (
              <label key={r} className="c-radio">
                <input type="radio" name="resolution" value={r} checked={resolution === r} onChange={() => setResolution(r)} />
                {t(`console.decision.${r}` as ConsoleMessageId)}
              </label>
            ))}
          </fieldset>
          <label className="c-field">
            <span>{t('console.decision.instruction')}</span>
            <textarea value={instruction} rows={3} maxLength={4000} onChange={(e) => setInstruction(e.target.value)} />
          </label>
          <button type="submit" className="c-btn c-primary" disabled={!!busy}>
            {t('console.decision.submit')}
          </button>
        </form>
      )}
      <CommandFeedback feedback={feedback} busy={busy} />
    </section>
  );
}
