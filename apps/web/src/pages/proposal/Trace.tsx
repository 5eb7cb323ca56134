import { memo, useMemo, useState } from 'react';
import { FormattedDate } from 'react-intl';
import { Proposal, TraceEntry } from './data';
import { usePT } from './i18n';
import { foldVersionRuns, traceWords } from './rules';
import { statusName } from './status';

/** The proposal's lineage as a timeline: each entry in words, linking what it refers to (drawn again only when they change). */
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
          const w = traceWords(e);
          const sentence =
            w.kind === 'version' && w.version !== undefined
              ? t('proposal.trace.version', { version: w.version })
              : w.kind === 'transition'
                ? w.from && w.to
                  ? t('proposal.trace.transition', { from: statusName(t, w.from), to: statusName(t, w.to) })
                  : t('proposal.trace.transitionPlain')
                : w.kind === 'created' && e.ref.type === 'petition'
                  ? t('proposal.trace.createdFromPetition')
                  : t(`proposal.trace.${w.kind}` as 'proposal.trace.created');
          const link = w.link;
          return (
            <li key={i} className={`trace-${w.kind}`}>
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
              {w.kind !== 'version' && (w.kind !== 'transition' || w.why) && (
                <p className="detail muted" lang="en">
                  {w.kind === 'transition' ? w.why : e.summary}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
});
