import { FormEvent, RefObject, useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { PassageDialog } from '../../components/PassageDialog';
import { threads } from '../../components/threads';
import { NotFoundState } from '../NotFound';
import { problemMessage } from '../session/console/problems';
import { ConsultationsIntl, useCsT } from './i18n';
import { anchorSegments, Span } from './inbox';
import { useMe } from './useMe';
import './consultations.css';

const POSITIONS = ['supports', 'supports_with_conditions', 'objects', 'needs_information'] as const;
type Position = (typeof POSITIONS)[number];
type Aspect = 'economic' | 'legal' | 'organisational' | 'other';

/** One consultation: the cited version with its anchors, the question, the comments, the final response. */
export default function ConsultationPage() {
  return (
    <Layout>
      <ConsultationsIntl>
        <Consultation />
      </ConsultationsIntl>
    </Layout>
  );
}

function useConsultation(consultationId: string) {
  return useQuery({
    queryKey: ['consultations', consultationId],
    queryFn: async () => unwrap(await api.GET('/api/v1/consultations/{consultationId}', { params: { path: { consultationId } } })),
  });
}

function Consultation() {
  const t = useCsT();
  const intl = useIntl();
  const { consultationId } = useParams({ strict: false }) as { consultationId: string };
  const c = useConsultation(consultationId);
  const me = useMe();
  const version = useQuery({
    queryKey: ['proposals', c.data?.proposalId, 'versions', c.data?.version],
    enabled: !!c.data,
    queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}/versions/{n}', { params: { path: { proposalId: c.data!.proposalId, n: String(c.data!.version) } } })),
  });
  const textRef = useRef<HTMLDivElement>(null);
  const selection = useSelectionIn(textRef);

  if (c.error && [400, 403, 404].includes((c.error as ApiProblem).status)) return <NotFoundState />;
  if (c.error) return <p role="alert">{t('consultations.error', { message: c.error.message })}</p>;
  if (!c.data || !version.data) {
    return (
      <>
        <h1>{t('consultations.title')}</h1>
        <p role="status">{t('consultations.loading')}</p>
      </>
    );
  }
  const data = c.data;
  const body = version.data.body;
  const comments = data.comments ?? [];
  const anchored = comments.filter((k) => k.anchor && k.anchor.version === data.version);
  const segments = anchorSegments(
    body,
    anchored.map((k) => k.anchor as Span),
  );
  const canAnswer = (me.data?.memberships ?? []).some((m) => m.roles.includes('agency_rep') && m.agencyId === data.agencyId);
  const date = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const quote = (s: Span) => {
    const q = body.slice(s.start, s.end);
    return q.length > 80 ? `${q.slice(0, 77)}…` : q;
  };
  const aspects = data.aspects as Aspect[];
  return (
    <div className="cs-one">
      <p>
        <Link to="/consultations">{t('consultations.back')}</Link>
      </p>
      <h1>{t('consultations.one.title', { title: version.data.title })}</h1>

      <section className="card" aria-labelledby="cs-q-h">
        <h2 id="cs-q-h">{t('consultations.one.question')}</h2>
        <p className="cs-question">{data.question}</p>
        <ul className="cs-facts">
          <li>{t('consultations.one.aspects', { aspects: aspects.map((a) => t(`consultations.aspect.${a}`)).join(', ') })}</li>
          <li>{t('consultations.one.dueAt', { date: date(data.dueAt) })}</li>
          <li>
            {t('consultations.one.status', { status: t(`consultations.status.${data.status}`) })}
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="cs-text-h">
        <h2 id="cs-text-h">{t('consultations.one.text', { version: data.version })}</h2>
        <h3>{t('consultations.one.summary')}</h3>
        <p className="cs-summary">{version.data.summary}</p>
        <p className="muted" id="cs-hint">
          {t('consultations.one.anchorHint')}
        </p>
        <div className="cs-body" ref={textRef} aria-describedby="cs-hint">
          {segments.map((s) =>
            s.anchors.length ? (
              <mark key={s.start} data-start={s.start}>
                {s.text}
              </mark>
            ) : (
              <span key={s.start}>{s.text}</span>
            ),
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="cs-comments-h">
        <h2 id="cs-comments-h">{t('consultations.one.comments')}</h2>
        {comments.length === 0 && <p className="muted">{t('consultations.one.noComments')}</p>}
        {aspects
          .concat((['economic', 'legal', 'organisational', 'other'] as Aspect[]).filter((a) => !aspects.includes(a) && comments.some((k) => k.aspect === a)))
          .map((aspect) => {
            const of = threads(comments.filter((k) => k.aspect === aspect));
            if (!of.length) return null;
            // The agency's comments by position, each with the authors' replies under it.
            const byPosition = [...POSITIONS, null].map((p) => ({ p, list: of.filter((k) => (k.root.position ?? null) === p) })).filter((g) => g.list.length);
            return (
              <section key={aspect} aria-labelledby={`cs-a-${aspect}`}>
                <h3 id={`cs-a-${aspect}`}>{t(`consultations.aspect.${aspect}`)}</h3>
                {byPosition.map(({ p, list }) => (
                  <div key={p ?? 'reply'}>
                    <h4>{p ? t(`consultations.position.${p}`) : t('consultations.one.reply')}</h4>
                    <ul className="cs-comments">
                      {list.map(({ root: k, replies }) => (
                        <li key={k.id}>
                          <p className="muted">{t('consultations.one.by', { name: k.authorName, date: date(k.createdAt) })}</p>
                          {k.anchor && <p className="cs-quote">{t('consultations.one.on', { quote: quote(k.anchor) })}</p>}
                          <p className="cs-text">{k.body}</p>
                          {replies.length > 0 && (
                            <ul className="cs-replies" aria-label={t('consultations.one.replies', { count: replies.length })}>
                              {replies.map((r) => (
                                <li key={r.id}>
                                  <p className="muted">{t('consultations.one.replyBy', { name: r.authorName, date: date(r.createdAt) })}</p>
                                  <p className="cs-text">{r.body}</p>
                                </li>
                              ))}
                            </ul>
                          )}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            );
          })}
      </section>

      {canAnswer && <CommentForm consultationId={data.id} version={data.version} text={body} aspects={aspects} selection={selection} quote={quote} />}

      <section className="card" aria-labelledby="cs-resp-h">
        <h2 id="cs-resp-h">{t('consultations.response.title')}</h2>
        {data.response ? (
          <>
            <p>
              <strong>{t('consultations.response.given', { position: t(`consultations.position.${data.response.position}`), date: date(data.response.createdAt) })}</strong>
            </p>
            <p className="cs-text">{data.response.body}</p>
          </>
        ) : canAnswer ? (
          <ResponseForm consultationId={data.id} />
        ) : (
          <p className="muted">{t('consultations.response.none')}</p>
        )}
      </section>
    </div>
  );
}

/** The last non-empty selection inside the cited text, as offsets into it (the text's pieces join back to it exactly). */
function useSelectionIn(ref: RefObject<HTMLDivElement | null>): Span | null {
  const [span, setSpan] = useState<Span | null>(null);
  useEffect(() => {
    const onChange = () => {
      const el = ref.current;
      const sel = document.getSelection();
      if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      const r = sel.getRangeAt(0);
      if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return;
      const before = document.createRange();
      before.selectNodeContents(el);
      before.setEnd(r.startContainer, r.startOffset);
      const start = before.toString().length;
      const end = start + r.toString().length;
      if (end > start) setSpan({ start, end });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [ref]);
  return span;
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function FeedbackLine({ feedback }: { feedback: Feedback }) {
  return (
    <>
      <p role="status" className="cs-ok">
        {feedback?.kind === 'ok' ? feedback.text : ''}
      </p>
      <p role="alert" className="problem">
        {feedback?.kind === 'error' ? feedback.text : ''}
      </p>
    </>
  );
}

function CommentForm({ consultationId, version, text, aspects, selection, quote }: { consultationId: string; version: number; text: string; aspects: Aspect[]; selection: Span | null; quote: (s: Span) => string }) {
  const t = useCsT();
  const id = useId();
  const qc = useQueryClient();
  const [aspect, setAspect] = useState<Aspect>(aspects[0] ?? 'other');
  const [position, setPosition] = useState<Position>('supports');
  const [body, setBody] = useState('');
  const [anchor, setAnchor] = useState<Span | null>(null);
  const [noSelection, setNoSelection] = useState(false);
  // The keyboard's way to a passage (components/PassageDialog); the focus then goes to the comment.
  const [picking, setPicking] = useState(false);
  const [focusBody, setFocusBody] = useState(false);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusBody) return;
    setFocusBody(false);
    bodyField.current?.focus();
  }, [focusBody]);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/consultations/{consultationId}/comments', {
          params: { path: { consultationId } },
          body: { aspect, position, body: body.trim(), ...(anchor ? { anchor: { version, ...anchor } } : {}) },
        }),
      ),
    onSuccess: async () => {
      setBody('');
      setAnchor(null);
      setFeedback({ kind: 'ok', text: t('consultations.form.added') });
      await qc.invalidateQueries({ queryKey: ['consultations', consultationId] });
    },
    onError: (e) => setFeedback({ kind: 'error', text: t('consultations.form.failed', { message: problemMessage((e as ApiProblem).problem, e.message) }) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setFeedback(null);
    send.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('consultations.form.title')}</h2>
      <form className="cs-form" aria-labelledby={`${id}-h`} onSubmit={submit}>
        <div className="cs-field">
          <label htmlFor={`${id}-aspect`}>{t('consultations.form.aspect')}</label>
          <select id={`${id}-aspect`} value={aspect} onChange={(e) => setAspect(e.target.value as Aspect)}>
            {aspects.map((a) => (
              <option key={a} value={a}>
                {t(`consultations.aspect.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="cs-field">
          <label htmlFor={`${id}-position`}>{t('consultations.form.position')}</label>
          <select id={`${id}-position`} value={position} onChange={(e) => setPosition(e.target.value as Position)}>
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {t(`consultations.position.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="cs-field">
          <label htmlFor={`${id}-body`}>{t('consultations.form.body')}</label>
          <textarea id={`${id}-body`} ref={bodyField} required rows={4} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={anchor ? `${id}-anchored` : undefined} />
        </div>
        <div className="cs-anchor">
          {/* Announced when a passage is chosen, and read again with the comment it describes. */}
          <p role="status" id={`${id}-anchored`} className="cs-anchored">
            {anchor ? t('consultations.form.anchored', { quote: quote(anchor) }) : ''}
          </p>
          {anchor ? (
            <>
              <button type="button" className="cs-btn" onClick={() => setAnchor(null)}>
                {t('consultations.form.clearAnchor')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="cs-btn"
                onClick={() => {
                  setNoSelection(!selection);
                  if (selection) setAnchor(selection);
                }}
              >
                {t('consultations.form.useSelection')}
              </button>
              <button type="button" className="cs-btn" aria-haspopup="dialog" onClick={() => setPicking(true)}>
                {t('consultations.passage.open')}
              </button>
              {noSelection && <p className="muted">{t('consultations.form.noSelection')}</p>}
            </>
          )}
        </div>
        <PassageDialog
          open={picking}
          text={text}
          words={{
            title: t('consultations.passage.title'),
            help: t('consultations.passage.help'),
            field: t('consultations.passage.field', { version }),
            none: t('consultations.passage.none'),
            selected: (q) => t('consultations.passage.selected', { quote: q }),
            use: t('consultations.passage.use'),
            cancel: t('consultations.passage.cancel'),
          }}
          onClose={() => setPicking(false)}
          onChoose={({ start, end }) => {
            setAnchor({ start, end });
            setNoSelection(false);
            setPicking(false);
            setFocusBody(true);
          }}
        />
        <button type="submit" className="primary" disabled={send.isPending}>
          {t('consultations.form.submit')}
        </button>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}

function ResponseForm({ consultationId }: { consultationId: string }) {
  const t = useCsT();
  const id = useId();
  const qc = useQueryClient();
  const [position, setPosition] = useState<Position>('supports');
  const [body, setBody] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const send = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/consultations/{consultationId}/response', { params: { path: { consultationId } }, body: { position, body: body.trim() } })),
    onSuccess: async () => {
      setFeedback({ kind: 'ok', text: t('consultations.response.sent') });
      await qc.invalidateQueries({ queryKey: ['consultations', consultationId] });
      await qc.invalidateQueries({ queryKey: ['agencies'] });
    },
    onError: async (e) => {
      setFeedback({ kind: 'error', text: t('consultations.response.failed', { message: problemMessage((e as ApiProblem).problem, e.message) }) });
      // Answered meanwhile (409): show the response that stands.
      if ((e as ApiProblem).status === 409) await qc.invalidateQueries({ queryKey: ['consultations', consultationId] });
    },
  });
  return (
    <form
      className="cs-form"
      aria-labelledby="cs-resp-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) return;
        setFeedback(null);
        send.mutate();
      }}
    >
      <p className="muted">{t('consultations.response.once')}</p>
      <div className="cs-field">
        <label htmlFor={`${id}-position`}>{t('consultations.response.position')}</label>
        <select id={`${id}-position`} value={position} onChange={(e) => setPosition(e.target.value as Position)}>
          {POSITIONS.map((p) => (
            <option key={p} value={p}>
              {t(`consultations.position.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="cs-field">
        <label htmlFor={`${id}-body`}>{t('consultations.response.body')}</label>
        <textarea id={`${id}-body`} required rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('consultations.response.submit')}
      </button>
      <FeedbackLine feedback={feedback} />
    </form>
  );
}
