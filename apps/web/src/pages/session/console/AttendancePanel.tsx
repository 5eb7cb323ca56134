import type { LiveSnapshot } from '@kenes/contracts';
import { useCT } from './i18n';

/** Members present with a vote, those represented by a present delegate (Proxy voting), and whether the quorum is met, as attendance.changed reports them. */
export function AttendancePanel({ attendance }: { attendance: LiveSnapshot['attendance'] }) {
  const t = useCT();
  const q = attendance.quorumMet;
  return (
    <section className="c-panel" aria-labelledby="c-attendance-h">
      <h2 id="c-attendance-h">{t('console.attendance.title')}</h2>
      <p className="c-big" data-testid="attendance">
        {t('session.present', { present: attendance.present, voters: attendance.voters })}
      </p>
      <p data-testid="represented">{t('console.attendance.represented', { count: attendance.represented ?? 0 })}</p>
      <p className={q === false ? 'c-over' : undefined} data-testid="quorum">
        {q === null ? t('console.attendance.noQuorumRule') : q ? `✓ ${t('session.quorum.met')}` : `✗ ${t('session.quorum.notMet')}`}
      </p>
    </section>
  );
}
