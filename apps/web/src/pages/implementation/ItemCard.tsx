import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { useImT } from './i18n';
import type { PlanItem } from './ImplementationPage';
import { itemProgress, nextStages, PlanStage } from './rollup';

interface Props {
  councilId: string;
  item: PlanItem;
  agency: string;
  reformPackage: string | null;
  mayUpdate: boolean;
  formatDay: (day: string) => string;
}

/** One plan item: its stage, agency, due date and progress; its history as a timeline; the update form for those who may post one. */
export function ItemCard({ councilId, item, agency, reformPackage, mayUpdate, formatDay }: Props) {
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
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
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
      <p role="status" className="im-ok">
        {feedback?.ok ? feedback.text : ''}
      </p>
      <p role="alert" className="problem">
        {feedback && !feedback.ok ? feedback.text : ''}
      </p>
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
