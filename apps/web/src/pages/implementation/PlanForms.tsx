import { FormEvent, useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { failure, Feedback, Status } from './Status';
import { useImT } from './i18n';

const DELIVERABLES = ['draft_law', 'decree', 'government_resolution', 'concept', 'other'] as const;
type Deliverable = (typeof DELIVERABLES)[number];

/** The secretariat's new plan (a title). */
export function NewPlanForm({ councilId }: { councilId: string }) {
  const t = useImT();
  const id = useId();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/councils/{councilId}/plans', { params: { path: { councilId } }, body: { title: title.trim() } })),
    onSuccess: async (p) => {
      setTitle('');
      setFeedback({ ok: true, text: t('implementation.newPlan.done', { title: p.title }) });
      await qc.invalidateQueries({ queryKey: ['councils', councilId, 'plans'] });
    },
    onError: (e) => setFeedback({ ok: false, text: failure(t, e) }),
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('implementation.newPlan.title')}</h2>
      <form
        className="im-form"
        aria-labelledby={`${id}-h`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) return;
          setFeedback(null);
          create.mutate();
        }}
      >
        <div className="im-field">
          <label htmlFor={`${id}-title`}>{t('implementation.newPlan.name')}</label>
          <input id={`${id}-title`} required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('implementation.newPlan.submit')}
        </button>
        <Status feedback={feedback} />
      </form>
    </section>
  );
}

/**
 * The council's reform packages, each with the day it was announced, and the
 * secretariat's form to announce another (POST /councils/:id/reform-packages).
 * A package is then chosen for an item in "Add a plan item".
 */
export function PackagesPanel({ councilId, packages, mayCreate, formatDay }: { councilId: string; packages: { id: string; title: string; announcedOn: string }[]; mayCreate: boolean; formatDay: (d: string) => string }) {
  const t = useImT();
  const id = useId();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [announcedOn, setAnnouncedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/councils/{councilId}/reform-packages', { params: { path: { councilId } }, body: { title: title.trim(), announcedOn } })),
    onSuccess: async (p) => {
      setTitle('');
      setFeedback({ ok: true, text: t('implementation.packages.done', { title: p.title }) });
      await qc.invalidateQueries({ queryKey: ['councils', councilId, 'reform-packages'] });
    },
    onError: (e) => setFeedback({ ok: false, text: failure(t, e) }),
  });
  const sorted = [...packages].sort((a, b) => a.announcedOn.localeCompare(b.announcedOn) || a.title.localeCompare(b.title));
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('implementation.packages.title')}</h2>
      {sorted.length === 0 ? (
        <p className="muted">{t('implementation.packages.none')}</p>
      ) : (
        <ul className="im-packages">
          {sorted.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong> — {t('implementation.packages.announced', { date: formatDay(p.announcedOn) })}
            </li>
          ))}
        </ul>
      )}
      {mayCreate && (
        <form
          className="im-form"
          aria-labelledby={`${id}-fh`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim() || !announcedOn) return;
            setFeedback(null);
            create.mutate();
          }}
        >
          <h3 id={`${id}-fh`}>{t('implementation.packages.new')}</h3>
          <div className="im-field">
            <label htmlFor={`${id}-title`}>{t('implementation.packages.name')}</label>
            <input id={`${id}-title`} required value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="im-field">
            <label htmlFor={`${id}-on`}>{t('implementation.packages.announcedOn')}</label>
            <input id={`${id}-on`} type="date" required value={announcedOn} onChange={(e) => setAnnouncedOn(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('implementation.packages.submit')}
          </button>
          <Status feedback={feedback} />
        </form>
      )}
    </section>
  );
}

/** The supported proposals of the council (and those already in implementation): the ones a plan item may carry. */
function useSupportedProposals(councilId: string) {
  return useQuery({
    queryKey: ['councils', councilId, 'proposals', 'supported'],
    queryFn: async () => {
      const of = async (status: 'supported' | 'supported_with_changes' | 'in_implementation') =>
        unwrap(await api.GET('/api/v1/councils/{councilId}/proposals', { params: { path: { councilId }, query: { status, limit: 200 } } })).items;
      const lists = await Promise.all([of('supported'), of('supported_with_changes'), of('in_implementation')]);
      return lists.flat().map((p) => ({ id: p.id, title: p.title }));
    },
  });
}

interface NewItemProps {
  councilId: string;
  plans: { id: string; title: string }[];
  agencies: { id: string; name: string }[];
  packages: { id: string; title: string }[];
}

/** The secretariat's new plan item for a supported proposal. */
export function NewItemForm({ councilId, plans, agencies, packages }: NewItemProps) {
  const t = useImT();
  const id = useId();
  const qc = useQueryClient();
  const proposals = useSupportedProposals(councilId);
  const [planId, setPlanId] = useState('');
  const [proposalId, setProposalId] = useState('');
  const [title, setTitle] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [deliverable, setDeliverable] = useState<Deliverable>('draft_law');
  const [dueOn, setDueOn] = useState('');
  const [packageId, setPackageId] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const plan = planId || plans[0]?.id || '';
  const proposal = proposalId || proposals.data?.[0]?.id || '';
  const agency = agencyId || agencies[0]?.id || '';
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/plans/{planId}/items', {
          params: { path: { planId: plan } },
          body: { proposalId: proposal, title: title.trim(), responsibleAgencyId: agency, deliverable, dueOn, ...(packageId ? { reformPackageId: packageId } : {}) },
        }),
      ),
    onSuccess: async (i) => {
      setTitle('');
      setFeedback({ ok: true, text: t('implementation.newItem.done', { title: i.title }) });
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['councils', councilId, 'plan-items'] }),
        qc.invalidateQueries({ queryKey: ['councils', councilId, 'plans'] }),
        qc.invalidateQueries({ queryKey: ['councils', councilId, 'proposals'] }),
      ]);
    },
    onError: (e) => setFeedback({ ok: false, text: failure(t, e) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!plan || !proposal || !agency || !title.trim() || !dueOn) return;
    setFeedback(null);
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('implementation.newItem.title')}</h2>
      <p className="muted">{t('implementation.newItem.explain')}</p>
      {proposals.data?.length === 0 && <p>{t('implementation.newItem.noProposals')}</p>}
      <form className="im-form" aria-labelledby={`${id}-h`} onSubmit={submit}>
        <div className="im-field">
          <label htmlFor={`${id}-plan`}>{t('implementation.newItem.plan')}</label>
          <select id={`${id}-plan`} required value={plan} onChange={(e) => setPlanId(e.target.value)}>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <div className="im-field">
          <label htmlFor={`${id}-proposal`}>{t('implementation.newItem.proposal')}</label>
          <select id={`${id}-proposal`} required value={proposal} onChange={(e) => setProposalId(e.target.value)}>
            {(proposals.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <div className="im-field">
          <label htmlFor={`${id}-title`}>{t('implementation.newItem.name')}</label>
          <input id={`${id}-title`} required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="im-field">
          <label htmlFor={`${id}-agency`}>{t('implementation.newItem.agency')}</label>
          <select id={`${id}-agency`} required value={agency} onChange={(e) => setAgencyId(e.target.value)}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="im-row">
          <div className="im-field">
            <label htmlFor={`${id}-kind`}>{t('implementation.newItem.deliverable')}</label>
            <select id={`${id}-kind`} value={deliverable} onChange={(e) => setDeliverable(e.target.value as Deliverable)}>
              {DELIVERABLES.map((d) => (
                <option key={d} value={d}>
                  {t(`implementation.deliverable.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="im-field">
            <label htmlFor={`${id}-due`}>{t('implementation.newItem.dueOn')}</label>
            <input id={`${id}-due`} type="date" required value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
          </div>
        </div>
        <div className="im-field">
          <label htmlFor={`${id}-pkg`}>{t('implementation.newItem.package')}</label>
          <select id={`${id}-pkg`} value={packageId} onChange={(e) => setPackageId(e.target.value)}>
            <option value="">{t('implementation.newItem.noPackage')}</option>
            {packages.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('implementation.newItem.submit')}
        </button>
        <Status feedback={feedback} />
      </form>
    </section>
  );
}
