import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { failure, Feedback, Status } from './Status';
import { useImT } from './i18n';
import type { PlanItem } from './ImplementationPage';
import { itemProgress, nextStages, PlanStage } from './rollup';

interface Props {
  councilId: string;
  item: PlanItem;
  agency: string;
  reformPackage: string | null;
  mayUpdate: boolean;
  /** The council's reform packages when the caller may file the item under one (the secretariat), else null. */
  packages: { id: string; title: string }[] | null;
  formatDay: (day: string) => string;
}

/**
 * One plan item: its stage, agency, due date and progress; its history as a timeline; the update form for those who
 * may post one; and, for the secretariat, the reform package it is filed under, to change.
 */
export function ItemCard({ councilId, item, agency, reformPackage, mayUpdate, packages, formatDay }: Props) {
  const t = useImT();
  const intl = useIntl();
  const id = useId();
  const [open, setOpen] = useState(false);
  const progress = item.stage === 'cancelled' ? null : itemProgress(item);
  return (
    <article className={`im-item${item.overdue ? ' im-item-overdue' : ''}`} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{item.title}</h3>
      <ul className="im-facts">
        <li>
          <span className={`im-stage im-stage-${item.stage}`}>{t('implementation.item.stage', { stage: t(`implementation.stage.${item.stage}`) })}</span>
          {item.overdue && <strong className="im-overdue"> {t('implementation.item.overdue')}</strong>}
        </li>
        <li>{t('implementation.item.agency', { agency })}</li>
        <li>{t('implementation.item.deliverable', { kind: t(`implementation.deliverable.${item.deliverable as 'other'}`) })}</li>
        <li>{t('implementation.item.due', { date: formatDay(item.dueOn) })}</li>
        {progress !== null && <li>{t('implementation.item.progress', { value: intl.formatNumber(progress / 100, { style: 'percent', maximumFractionDigits: 0 }) })}</li>}
        {item.legalActRef && <li>{t('implementation.item.legalAct', { ref: item.legalActRef })}</li>}
        {reformPackage && <li>{t('implementation.item.package', { name: reformPackage })}</li>}
      </ul>
      {packages && packages.length > 0 && <PackageForm councilId={councilId} item={item} packages={packages} headingId={`${id}-h`} />}
      <button type="button" className="im-btn" aria-expanded={open} aria-controls={`${id}-more`} onClick={() => setOpen(!open)}>
        {t('implementation.item.history', { title: item.title })}
      </button>
      <div id={`${id}-more`} hidden={!open}>
        {open && <History itemId={item.id} formatDay={formatDay} />}
        {open && mayUpdate && <UpdateForm councilId={councilId} item={item} />}
      </div>
    </article>
  );
}

/**
 * The secretariat files the item under another reform package, or under none
 * (PATCH /plan-items/:itemId). Any stage may move, in force and cancelled too:
 * the package is bookkeeping, not a stage. The progress tables roll up from the
 * item list, which takes the answer at once.
 */
function PackageForm({ councilId, item, packages, headingId }: { councilId: string; item: PlanItem; packages: { id: string; title: string }[]; headingId: string }) {
  const t = useImT();
  const id = useId();
  const qc = useQueryClient();
  const current = item.reformPackageId ?? '';
  // null: untouched, the select shows where the item is now.
  const [choice, setChoice] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const chosen = choice ?? current;
  const move = useMutation({
    mutationFn: async (reformPackageId: string | null) => unwrap(await api.PATCH('/api/v1/plan-items/{itemId}', { params: { path: { itemId: item.id } }, body: { reformPackageId } })),
    onSuccess: async (saved) => {
      const name = packages.find((p) => p.id === saved.reformPackageId)?.title;
      setChoice(null);
      setFeedback({ ok: true, text: name ? t('implementation.move.done', { title: item.title, name }) : t('implementation.move.doneNone', { title: item.title }) });
      qc.setQueryData<PlanItem[]>(['councils', councilId, 'plan-items'], (items) => items?.map((i) => (i.id === saved.id ? ({ ...i, ...saved } as PlanItem) : i)));
      await qc.invalidateQueries({ queryKey: ['councils', councilId, 'plan-items'] });
    },
    onError: (e) => setFeedback({ ok: false, text: failure(t, e) }),
  });
  return (
    <form
      className="im-pkg"
      aria-label={t('implementation.move.title', { title: item.title })}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen === current) return;
        setFeedback(null);
        move.mutate(chosen || null);
      }}
    >
      <div className="im-field">
        <label id={`${id}-l`} htmlFor={`${id}-pkg`}>
          {t('implementation.move.package')}
        </label>
        {/* Named by its label and the item's title: every card has one. */}
        <select id={`${id}-pkg`} aria-labelledby={`${id}-l ${headingId}`} value={chosen} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('implementation.move.none')}</option>
          {packages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="im-btn" disabled={move.isPending || chosen === current}>
        {t('implementation.move.submit')}
      </button>
      <Status feedback={feedback} />
    </form>
  );
}

function History({ itemId }: { itemId: string; formatDay: (day: string) => string }) {
  const t = useImT();
  const intl = useIntl();
  const history = useQuery({
    queryKey: ['plan-items', itemId, 'updates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/plan-items/{itemId}/updates', { params: { path: { itemId }, query: { limit: 200 } } })).items,
  });
  if (history.isPending) return <p role="status">{t('implementation.loading')}</p>;
  if (history.error) return <p role="alert">{t('implementation.error', { message: history.error.message })}</p>;
  if (!history.data.length) return <p className="muted">{t('implementation.history.none')}</p>;
  const stage = (s: string) => t(`implementation.stage.${s as PlanStage}`);
  return (
    <ol className="im-timeline">
      {history.data.map((u) => (
        <li key={u.id}>
          <p>
            <strong>{t('implementation.history.move', { from: stage(u.fromStage), to: stage(u.stage) })}</strong>{' '}
            <time dateTime={u.createdAt} className="muted">
              {intl.formatDate(u.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
            </time>
          </p>
          {u.legalActRef && <p>{t('implementation.item.legalAct', { ref: u.legalActRef })}</p>}
          {u.progress !== null && <p>{t('implementation.item.progress', { value: intl.formatNumber(u.progress / 100, { style: 'percent' }) })}</p>}
          {u.note && <p className="im-note">{u.note}</p>}
        </li>
      ))}
    </ol>
  );
}

function UpdateForm({ councilId, item }: { councilId: string; item: PlanItem }) {
  const t = useImT();
  const id = useId();
  const qc = useQueryClient();
  const choices = nextStages(item.stage);
  const [stage, setStage] = useState<PlanStage | ''>('');
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState('');
  const [legalActRef, setLegalActRef] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const chosen = stage && choices.includes(stage) ? stage : (choices[0] ?? '');
  const progressValue = progress.trim() === '' ? null : Number(progress);
  const progressBad = progressValue !== null && !(Number.isInteger(progressValue) && progressValue >= 0 && progressValue <= 100);
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/plan-items/{itemId}/updates', {
          params: { path: { itemId: item.id } },
          body: { stage: chosen as PlanStage, note: note.trim(), ...(progressValue !== null ? { progress: progressValue } : {}), ...(legalActRef.trim() ? { legalActRef: legalActRef.trim() } : {}) },
        }),
      ),
    onSuccess: async (u) => {
      setNote('');
      setProgress('');
      setLegalActRef('');
      setStage('');
      setFeedback({ ok: true, text: t('implementation.update.done', { stage: t(`implementation.stage.${u.stage as PlanStage}`) }) });
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['councils', councilId, 'plan-items'] }),
        qc.invalidateQueries({ queryKey: ['councils', councilId, 'plans'] }),
        qc.invalidateQueries({ queryKey: ['plan-items', item.id, 'updates'] }),
      ]);
    },
    onError: async (e) => {
      const p = e as ApiProblem;
      const message = problemMessage(p.problem, e.message);
      setFeedback({ ok: false, text: p.status === 409 ? t('implementation.update.conflict', { message }) : t('implementation.failed', { message }) });
      if (p.status === 409) await qc.invalidateQueries({ queryKey: ['councils', councilId, 'plan-items'] });
    },
  });
  const status = (
    <>
      <Status feedback={feedback} />
    </>
  );
  if (!choices.length) {
    return (
      <>
        <p className="muted">{t('implementation.update.final', { stage: t(`implementation.stage.${item.stage}`) })}</p>
        {status}
      </>
    );
  }
  return (
    <form
      className="im-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (progressBad || !chosen) return;
        setFeedback(null);
        send.mutate();
      }}
    >
      <h4 id={`${id}-h`}>{t('implementation.update.title')}</h4>
      <div className="im-field">
        <label htmlFor={`${id}-stage`}>{t('implementation.update.stage')}</label>
        <select id={`${id}-stage`} value={chosen} onChange={(e) => setStage(e.target.value as PlanStage)}>
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`implementation.stage.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="im-field">
        <label htmlFor={`${id}-note`}>{t('implementation.update.note')}</label>
        <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="im-row">
        <div className="im-field">
          <label htmlFor={`${id}-progress`}>{t('implementation.update.progress')}</label>
          <input id={`${id}-progress`} type="number" inputMode="numeric" min={0} max={100} step={1} value={progress} aria-invalid={progressBad || undefined} aria-describedby={progressBad ? `${id}-progress-e` : undefined} onChange={(e) => setProgress(e.target.value)} />
          {progressBad && (
            <span id={`${id}-progress-e`} className="problem">
              {t('implementation.update.progressBad')}
            </span>
          )}
        </div>
        <div className="im-field">
          <label htmlFor={`${id}-act`}>{t('implementation.update.legalAct')}</label>
          <input id={`${id}-act`} value={legalActRef} onChange={(e) => setLegalActRef(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={send.isPending}>
        {t('implementation.update.submit')}
      </button>
      {status}
    </form>
  );
}
