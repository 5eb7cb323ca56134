import { useId, useState } from 'react';
import { LIVE_COMMANDS, LiveFloor, LiveQueueEntry } from '@kenes/contracts';
import type { LiveSession } from '../../../live/useLiveSession';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { Countdown } from './Countdown';
import { useFocusKeeper } from './useFocusKeeper';
import { CommandFeedback } from './Feedback';
import { grantSeconds, GRANT_UNITS, GrantUnit } from './rule';
import { acked, useCommand } from './useCommand';
import type { CouncilPerson } from './useConsoleData';

interface Props {
  live: LiveSession;
  sessionId: string;
  floor: LiveFloor | null;
  queue: LiveQueueEntry[];
  paused: boolean;
  name: (membershipId: string) => string;
  /** The open item's speakers first, then the council's members: the floor goes to anyone. */
  people: CouncilPerson[];
}

/**
 * The floor: who speaks and their time left (the server's endsAt; the clock
 * stops while paused), the queue in the server's order (a point of order at
 * its head), and the commands to grant the floor for a time and to end it.
 */
export function FloorPanel({ live, sessionId, floor, queue, paused, name, people }: Props) {
  const t = useCT();
  const keep = useFocusKeeper<HTMLElement>();
  const ids = useId();
  const { run, busy, feedback } = useCommand();
  const [amount, setAmount] = useState('3');
  const [unit, setUnit] = useState<GrantUnit>('minutes');
  const [other, setOther] = useState('');
  const seconds = grantSeconds(amount, unit);
  const grant = (membershipId: string) => {
    const label = t('console.floor.grantTo', { name: name(membershipId) });
    if (seconds === null) return;
    void run(label, () => acked(live.send(LIVE_COMMANDS.floorGrant, { sessionId, membershipId, seconds })));
  };
  const timeError = seconds === null ? `${ids}-time-error` : undefined;
  return (
    <section ref={keep} className="c-panel" aria-labelledby="c-floor-h">
      <h2 id="c-floor-h" tabIndex={-1}>{t('console.floor.title')}</h2>
      <div className="c-speaker">
        {floor ? (
          <>
            <p>
              <span className="c-speaker-name">{name(floor.membershipId)}</span> <span className="c-muted">({t(`floor.kind.${floor.kind}` as ConsoleMessageId)})</span>
            </p>
            <Countdown floor={floor} clock={live.clock} paused={paused} />
            <button type="button" className="c-btn c-danger" disabled={!!busy} onClick={() => void run(t('console.floor.end'), () => acked(live.send(LIVE_COMMANDS.floorEnd, { sessionId })))}>
              {t('console.floor.end')}
            </button>
          </>
        ) : (
          <p>{t('projector.noSpeaker')}</p>
        )}
      </div>
      <fieldset className="c-time">
        <legend>{t('console.floor.time')}</legend>
        <label className="c-field c-inline">
          <span>{t('console.floor.amount')}</span>
          <input inputMode="decimal" value={amount} size={5} aria-invalid={seconds === null} aria-describedby={timeError} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label className="c-field c-inline">
          <span>{t('console.floor.unit')}</span>
          <select value={unit} onChange={(e) => setUnit(e.target.value as GrantUnit)}>
            {GRANT_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`console.floor.unit.${u}` as ConsoleMessageId)}
              </option>
            ))}
          </select>
        </label>
        {timeError && (
          <p id={timeError} className="c-error">
            {t('console.floor.timeInvalid')}
          </p>
        )}
      </fieldset>
      <h3 id="c-queue-h">{t('console.floor.queue', { count: queue.length })}</h3>
      {queue.length === 0 ? (
        <p>{t('projector.noQueue')}</p>
      ) : (
        <ol className="c-queue" aria-labelledby="c-queue-h">
          {queue.map((q) => (
            <li key={q.membershipId} className={q.kind === 'point_of_order' ? 'c-poo' : undefined}>
              <span>
                <span className="c-speaker-name">{name(q.membershipId)}</span>{' '}
                <span className={q.kind === 'point_of_order' ? 'c-tag' : 'c-muted'}>{t(`floor.kind.${q.kind}` as ConsoleMessageId)}</span>
              </span>
              <button type="button" className="c-btn c-primary" disabled={!!busy || seconds === null} onClick={() => grant(q.membershipId)}>
                {t('console.floor.grantTo', { name: name(q.membershipId) })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <form
        className="c-other"
        onSubmit={(e) => {
          e.preventDefault();
          if (other) grant(other);
        }}
      >
        <label className="c-field">
          <span>{t('console.floor.other')}</span>
          <select value={other} onChange={(e) => setOther(e.target.value)}>
            <option value="">{t('console.floor.choose')}</option>
            {people.map((p) => (
              <option key={p.membershipId} value={p.membershipId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="c-btn" disabled={!!busy || !other || seconds === null}>
          {t('console.floor.grant')}
        </button>
      </form>
      <CommandFeedback feedback={feedback} busy={busy} />
    </section>
  );
}
