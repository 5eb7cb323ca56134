import { memo, useMemo, useState } from 'react';
import { FormattedDate } from 'react-intl';
import { Proposal, TraceEntry } from './data';
import { usePT } from './i18n';
import { foldVersionRuns } from './rules';
import { traceText } from './trace-text';

/** The proposal's lineage as a timeline: each entry in words (the page's language), linking what it refers to (drawn again only when they change). */
export const TracePanel = memo(function TracePanel({ p, trace }: { p: Proposal; trace: TraceEntry[] | null }) {
  const t = usePT();
  // Long runs of versions folded until asked for (the versions list has them all).
  const [whole, setWhole] = useState(false);
  const items = useMemo(() => (whole ? (trace ?? []) : foldVersionRuns(trace ?? [])), [trace, whole]);
  return (
    <section className="card trace-panel" aria-labelledby="p-trace-h">
      <h2 id="p-trace-h">{t('proposal.trace')}</h2>
      {!trace && <p role="status">{t('proposal.loading')}</p>}
      {trace?.length === 0 && <p>{t('proposal.trace.none')}</p>}
      <ol className="timeline">
        {items.map((e, i) => {
          if ('fold' in e)
            return (
              <li key={i} className="trace-fold">
                <button type="button" className="link" onClick={() => setWhole(true)}>
                  {t('proposal.trace.moreVersions', { count: e.fold })}
                </button>
              </li>
            );
          const { kind, link, sentence, detail, detailLang } = traceText(t, e);
          return (
            <li key={i} className={`trace-${kind}`}>
              <p className="when">
                <FormattedDate value={e.at} dateStyle="medium" timeStyle="short" />
              </p>
              <p className="what">
                {link?.kind === 'section' ? (
                  <a href={`#${link.hash}`}>{sentence}</a>
                ) : link?.kind === 'page' ? (
                  <a href={link.href}>{sentence}</a>
                ) : link?.kind === 'implementation' ? (
                  <a href={`/councils/${p.councilId}/implementation`}>{sentence}</a>
                ) : (
                  sentence
                )}
              </p>
              {detail && (
                <p className="detail muted" lang={detailLang ?? undefined}>
                  {detail}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
