import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedDate } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { Consultation, keys, Proposal, useAgencies, useConsultations } from './data';
import { Feedback } from './Feedback';
import { PT, usePT } from './i18n';
import { threads } from '../../components/threads';
import { dueAtOf } from './rules';

const ASPECTS = ['economic', 'legal', 'organisational'] as const;
type Aspect = (typeof ASPECTS)[number] | 'other';

const aspectName = (t: PT, a: string) => t(`proposal.aspect.${a}` as 'proposal.aspect.legal');
const positionName = (t: PT, p: string) => t(`proposal.position.${p}` as 'proposal.position.objects');

/**
 * The proposal's consultations that the caller may read (GET
 * /proposals/:id/consultations answers exactly those GET /consultations/:id
 * answers, so each links to its page): the agency, the version cited,
 * status, due date, aspects, question, the comments by aspect and the final
 * response, all from that one list (it carries each consultation's comments:
 * no request per consultation). The secretariat and the group's coordinator
 * open new ones. The proposal's authors reply to each of the agency's
 * comments, in thread.
 */
export function ConsultationsPanel({ p, mayOpen, mayReply }: { p: Proposal; mayOpen: boolean; mayReply: boolean }) {
  const t = usePT();
  const consultations = useConsultations(p.id);
  // The agencies' names, for the consultations shown and the form: none to ask for without either.
  const agencies = useAgencies((consultations.data?.length ?? 0) > 0 || mayOpen ? p.councilId : undefined);
  const nameOf = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '…';
  const list = consultations.data ?? [];
  return (
    <section className="card consultations-panel" aria-labelledby="p-cons-h" id="consultations">
      <h2 id="p-cons-h">{t('proposal.consultations')}</h2>
      {consultations.isPending && <p role="status">{t('proposal.loading')}</p>}
      {consultations.isSuccess && list.length === 0 && <p>{t('proposal.consultations.none')}</p>}
      {list.map((c) => (
        <ConsultationView key={c.id} c={c} proposalId={p.id} agency={nameOf(c.agencyId)} mayReply={mayReply} />
      ))}
      {mayOpen && <OpenForm p={p} agencies={agencies.data ?? []} />}
    </section>
  );
}

function ConsultationView({ c, proposalId, agency, mayReply }: { c: Consultation; proposalId: string; agency: string; mayReply: boolean }) {
  const t = usePT();
  // The proposal's list carries each consultation's comments (as GET /consultations/:id shows them to the caller).
  const comments = c.comments ?? [];
  const aspects: Aspect[] = [...new Set<Aspect>([...c.aspects, ...comments.map((x) => x.aspect)])];
  return (
    <article className="consultation" id={`consultation-${c.id}`} aria-labelledby={`c-${c.id}-h`}>
      <h3 id={`c-${c.id}-h`}>
        <Link to="/consultations/$consultationId" params={{ consultationId: c.id }}>
          {t('proposal.consultation.agency', { agency, version: c.version })}
        </Link>
      </h3>
      <p>
        <span className={`badge cons-${c.status}`}>{t(`proposal.consultation.status.${c.status}`)}</span> · {t('proposal.consultation.due')}{' '}
        <FormattedDate value={c.dueAt} dateStyle="medium" />
      </p>
      <p>{t('proposal.consultation.aspects', { aspects: c.aspects.map((a) => aspectName(t, a)).join(', ') })}</p>
      <p>{t('proposal.consultation.question', { question: c.question })}</p>
      {aspects.map((a) => {
        const mine = threads(comments.filter((x) => x.aspect === a));
        return (
          <div key={a} className="aspect">
            <h4>{aspectName(t, a)}</h4>
            {mine.length === 0 ? (
              <p className="muted">{t('proposal.consultation.noComments')}</p>
            ) : (
              <ul className="cons-threads">
                {mine.map(({ root, replies }) => (
                  <li key={root.id} id={`cc-${root.id}`}>
                    <CommentLine x={root} />
                    {replies.length > 0 && (
                      <ul className="cons-replies" aria-label={t('proposal.consultation.replies', { count: replies.length, name: root.authorName })}>
                        {replies.map((r) => (
                          <li key={r.id}>
                            <CommentLine x={r} />
                          </li>
                        ))}
                      </ul>
                    )}
                    {mayReply && root.authorKind === 'agency' && <ReplyForm proposalId={proposalId} consultationId={c.id} to={root} />}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {c.response ? (
        <div className="response">
          <h4>{t('proposal.consultation.response', { position: positionName(t, c.response.position) })}</h4>
          <p>{c.response.body}</p>
        </div>
      ) : (
        <p className="muted">{t('proposal.consultation.noResponse')}</p>
      )}
    </article>
  );
}

type ConsultationComment = NonNullable<Consultation['comments']>[number];

function CommentLine({ x }: { x: ConsultationComment }) {
  const t = usePT();
  return (
    <p className="cons-comment">
      <strong>{x.authorKind === 'author' ? t('proposal.consultation.reply') : x.position ? positionName(t, x.position) : ''}</strong> — {x.body}{' '}
      <span className="muted">
        ({x.authorName}, <FormattedDate value={x.createdAt} dateStyle="medium" />)
      </span>
    </p>
  );
}

/** "Reply" under one of the agency's comments: the authors' answer goes in its thread (POST …/comments with replyTo, on the same aspect). */
function ReplyForm({ proposalId, consultationId, to }: { proposalId: string; consultationId: string; to: ConsultationComment }) {
  const t = usePT();
  const id = useId();
  const qc = useQueryClient();
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [back, setBack] = useState(false);
  useEffect(() => {
    // Opening the form puts the caret in it; closing it gives the focus back to "Reply".
    if (open) field.current?.focus();
    else if (back) {
      opener.current?.focus();
      setBack(false);
    }
  }, [open, back]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setResult(null);
    try {
      unwrap(await api.POST('/api/v1/consultations/{consultationId}/comments', { params: { path: { consultationId } }, body: { aspect: to.aspect, body: body.trim(), replyTo: to.id } }));
      setBody('');
      setOpen(false);
      setBack(true);
      setResult({ ok: true, text: t('proposal.consultation.replied') });
      // The proposal's list holds the comments shown here; the consultation's own page, if it was read, is stale too (marked only: it is not on screen).
      await Promise.all([keys.consultations(proposalId), ['consultations', consultationId]].map((queryKey) => qc.invalidateQueries({ queryKey })));
    } catch (err) {
      setResult({ ok: false, text: t('proposal.consultation.replyFailed', { message: problemMessage(err instanceof ApiProblem ? err.problem : undefined, (err as Error).message) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cons-reply">
      {open ? (
        <form className="comment-form" onSubmit={(e) => void submit(e)} aria-label={t('proposal.consultation.replyTo', { name: to.authorName })}>
          <label htmlFor={`${id}-body`}>{t('proposal.consultation.replyField')}</label>
          <textarea id={`${id}-body`} ref={field} rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
          <div className="buttons">
            <button type="submit" disabled={busy || !body.trim()}>
              {t('proposal.consultation.sendReply')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setOpen(false);
                setBack(true);
                setResult(null);
              }}
            >
              {t('proposal.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          className="secondary"
          ref={opener}
          aria-label={t('proposal.consultation.replyTo', { name: to.authorName })}
          onClick={() => {
            setOpen(true);
            setResult(null);
          }}
        >
          {t('proposal.consultation.replyButton')}
        </button>
      )}
      <Feedback result={result} />
    </div>
  );
}

function OpenForm({ p, agencies }: { p: Proposal; agencies: { id: string; name: string }[] }) {
  const t = usePT();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [aspects, setAspects] = useState<string[]>([]);
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const toggle = (list: string[], set: (l: string[]) => void, v: string) => set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dueAt = dueAtOf(due, new Date());
    const missing = !chosen.length ? 'proposal.open.needAgency' : !aspects.length ? 'proposal.open.needAspect' : !question.trim() ? 'proposal.open.needQuestion' : !dueAt ? 'proposal.open.needFuture' : null;
    if (missing) {
      setResult({ ok: false, text: t(missing) });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const opened = unwrap(
        await api.POST('/api/v1/proposals/{proposalId}/consultations', {
          params: { path: { proposalId: p.id } },
          body: { agencyIds: chosen, aspects: aspects as ('economic' | 'legal' | 'organisational')[], question, dueAt: dueAt as string },
        }),
      );
      setResult({ ok: true, text: t('proposal.open.done', { count: opened.items.length }) });
      setChosen([]);
      setAspects([]);
      setQuestion('');
      setDue('');
      await Promise.all([keys.proposal(p.id), keys.trace(p.id), keys.consultations(p.id)].map((queryKey) => qc.invalidateQueries({ queryKey })));
    } catch (err) {
      setResult({ ok: false, text: t('proposal.open.failed', { message: problemMessage(err instanceof ApiProblem ? err.problem : undefined, (err as Error).message) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="open-form" onSubmit={(e) => void submit(e)} aria-labelledby="p-open-h" noValidate>
      <h3 id="p-open-h">{t('proposal.open.title')}</h3>
      <fieldset>
        <legend>{t('proposal.open.agencies')}</legend>
        {agencies.length === 0 && <p className="muted">{t('proposal.open.noAgencies')}</p>}
        {agencies.map((a) => (
          <label key={a.id} className="check">
            <input type="checkbox" checked={chosen.includes(a.id)} onChange={() => toggle(chosen, setChosen, a.id)} /> {a.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('proposal.open.aspects')}</legend>
        {ASPECTS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={aspects.includes(a)} onChange={() => toggle(aspects, setAspects, a)} /> {aspectName(t, a)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="p-open-q">{t('proposal.open.question')}</label>
      <textarea id="p-open-q" rows={3} value={question} onChange={(e) => setQuestion(e.target.value)} />
      <label htmlFor="p-open-due">{t('proposal.open.due')}</label>
      <input id="p-open-due" type="date" min={tomorrow} value={due} onChange={(e) => setDue(e.target.value)} />
      <button type="submit" disabled={busy}>
        {t('proposal.open.submit')}
      </button>
      <Feedback result={result} />
    </form>
  );
}
