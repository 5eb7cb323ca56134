import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { useMe } from '../consultations/useMe';
import { ImplementationIntl, useImT } from './i18n';
import { ItemCard } from './ItemCard';
import { NewItemForm, NewPlanForm, PackagesPanel } from './PlanForms';
import { PlansPanel } from './PlansPanel';
import { ProgressPanel } from './ProgressPanel';
import { ALL_STAGES, overdueFirst, PlanStage } from './rollup';
import './implementation.css';

/** A council's implementation: progress per agency and package, plans with exports, items by stage with their history and updates. */
export default function ImplementationPage() {
  return (
    <Layout>
      <ImplementationIntl>
        <Implementation />
      </ImplementationIntl>
    </Layout>
  );
}

export type PlanItem = {
  id: string;
  planId: string;
  proposalId: string;
  title: string;
  responsibleAgencyId: string;
  deliverable: string;
  dueOn: string;
  reformPackageId: string | null;
  stage: PlanStage;
  progress: number | null;
  legalActRef: string | null;
  overdue: boolean;
};

/** Every plan item of the council (pages of 200 followed to the end). */
export function usePlanItems(councilId: string) {
  return useQuery({
    queryKey: ['councils', councilId, 'plan-items'],
    queryFn: async () => {
      const all: PlanItem[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/api/v1/councils/{councilId}/plan-items', { params: { path: { councilId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
        all.push(...(page.items as PlanItem[]));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

function Implementation() {
  const t = useImT();
  const intl = useIntl();
  const id = useId();
  const { councilId } = useParams({ strict: false }) as { councilId: string };
  const council = useQuery({ queryKey: ['councils', councilId], queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}', { params: { path: { councilId } } })) });
  const ok = !!council.data;
  const agencies = useQuery({
    queryKey: ['councils', councilId, 'agencies'],
    enabled: ok,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/agencies', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });
  const packages = useQuery({
    queryKey: ['councils', councilId, 'reform-packages'],
    enabled: ok,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/reform-packages', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });
  const plans = useQuery({
    queryKey: ['councils', councilId, 'plans'],
    enabled: ok,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/plans', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });
  const items = usePlanItems(councilId);
  const me = useMe();
  const mine = (me.data?.memberships ?? []).filter((m) => m.councilId === councilId);
  const isSecretariat = mine.some((m) => m.roles.includes('secretariat'));
  const repOf = new Set(mine.filter((m) => m.roles.includes('agency_rep') && m.agencyId).map((m) => m.agencyId!));

  const [stage, setStage] = useState<'' | PlanStage>('');
  const [agency, setAgency] = useState('');
  const [pkg, setPkg] = useState('');
  const shown = useMemo(
    () => overdueFirst((items.data ?? []).filter((i) => (!stage || i.stage === stage) && (!agency || i.responsibleAgencyId === agency) && (!pkg || (pkg === 'none' ? !i.reformPackageId : i.reformPackageId === pkg)))),
    [items.data, stage, agency, pkg],
  );

  if (council.error && [400, 403, 404].includes((council.error as ApiProblem).status)) return <NotFoundState />;
  if (council.error) return <p role="alert">{t('implementation.error', { message: council.error.message })}</p>;
  if (!council.data) {
    return (
      <>
        <h1>{t('implementation.titlePlain')}</h1>
        <p role="status">{t('implementation.loading')}</p>
      </>
    );
  }
  const formatDay = (d: string) => intl.formatDate(`${d}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  const agencyName = (aid: string) => agencies.data?.find((a) => a.id === aid)?.name ?? '';
  const packageName = (pid: string | null) => (pid ? (packages.data?.find((p) => p.id === pid)?.title ?? '') : null);
  return (
    <div className="im">
      <h1>{t('implementation.title', { council: council.data.name })}</h1>
      {items.error && <p role="alert">{t('implementation.error', { message: items.error.message })}</p>}

      <ProgressPanel items={items.data} agencyName={agencyName} packageName={packageName} />

      <PlansPanel plans={plans.data} />

      {(isSecretariat || (packages.data?.length ?? 0) > 0) && <PackagesPanel councilId={councilId} packages={packages.data ?? []} mayCreate={isSecretariat} formatDay={formatDay} />}

      {isSecretariat && (
        <div className="im-forms">
          <NewPlanForm councilId={councilId} />
          <NewItemForm councilId={councilId} plans={plans.data ?? []} agencies={agencies.data ?? []} packages={packages.data ?? []} />
        </div>
      )}

      <section className="card" aria-labelledby={`${id}-items`}>
        <h2 id={`${id}-items`}>{t('implementation.items.title')}</h2>
        <div className="im-filters">
          <div className="im-field">
            <label htmlFor={`${id}-f-stage`}>{t('implementation.filter.stage')}</label>
            <select id={`${id}-f-stage`} value={stage} onChange={(e) => setStage(e.target.value as PlanStage | '')}>
              <option value="">{t('implementation.filter.all')}</option>
              {ALL_STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`implementation.stage.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="im-field">
            <label htmlFor={`${id}-f-agency`}>{t('implementation.filter.agency')}</label>
            <select id={`${id}-f-agency`} value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">{t('implementation.filter.all')}</option>
              {(agencies.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="im-field">
            <label htmlFor={`${id}-f-pkg`}>{t('implementation.filter.package')}</label>
            <select id={`${id}-f-pkg`} value={pkg} onChange={(e) => setPkg(e.target.value)}>
              <option value="">{t('implementation.filter.all')}</option>
              <option value="none">{t('implementation.progress.noPackage')}</option>
              {(packages.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        {items.isPending ? (
          <p role="status">{t('implementation.loading')}</p>
        ) : (
          <p role="status">{shown.length ? t('implementation.items.count', { count: shown.length }) : t('implementation.items.none')}</p>
        )}
        <div className="im-items">
          {shown.map((i) => (
            <ItemCard
              key={i.id}
              councilId={councilId}
              item={i}
              agency={agencyName(i.responsibleAgencyId)}
              reformPackage={packageName(i.reformPackageId)}
              mayUpdate={isSecretariat || repOf.has(i.responsibleAgencyId)}
              packages={isSecretariat ? (packages.data ?? []) : null}
              formatDay={formatDay}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
