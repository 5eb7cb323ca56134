import { useId, useState } from 'react';
import { api, ApiProblem } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { Feedback, Status } from './Status';
import { useImT } from './i18n';
import { ALL_STAGES } from './rollup';

type PlanSummary = { id: string; title: string; countsByStage: Record<string, number>; itemCount: number };

/** The file name of a plan's export: its title made safe for a file system. */
const fileName = (title: string, format: 'csv' | 'json') => `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'plan'}.${format}`;

/** The council's plans with their items per stage, and each plan's CSV and JSON export (fetched with the token, saved from a blob). */
export function PlansPanel({ plans }: { plans: PlanSummary[] | undefined }) {
  const t = useImT();
  const id = useId();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const download = async (plan: PlanSummary, format: 'csv' | 'json') => {
    setFeedback(null);
    const { data, error, response } = await api.GET('/api/v1/plans/{planId}/export', { params: { path: { planId: plan.id }, query: { format } }, parseAs: 'blob' });
    if (error !== undefined || !data) {
      setFeedback({ ok: false, text: t('implementation.plans.downloadFailed', { message: problemMessage(error as ApiProblem['problem'] | undefined, response.statusText) }) });
      return;
    }
    const url = URL.createObjectURL(data as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(plan.title, format);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setFeedback({ ok: true, text: t('implementation.plans.downloaded', { file: a.download }) });
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('implementation.plans.title')}</h2>
      {plans?.length === 0 && <p className="muted">{t('implementation.plans.none')}</p>}
      <ul className="im-plans">
        {plans?.map((p) => (
          <li key={p.id}>
            <h3>{p.title}</h3>
            <p className="muted">
              {t('implementation.plans.items', { count: p.itemCount })}
              {ALL_STAGES.filter((s) => p.countsByStage[s]).map((s) => ` · ${t(`implementation.stage.${s}`)}: ${p.countsByStage[s]}`)}
            </p>
            <div className="im-actions">
              <button type="button" className="im-btn" onClick={() => void download(p, 'csv')}>
                {t('implementation.plans.csv', { title: p.title })}
              </button>
              <button type="button" className="im-btn" onClick={() => void download(p, 'json')}>
                {t('implementation.plans.json', { title: p.title })}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <Status feedback={feedback} />
    </section>
  );
}
