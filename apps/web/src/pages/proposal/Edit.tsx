import { FormEvent, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { keys, Proposal, Version } from './data';
import { Feedback } from './Feedback';
import { usePT } from './i18n';

interface Draft {
  title: string;
  summary: string;
  body: string;
}

/**
 * A co-author's edit: PUT with If-Match naming the version it is based on. A
 * 412 (someone saved a version meanwhile) is not an error: their version and
 * this one stand side by side, to take theirs and re-apply one's changes, or
 * to keep one's own text on top of theirs.
 */
export function EditPanel({ p }: { p: Proposal }) {
  const t = usePT();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [base, setBase] = useState(p.currentVersion);
  const [draft, setDraft] = useState<Draft>({ title: p.title, summary: p.summary, body: p.body });
  const [theirs, setTheirs] = useState<Version | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);

  const start = () => {
    setBase(p.currentVersion);
    setDraft({ title: p.title, summary: p.summary, body: p.body });
    setTheirs(null);
    setResult(null);
    setOpen(true);
    requestAnimationFrame(() => titleRef.current?.focus());
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const saved = unwrap(await api.PUT('/api/v1/proposals/{proposalId}', { params: { path: { proposalId: p.id }, header: { 'If-Match': `"${base}"` } }, body: draft }));
      setOpen(false);
      setResult({ ok: true, text: t('proposal.saved', { version: saved.currentVersion }) });
      await Promise.all([keys.proposal(p.id), keys.versions(p.id), keys.trace(p.id)].map((queryKey) => qc.invalidateQueries({ queryKey })));
      requestAnimationFrame(() => editButton.current?.focus());
    } catch (err) {
      const problem = err instanceof ApiProblem ? (err.problem as ApiProblem['problem'] & { current?: Version | null }) : undefined;
      if (problem?.status === 412 && problem.current) {
        setTheirs(problem.current);
        requestAnimationFrame(() => conflictHeading.current?.focus());
      } else {
        setResult({ ok: false, text: t('proposal.saveFailed', { message: problemMessage(problem, (err as Error).message) }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const takeTheirs = () => {
    if (!theirs) return;
    setDraft({ title: theirs.title, summary: theirs.summary, body: theirs.body });
    setBase(theirs.version);
    setTheirs(null);
    setResult({ ok: true, text: t('proposal.conflict.taken') });
    requestAnimationFrame(() => titleRef.current?.focus());
  };
  const keepMine = () => {
    if (!theirs) return;
    setBase(theirs.version);
    setTheirs(null);
    setResult({ ok: true, text: t('proposal.conflict.kept', { version: theirs.version }) });
    requestAnimationFrame(() => titleRef.current?.focus());
  };

  const authorOf = (v: Version) => p.authors.find((a) => a.membershipId === v.authorMembershipId)?.fullName ?? t('proposal.conflict.someone');

  return (
    <section className="card edit-panel" aria-labelledby="p-edit-h">
      <h2 id="p-edit-h">{t('proposal.edit.title')}</h2>
      {!open && (
        <button type="button" ref={editButton} onClick={start}>
          {t('proposal.edit')}
        </button>
      )}
      {open && theirs && (
        <div className="conflict" role="group" aria-labelledby="p-conflict-h">
          <h3 id="p-conflict-h" ref={conflictHeading} tabIndex={-1}>
            {t('proposal.conflict.title')}
          </h3>
          <p>{t('proposal.conflict.explain', { version: theirs.version, name: authorOf(theirs) })}</p>
          <div className="side-by-side">
            <TextBox heading={t('proposal.conflict.theirs', { version: theirs.version })} text={theirs} id="p-theirs" />
            <TextBox heading={t('proposal.conflict.yours')} text={draft} id="p-yours" />
          </div>
          <div className="buttons">
            <button type="button" onClick={takeTheirs}>
              {t('proposal.conflict.takeTheirs')}
            </button>
            <button type="button" className="secondary" onClick={keepMine}>
              {t('proposal.conflict.keepMine')}
            </button>
          </div>
        </div>
      )}
      {open && (
        <form onSubmit={(e) => void save(e)} className="edit-form">
          <p className="muted">{t('proposal.edit.basedOn', { version: base })}</p>
          <label htmlFor="p-edit-title">{t('proposal.field.title')}</label>
          <input id="p-edit-title" ref={titleRef} value={draft.title} required onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          <label htmlFor="p-edit-summary">{t('proposal.field.summary')}</label>
          <textarea id="p-edit-summary" rows={3} value={draft.summary} required onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
          <label htmlFor="p-edit-body">{t('proposal.field.body')}</label>
          <textarea id="p-edit-body" rows={10} value={draft.body} required onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
          <div className="buttons">
            <button type="submit" disabled={busy || !!theirs}>
              {busy ? t('proposal.saving') : t('proposal.save')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('proposal.cancel')}
            </button>
          </div>
        </form>
      )}
      <Feedback result={result} />
    </section>
  );
}

function TextBox({ heading, text, id }: { heading: string; text: Draft; id: string }) {
  const t = usePT();
  return (
    <article className="text-box" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{heading}</h4>
      <p>
        <strong>{t('proposal.field.title')}:</strong> {text.title}
      </p>
      <p>
        <strong>{t('proposal.field.summary')}:</strong> {text.summary}
      </p>
      <p className="body-text">{text.body}</p>
    </article>
  );
}
