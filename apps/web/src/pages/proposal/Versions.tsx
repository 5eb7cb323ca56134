import { memo, useEffect, useState } from 'react';
import { useIsFetching, useQuery } from '@tanstack/react-query';
import { FormattedDate } from 'react-intl';
import { api, unwrap } from '../../api/client';
import { DiffChunk, keys, Proposal } from './data';
import { usePT } from './i18n';
import { DiffFold, foldUnchanged, sideBySide, VersionMeta } from './rules';

/** How many versions the list shows at first (the newest), and how many more each time. */
const VERSIONS_STEP = 20;
/** Wide enough for the old and the new text side by side. */
const WIDE = '(min-width: 48rem)';

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const q = window.matchMedia(WIDE);
    const on = () => setWide(q.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return wide;
}

/** The versions, newest first, and the changes between any two of them (GET /diff); drawn again only when they change. */
export const VersionsPanel = memo(function VersionsPanel({ p, versions }: { p: Proposal; versions: VersionMeta[] | null }) {
  const t = usePT();
  const [limit, setLimit] = useState(VERSIONS_STEP);
  const numbers = versions ? versions.map((v) => v.version) : [];
  const last = numbers.length ? numbers[numbers.length - 1] : p.version;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const f = from ?? Math.max(numbers[0] ?? 1, last - 1);
  const tt = to ?? last;
  const newestFirst = versions ? [...versions].reverse() : [];
  const select = (label: string, value: number, set: (n: number) => void, id: string) => (
    <label className="inline-field" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {[...numbers].reverse().map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="card versions-panel" aria-labelledby="p-versions-h">
      <h2 id="p-versions-h">{t('proposal.versions')}</h2>
      {!versions && <p role="status">{t('proposal.loading')}</p>}
      <ol className="versions" reversed>
        {newestFirst.slice(0, limit).map((v) => (
          <li key={v.version} id={`version-${v.version}`}>
            <strong>{t('proposal.versions.item', { version: v.version })}</strong>
            {v.version === p.currentVersion && <span className="muted"> ({t('proposal.versions.current')})</span>} · <FormattedDate value={v.at} dateStyle="medium" timeStyle="short" />
          </li>
        ))}
      </ol>
      {newestFirst.length > limit && (
        <button type="button" className="secondary" onClick={() => setLimit((n) => n + VERSIONS_STEP)}>
          {t('proposal.versions.older', { count: Math.min(VERSIONS_STEP, newestFirst.length - limit) })}
        </button>
      )}
      {numbers.length > 1 && (
        <div className="diff" role="group" aria-labelledby="p-diff-h">
          <h3 id="p-diff-h">{t('proposal.diff')}</h3>
          <div className="diff-choice">
            {select(t('proposal.diff.from'), f, setFrom, 'p-diff-from')}
            {select(t('proposal.diff.to'), tt, setTo, 'p-diff-to')}
          </div>
          <Diff proposalId={p.id} from={f} to={tt} />
        </div>
      )}
    </section>
  );
});

function Diff({ proposalId, from, to }: { proposalId: string; from: number; to: number }) {
  const t = usePT();
  const wide = useWide();
  // The changes with a few lines around them; the unchanged rest on demand.
  const [whole, setWhole] = useState(false);
  // After the page's first reads (the comments come in pages): the diff sits below them, and its comparison is work for the server.
  const firstReads = useIsFetching({ queryKey: keys.comments(proposalId) });
  const diff = useQuery({
    queryKey: ['proposals', proposalId, 'diff', from, to],
    enabled: from !== to && firstReads === 0,
    queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}/diff', { params: { path: { proposalId }, query: { from, to } } })),
  });
  if (from === to) return <p>{t('proposal.diff.same')}</p>;
  if (!diff.data) return <p role="status">{diff.error ? diff.error.message : t('proposal.diff.loading')}</p>;
  const d = diff.data;
  const fields = (['title', 'summary', 'body'] as const).filter((k) => (d[k] ?? []).some((c) => c.op !== 'equal') || d.omitted.includes(k));
  const shown = Object.fromEntries(fields.map((k) => [k, d[k] && !whole ? foldUnchanged(d[k]) : d[k]]));
  const folds = fields.some((k) => shown[k]?.some((c) => c.op === 'fold'));
  return (
    <div aria-live="polite">
      <p>{t('proposal.diff.stats', { added: d.stats.added, removed: d.stats.removed })}</p>
      {d.tooDifferent && <p>{t('proposal.diff.tooDifferent')}</p>}
      {fields.length === 0 && <p>{t('proposal.diff.same')}</p>}
      {(folds || whole) && (
        <button type="button" className="secondary" aria-pressed={whole} onClick={() => setWhole((w) => !w)}>
          {t('proposal.diff.whole')}
        </button>
      )}
      {fields.map((k) => {
        const chunks = shown[k];
        const label = t(`proposal.field.${k}`);
        return (
          <div key={k} className="diff-field">
            <h4>{label}</h4>
            {chunks === null ? null : wide ? <SideBySide chunks={chunks} from={from} to={to} label={label} /> : <Inline chunks={chunks} />}
          </div>
        );
      })}
    </div>
  );
}

function SideBySide({ chunks, from, to, label }: { chunks: (DiffChunk | DiffFold)[]; from: number; to: number; label: string }) {
  const t = usePT();
  const rows = sideBySide(chunks);
  return (
    <table className="diff-table">
      <caption className="visually-hidden">{label}</caption>
      <thead>
        <tr>
          <th scope="col">{t('proposal.diff.old', { version: from })}</th>
          <th scope="col">{t('proposal.diff.new', { version: to })}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) =>
          r.op === 'fold' ? (
            <tr key={i} className="row-fold">
              <td colSpan={2}>{t('proposal.diff.unchanged', { count: r.count })}</td>
            </tr>
          ) : (
            <tr key={i} className={`row-${r.op}`}>
              <td className={r.left !== null && r.op !== 'equal' ? 'del' : undefined}>
                {r.left !== null && r.op !== 'equal' && <span className="visually-hidden">{t('proposal.diff.removed')}: </span>}
                {r.left}
              </td>
              <td className={r.right !== null && r.op !== 'equal' ? 'ins' : undefined}>
                {r.right !== null && r.op !== 'equal' && <span className="visually-hidden">{t('proposal.diff.added')}: </span>}
                {r.right}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function Inline({ chunks }: { chunks: (DiffChunk | DiffFold)[] }) {
  const t = usePT();
  return (
    <div className="diff-inline">
      {chunks.flatMap((c, i) =>
        c.op === 'fold' ? (
          <div key={i} className="line fold">
            {t('proposal.diff.unchanged', { count: c.count })}
          </div>
        ) : (
          c.lines.map((line, k) =>
            c.op === 'equal' ? (
              <div key={`${i}-${k}`} className="line">
                {line}
              </div>
            ) : c.op === 'added' ? (
              <ins key={`${i}-${k}`} className="line">
                <span aria-hidden="true">+ </span>
                <span className="visually-hidden">{t('proposal.diff.added')}: </span>
                {line}
              </ins>
            ) : (
              <del key={`${i}-${k}`} className="line">
                <span aria-hidden="true">− </span>
                <span className="visually-hidden">{t('proposal.diff.removed')}: </span>
                {line}
              </del>
            ),
          )
        ),
      )}
    </div>
  );
}
