import { FormattedNumber, useIntl } from 'react-intl';
import { useCouncilT } from './i18n';
import { formatDay, useComposition } from './useCouncilData';

/**
 * The composition on a day, by dimension: CSS bars for the eye (hidden from
 * assistive technology) beside a table with the same figures, which is what
 * a screen reader reads.
 */
export function CompositionPanel({ councilId, at, dimensions }: { councilId: string; at: string; dimensions: string[] }) {
  const t = useCouncilT();
  const intl = useIntl();
  const composition = useComposition(councilId, at, true);
  const data = composition.data;
  const dims = data ? [...new Set([...dimensions, ...Object.keys(data.dimensions)])] : [];
  return (
    <div className="council-composition" aria-busy={composition.isFetching}>
      <h3 id="council-composition">{t('council.composition')}</h3>
      <p role="status">
        {data && t('council.compositionOn', { date: formatDay(intl, data.at), count: data.total })}
      </p>
      {data?.total === 0 && <p>{t('council.noComposition')}</p>}
      {data &&
        data.total > 0 &&
        dims.map((dim) => {
          const values = Object.entries(data.dimensions[dim] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
          const max = Math.max(1, ...values.map(([, n]) => n));
          const caption = t('council.dimension', { dimension: dim });
          return (
            <figure key={dim} className="council-dimension">
              <figcaption>{caption}</figcaption>
              <div className="council-chart" aria-hidden="true">
                {values.map(([value, n]) => (
                  <div key={value} className="council-bar-row">
                    <span className="council-bar-label">{value}</span>
                    <span className="council-bar-track">
                      <span className="council-bar" style={{ width: `${(n / max) * 100}%` }} />
                    </span>
                    <span className="council-bar-count">{n}</span>
                  </div>
                ))}
              </div>
              <table className="council-table">
                <caption className="council-vh">{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('council.value')}</th>
                    <th scope="col">{t('council.count')}</th>
                    <th scope="col">{t('council.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {values.map(([value, n]) => (
                    <tr key={value}>
                      <th scope="row">{value}</th>
                      <td>{n}</td>
                      <td>
                        <FormattedNumber value={n / data.total} style="percent" maximumFractionDigits={0} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
          );
        })}
    </div>
  );
}
