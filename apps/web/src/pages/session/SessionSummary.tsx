import type { LiveView } from '../../live/reducer';
import { useT } from '../../i18n/useT';

/** Title, state, attendance and the current item of a sitting: the top of every sitting page. */
export function SessionSummary({ view }: { view: LiveView }) {
  const t = useT();
  const s = view.snapshot;
  const item = s.agenda.find((i) => i.id === s.currentItemId) ?? null;
  return (
    <>
      <h1>{s.title}</h1>
      <p className="state">{t('session.state', { state: t(`session.state.${s.state}`) })}</p>
      <p>
        {t('session.present', { present: s.attendance.present, voters: s.attendance.voters })}
        {s.attendance.quorumMet !== null && <> · {t(s.attendance.quorumMet ? 'session.quorum.met' : 'session.quorum.notMet')}</>}
      </p>
      <section aria-labelledby="current-item">
        <h2 id="current-item">{t('session.currentItem')}</h2>
        {item ? (
          <p className="item">
            {item.position}. {item.title}
          </p>
        ) : (
          <p>{t('session.noItem')}</p>
        )}
      </section>
    </>
  );
}
