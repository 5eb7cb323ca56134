import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useImT } from './i18n';
import type { PlanItem } from './ImplementationPage';
import { Rollup, rollupBy } from './rollup';

/** Progress per responsible agency and per reform package, rolled up in the browser from the items (rollup.ts). */
export function ProgressPanel({ items, agencyName, packageName }: { items: PlanItem[] | undefined; agencyName: (id: string) => string; packageName: (id: string | null) => string | null }) {
  const t = useImT();
  const id = useId();
  if (!items) return null;
  const byAgency = rollupBy(items, (i) => i.responsibleAgencyId);
  const byPackage = rollupBy(items, (i) => i.reformPackageId);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('implementation.progress.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('implementation.progress.none')}</p>
      ) : (
        <>
          <p className="muted">{t('implementation.progress.explain')}</p>
          <RollupTable caption={t('implementation.progress.byAgency')} rows={[...byAgency].map(([k, r]) => ({ key: k ?? '', name: agencyName(k ?? ''), r }))} />
          <RollupTable caption={t('implementation.progress.byPackage')} rows={[...byPackage].map(([k, r]) => ({ key: k ?? 'none', name: packageName(k) ?? t('implementation.progress.noPackage'), r }))} />
        </>
      )}
    </section>
  );
}

function RollupTable({ caption, rows }: { caption: string; rows: { key: string; name: string; r: Rollup }[] }) {
  const t = useImT();
  const intl = useIntl();
  const pct = (v: number | null, scale = 1) => (v === null ? '—' : intl.formatNumber((v * scale) / 100, { style: 'percent', maximumFractionDigits: 0 }));
  return (
    // Scrolls sideways on a phone: focusable, so a keyboard can scroll it too (WCAG 2.1.1).
    <div className="im-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="im-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('implementation.progress.name')}</th>
            <th scope="col">{t('implementation.progress.items')}</th>
            <th scope="col">{t('implementation.progress.inForce')}</th>
            <th scope="col">{t('implementation.progress.share')}</th>
            <th scope="col">{t('implementation.progress.mean')}</th>
            <th scope="col">{t('implementation.progress.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, r }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              <td>{r.items}</td>
              <td>{r.inForce}</td>
              <td>{pct(r.shareInForce, 100)}</td>
              <td>
                <span className="im-bar" aria-hidden="true">
                  <span style={{ width: `${r.progress ?? 0}%` }} />
                </span>
                {pct(r.progress)}
              </td>
              <td className={r.overdue ? 'im-overdue-count' : undefined}>{r.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
