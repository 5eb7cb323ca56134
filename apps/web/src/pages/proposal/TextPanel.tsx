import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedDate } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { Comment, keys, Proposal, useVersionTexts, Version } from './data';
import { Feedback } from './Feedback';
import { PassageDialog } from '../../components/PassageDialog';
import { usePT } from './i18n';
import { Anchor, segments, selectionAnchor, VersionMeta } from './rules';

/** How many comments show at first, and how many more each time (a long thread stays quick on a phone). */
const COMMENTS_STEP = 50;

interface Text {
  version: number;
  title: string;
  summary: string;
  body: string;
}

/**
 * The text of one version (the current one first) with the spans that
 * comments are anchored to highlighted, and the comments beside it (under it
 * on a phone). Selecting words of the body and "Comment on the selection"
 * anchors a comment to them: {version, start, end} in that version's body.
 * By keyboard, "Choose a passage" opens the text in a field where the caret
 * and Shift select it (components/PassageDialog); the passage chosen is announced, and
 * the comment field, which it then describes, takes the focus.
 */
export function TextPanel({ p, versions, comments, commentsLoading, mayComment }: { p: Proposal; versions: VersionMeta[] | null; comments: Comment[] | null | undefined; commentsLoading: boolean; mayComment: boolean }) {
  const t = usePT();
  const [shown, setShown] = useState(p.version);
  const [limit, setLimit] = useState(COMMENTS_STEP);
  // The texts needed besides the proposal's own: the version picked, and those that the comments shown quote.
  const needed = useMemo(() => {
    const quoted = (comments ?? []).slice(0, limit).flatMap((c) => (c.anchor && c.anchor.version !== p.version ? [c.anchor.version] : []));
    return [...new Set([...(shown !== p.version ? [shown] : []), ...quoted])].sort((a, b) => a - b);
  }, [comments, limit, shown, p.version]);
  const fetched = useVersionTexts(p.id, needed);
  const byNumber = useMemo(() => new Map(fetched.flatMap((q) => (q.data ? [[q.data.version, q.data] as const] : []))), [fetched]);
  const other = byNumber.get(shown);
  const text: Text = shown === p.version || !other ? p : other;
  const anchored = useMemo(() => (comments ?? []).filter((c) => c.anchor && c.anchor.version === text.version), [comments, text.version]);
  const parts = useMemo(() => segments(text.body, anchored.map((c) => ({ id: c.id, start: c.anchor!.start, end: c.anchor!.end }))), [text.body, anchored]);

  const bodyRef = useRef<HTMLDivElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const [selection, setSelection] = useState<{ anchor: Anchor; quote: string } | null>(null);
  const [anchor, setAnchor] = useState<{ anchor: Anchor; quote: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [focusField, setFocusField] = useState(false);
  useEffect(() => {
    // After the dialog has closed (its own effect runs first and gives the focus back to its opener).
    if (!focusField) return;
    setFocusField(false);
    fieldRef.current?.focus();
  }, [focusField]);
  useEffect(() => {
    setSelection(null);
    const onChange = () => {
      const sel = document.getSelection();
      const el = bodyRef.current;
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !el) return;
      const r = sel.getRangeAt(0);
      if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return;
      const before = document.createRange();
      before.selectNodeContents(el);
      before.setEnd(r.startContainer, r.startOffset);
      const a = selectionAnchor(text.version, before.toString(), r.toString());
      if (a) setSelection({ anchor: a, quote: text.body.slice(a.start, a.end) });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [text.version, text.body]);

  const numbers = versions?.length ? versions.map((v) => v.version).reverse() : [p.version];
  return (
    <>
      <section className="card text-panel" aria-labelledby="p-text-h">
        <h2 id="p-text-h">{t('proposal.text')}</h2>
        <label className="inline-field">
          <span>{t('proposal.showVersion')}</span>
          <select value={shown} onChange={(e) => setShown(Number(e.target.value))}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {t('proposal.versions.item', { version: n })}
              </option>
            ))}
          </select>
        </label>
        {shown !== p.version && <p className="version-title">{text.title}</p>}
        <h3>{t('proposal.summary')}</h3>
        <p className="summary">{text.summary}</p>
        <h3 id="p-body-h">{t('proposal.body')}</h3>
        <div className="body-text" ref={bodyRef} aria-labelledby="p-body-h" role="region">
          {parts.map((s) =>
            s.ids.length ? (
              <mark key={s.start} data-comments={s.ids.join(' ')}>
                {s.text}
              </mark>
            ) : (
              <span key={s.start}>{s.text}</span>
            ),
          )}
        </div>
        {mayComment && (
          <div className="selection-bar">
            <p className="muted" aria-live="polite">
              {selection ? t('proposal.selected', { quote: clip(selection.quote) }) : t('proposal.selectHint')}
            </p>
            <button
              type="button"
              disabled={!selection}
              onClick={() => {
                setAnchor(selection);
                fieldRef.current?.focus();
              }}
            >
              {t('proposal.commentOnSelection')}
            </button>
            <button type="button" className="secondary" aria-haspopup="dialog" onClick={() => setPicking(true)}>
              {t('proposal.passage.open')}
            </button>
            <PassageDialog
              open={picking}
              text={text.body}
              words={{
                title: t('proposal.passage.title'),
                help: t('proposal.passage.help'),
                field: t('proposal.passage.field', { version: text.version }),
                none: t('proposal.passage.none'),
                selected: (quote) => t('proposal.selected', { quote }),
                use: t('proposal.passage.use'),
                cancel: t('proposal.cancel'),
              }}
              onClose={() => setPicking(false)}
              onChoose={({ start, end, quote }) => {
                setAnchor({ anchor: { version: text.version, start, end }, quote });
                setPicking(false);
                setFocusField(true);
              }}
            />
          </div>
        )}
      </section>
      <CommentsPanel p={p} limit={limit} setLimit={setLimit} comments={comments} loading={commentsLoading} byNumber={byNumber} shown={text.version} mayComment={mayComment} anchor={anchor} setAnchor={setAnchor} fieldRef={fieldRef} />
    </>
  );
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

function CommentsPanel({
  p,
  limit,
  setLimit,
  comments,
  loading,
  byNumber,
  shown,
  mayComment,
  anchor,
  setAnchor,
  fieldRef,
}: {
  p: Proposal;
  limit: number;
  setLimit: (f: (n: number) => number) => void;
  comments: Comment[] | null | undefined;
  loading: boolean;
  byNumber: Map<number, Version>;
  shown: number;
  mayComment: boolean;
  anchor: { anchor: Anchor; quote: string } | null;
  setAnchor: (a: null) => void;
  fieldRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const t = usePT();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const bodyOf = (n: number) => (n === p.version ? p.body : byNumber.get(n)?.body);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setResult(null);
    try {
      unwrap(await api.POST('/api/v1/proposals/{proposalId}/comments', { params: { path: { proposalId: p.id } }, body: { body, ...(anchor ? { anchor: anchor.anchor } : {}) } }));
      setBody('');
      setAnchor(null);
      setResult({ ok: true, text: t('proposal.comment.posted') });
      await qc.invalidateQueries({ queryKey: keys.comments(p.id) });
    } catch (err) {
      setResult({ ok: false, text: t('proposal.comment.failed', { message: problemMessage(err instanceof ApiProblem ? err.problem : undefined, (err as Error).message) }) });
    } finally {
      setBusy(false);
    }
  };

  const list = comments ?? [];
  return (
    <section className="card comments-panel" aria-labelledby="p-comments-h">
      <h2 id="p-comments-h">
        {t('proposal.comments')} {comments && <span className="muted">({t('proposal.comments.count', { count: list.length })})</span>}
      </h2>
      {comments === null && <p>{t('proposal.comments.hidden')}</p>}
      {loading && <p role="status">{t('proposal.loading')}</p>}
      {comments && list.length === 0 && <p>{t('proposal.comments.none')}</p>}
      {mayComment && (
        <form onSubmit={(e) => void submit(e)} className="comment-form">
          {/* Announced when a passage is chosen, and read again with the field it describes. */}
          <p className="anchor-line" role="status" id="p-comment-anchor">
            {anchor ? t('proposal.comment.anchor', { quote: clip(anchor.quote) }) : ''}
          </p>
          {anchor && (
            <p className="anchor-drop">
              <button type="button" className="link" onClick={() => setAnchor(null)}>
                {t('proposal.comment.dropAnchor')}
              </button>
            </p>
          )}
          <label htmlFor="p-comment">{t('proposal.comment.field')}</label>
          <textarea id="p-comment" ref={fieldRef} rows={3} value={body} onChange={(e) => setBody(e.target.value)} required aria-describedby={anchor ? 'p-comment-anchor' : undefined} />
          <button type="submit" disabled={busy || !body.trim()}>
            {t('proposal.comment.post')}
          </button>
          <Feedback result={result} />
        </form>
      )}
      <ol className="comments">
        {list.slice(0, limit).map((c) => {
          const source = c.anchor ? bodyOf(c.anchor.version) : undefined;
          const quote = c.anchor && source !== undefined ? source.slice(c.anchor.start, c.anchor.end) : null;
          return (
            <li key={c.id} className="comment">
              <p className="muted">
                {c.authorName}, <FormattedDate value={c.createdAt} dateStyle="medium" timeStyle="short" />
              </p>
              {c.anchor && (
                <p className="quote">
                  {t('proposal.comment.onVersion', { version: c.anchor.version })}{' '}
                  {c.anchor.version === shown ? <mark>{quote !== null ? clip(quote) : '…'}</mark> : <q>{quote !== null ? clip(quote) : '…'}</q>}
                </p>
              )}
              <p className="comment-body">{c.body}</p>
            </li>
          );
        })}
      </ol>
      {list.length > limit && (
        <button type="button" className="secondary" onClick={() => setLimit((n) => n + COMMENTS_STEP)}>
          {t('proposal.comments.more', { count: Math.min(COMMENTS_STEP, list.length - limit) })}
        </button>
      )}
    </section>
  );
}
