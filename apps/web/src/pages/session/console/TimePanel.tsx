import type { LiveAgendaItem, LiveFloor } from '@kenes/contracts';
import type { ServerClock } from '../../../live/clock';
import { useServerNow } from '../../../live/useServerNow';
import { useCT } from './i18n';
import { formatSeconds, itemTime, TimeEvent } from './speakingTime';

interface Props {
  item: LiveAgendaItem | null;
  events: TimeEvent[];
  floor: LiveFloor | null;
  paused: boolean;
  clock: ServerClock;
  groups: Record<string, string>;
  name: (membershipId: string) => string;
}

/** Time spoken on the open item against its allowance, per speaker and per working group. */
export function TimePanel({ item, events, floor, paused, clock, groups, name }: Props) {
  const t = useCT();
  const now = useServerNow(clock, !!floor && !paused && floor.endsAt !== null, 1000);
  if (!item) {
    return (
      <section className="c-panel" aria-labelledby="c-time-h">
        <h2 id="c-time-h">{t('console.time.title')}</h2>
        <p>{t('session.noItem')}</p>
      </section>
    );
  }
  const time = itemTime({ events, itemId: item.id, minutes: item.minutes, floor, currentItemId: item.id, groups, serverNow: now });
  const over = time.remainingSeconds < 0;
  return (
    <section className="c-panel" aria-labelledby="c-time-h">
      <h2 id="c-time-h">{t('console.time.title')}</h2>
      <p>
        {t('console.time.used', { used: formatSeconds(time.spokenSeconds), allowance: formatSeconds(time.allowanceSeconds) })}
        {' · '}
        <strong className={over ? 'c-over' : undefined}>{over ? t('console.time.over', { over: formatSeconds(-time.remainingSeconds) }) : t('console.time.left', { left: formatSeconds(time.remainingSeconds) })}</strong>
      </p>
      <meter className="c-meter" min={0} max={Math.max(1, time.allowanceSeconds)} value={Math.min(time.spokenSeconds, Math.max(1, time.allowanceSeconds))} aria-label={t('console.time.meter')} />
      {time.bySpeaker.length === 0 ? (
        <p className="c-muted">{t('console.time.none')}</p>
      ) : (
        <div className="c-tables">
          <table>
            <caption>{t('console.time.bySpeaker')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.time.speaker')}</th>
                <th scope="col">{t('console.time.spoken')}</th>
              </tr>
            </thead>
            <tbody>
              {time.bySpeaker.map((s) => (
                <tr key={s.membershipId}>
                  <th scope="row">
                    {name(s.membershipId)}
                    {s.speaking && <span className="c-muted"> ({t('console.time.speaking')})</span>}
                  </th>
                  <td>{formatSeconds(s.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t('console.time.byGroup')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.time.group')}</th>
                <th scope="col">{t('console.time.spoken')}</th>
              </tr>
            </thead>
            <tbody>
              {time.byGroup.map((g) => (
                <tr key={g.group ?? ''}>
                  <th scope="row">{g.group ?? t('console.time.noGroup')}</th>
                  <td>{formatSeconds(g.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
