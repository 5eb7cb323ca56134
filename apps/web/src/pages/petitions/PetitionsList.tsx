import { useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Button, FieldError, Form, Input, Label, TextArea, TextField } from 'react-aria-components';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { Counts, PetitionStatus, PUBLIC_STATUSES, StatusBadge, statusId, useDate, useIsSecretariat } from './common';
import { PetitionsIntl, usePT } from './i18n';
import './petitions.css';

/** /councils/:councilId/petitions: a council's published petitions, anyone may read them and submit one. */
export default function PetitionsListPage() {
  return (
    <PetitionsIntl>
      <PetitionsList />
    </PetitionsIntl>
  );
}

function PetitionsList() {
  const t = usePT();
  const { councilId } = useParams({ strict: false }) as { councilId: string };
  const [status, setStatus] = useState<PetitionStatus | ''>('');
  const { secretariat } = useIsSecretariat(councilId);
  const fmt = useDate();
  const list = useInfiniteQuery({
    queryKey: ['petitions', 'council', councilId, status],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/councils/{councilId}/petitions', { params: { path: { councilId }, query: { limit: 50, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (list.error instanceof ApiProblem && (list.error.status === 404 || list.error.status === 400)) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Layout>
      <h1>{t('petitions.list.title')}</h1>
      <p className="pet-intro">{t('petitions.list.intro')}</p>
      <div className="pet-toolbar">
        <div className="field">
          <label htmlFor="pet-status-filter">{t('petitions.list.filter')}</label>
          <select id="pet-status-filter" value={status} onChange={(e) => setStatus(e.target.value as PetitionStatus | '')}>
            <option value="">{t('petitions.list.all')}</option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusId(s))}
              </option>
            ))}
          </select>
        </div>
        {secretariat && (
          <Link to="/councils/$councilId/petitions/moderation" params={{ councilId }}>
            {t('petitions.list.moderation')}
          </Link>
        )}
      </div>
      <div aria-live="polite">
        {list.isPending && <p role="status">{t('petitions.list.loading')}</p>}
        {list.error && !(list.error instanceof ApiProblem && list.error.status < 500) && <p role="alert">{t('petitions.list.error', { message: list.error.message })}</p>}
        {list.isSuccess && items.length === 0 && <p>{t('petitions.list.empty')}</p>}
      </div>
      <ul className="pet-list">
        {items.map((p) => (
          <li key={p.id} className="pet-card">
            <h2>
              <Link to="/petitions/$petitionId" params={{ petitionId: p.id }}>
                {p.title}
              </Link>
            </h2>
            <div className="pet-meta">
              <StatusBadge status={p.status} />
              <span>{t('petitions.by', { name: p.authorName })}</span>
              {p.status === 'open' && p.closesAt && <span>{t('petitions.closesAt', { date: fmt(p.closesAt) })}</span>}
            </div>
            <p>{p.summary}</p>
            <Counts p={p} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <Button className="secondary" onPress={() => void list.fetchNextPage()} isDisabled={list.isFetchingNextPage}>
          {t('petitions.list.more')}
        </Button>
      )}
      <SubmitForm councilId={councilId} />
    </Layout>
  );
}

/** Anyone submits a petition; the secretariat publishes it after review. */
function SubmitForm({ councilId }: { councilId: string }) {
  const t = usePT();
  const qc = useQueryClient();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const field = (k: string) => String(data.get(k) ?? '');
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      unwrap(
        await api.POST('/api/v1/councils/{councilId}/petitions', {
          params: { path: { councilId } },
          body: { title: field('title'), summary: field('summary'), body: field('body'), authorName: field('authorName'), authorEmail: field('authorEmail') },
        }),
      );
      form.reset();
      setDone(true);
      void qc.invalidateQueries({ queryKey: ['petitions', 'council', councilId] });
    } catch (e) {
      setProblem(t('petitions.submit.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="pet-section" aria-labelledby="pet-submit-title">
      <h2 id="pet-submit-title">{t('petitions.submit.title')}</h2>
      <p className="pet-help">{t('petitions.submit.intro')}</p>
      <Form
        className="pet-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <TextField name="title" isRequired minLength={3} maxLength={200} className="field">
          <Label>{t('petitions.submit.titleField')}</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField name="summary" isRequired maxLength={2000} className="field">
          <Label>{t('petitions.submit.summary')}</Label>
          <TextArea rows={3} />
          <FieldError />
        </TextField>
        <TextField name="body" isRequired maxLength={20000} className="field">
          <Label>{t('petitions.submit.body')}</Label>
          <TextArea rows={8} />
          <FieldError />
        </TextField>
        <TextField name="authorName" isRequired maxLength={200} autoComplete="name" className="field">
          <Label>{t('petitions.submit.authorName')}</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField name="authorEmail" type="email" isRequired maxLength={254} autoComplete="email" className="field">
          <Label>{t('petitions.submit.authorEmail')}</Label>
          <Input />
          <FieldError />
        </TextField>
        <div role="alert" className="problem">
          {problem}
        </div>
        <div role="status" className="pet-ok">
          {done && t('petitions.submit.done')}
        </div>
        <Button type="submit" isDisabled={busy} className="primary">
          {t('petitions.submit.button')}
        </Button>
      </Form>
    </section>
  );
}
