import { ReactNode, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Button, FieldError, Form, Input, Label, Text, TextArea, TextField } from 'react-aria-components';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { useLang } from '../../i18n/LangProvider';
import { NotFoundState } from '../NotFound';
import { Counts, Petition, StatusBadge, useDate, useIsSecretariat } from './common';
import { PetitionsIntl, usePT } from './i18n';
import { SecretariatPanel } from './SecretariatPanel';
import { signatureFromFile } from './signature-file';
import './petitions.css';

/** /petitions/:petitionId: a petition, its count and progress, the council's answer, and signing (anyone). */
export default function PetitionPageRoute() {
  return (
    <PetitionsIntl>
      <PetitionPage />
    </PetitionsIntl>
  );
}

const problemText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function PetitionPage() {
  const t = usePT();
  const fmt = useDate();
  const { petitionId } = useParams({ strict: false }) as { petitionId: string };
  const petition = useQuery({ queryKey: ['petitions', petitionId], queryFn: async () => unwrap(await api.GET('/api/v1/petitions/{petitionId}', { params: { path: { petitionId } } })) });
  const p = petition.data;
  const { secretariat } = useIsSecretariat(p?.councilId);
  if (petition.error instanceof ApiProblem && (petition.error.status === 404 || petition.error.status === 400)) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  if (!p) {
    return (
      <Layout>
        <h1>{t('petitions.list.title')}</h1>
        {petition.isPending && <p role="status">{t('petitions.page.loading')}</p>}
        {petition.error && <p role="alert">{t('petitions.error', { message: petition.error.message })}</p>}
      </Layout>
    );
  }
  const published = p.status !== 'submitted' && p.status !== 'rejected';
  return (
    <Layout>
      <Link to="/councils/$councilId/petitions" params={{ councilId: p.councilId }} className="pet-back">
        {t('petitions.page.back')}
      </Link>
      <article aria-labelledby="pet-title">
        <h1 id="pet-title">{p.title}</h1>
        <div className="pet-meta">
          <StatusBadge status={p.status} />
          <span>{t('petitions.by', { name: p.authorName })}</span>
          {p.status === 'open' && p.closesAt && <span>{t('petitions.closesAt', { date: fmt(p.closesAt) })}</span>}
        </div>
        {p.status === 'rejected' && p.rejectionReason && <p>{t('petitions.page.rejected', { reason: p.rejectionReason })}</p>}
        <p className="pet-summary">{p.summary}</p>
        <div className="pet-body">{p.body}</div>
      </article>
      {published && (
        <section className="pet-section" aria-labelledby="pet-counts-title">
          <h2 id="pet-counts-title">{t('petitions.page.counts')}</h2>
          <div aria-live="polite">
            <Counts p={p} />
          </div>
          <Regions petitionId={p.id} count={p.signatures} />
        </section>
      )}
      {published && <Answer p={p} />}
      {p.status === 'open' ? <Signing p={p} /> : published && <p className="pet-section">{t('petitions.page.closed')}</p>}
      {secretariat && <SecretariatPanel p={p} />}
    </Layout>
  );
}

function Regions({ petitionId, count }: { petitionId: string; count: number }) {
  const t = usePT();
  const summary = useQuery({
    queryKey: ['petitions', petitionId, 'summary', count],
    queryFn: async () => unwrap(await api.GET('/api/v1/petitions/{petitionId}/signatures/summary', { params: { path: { petitionId } } })),
  });
  const rows = Object.entries(summary.data?.byRegion ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <>
      <h3 id="pet-regions-title">{t('petitions.page.regions')}</h3>
      {summary.isSuccess && rows.length === 0 && <p>{t('petitions.page.noRegions')}</p>}
      {rows.length > 0 && (
        <table className="pet-regions" aria-labelledby="pet-regions-title">
          <thead>
            <tr>
              <th scope="col">{t('petitions.page.region')}</th>
              <th scope="col">{t('petitions.page.regionCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([region, n]) => (
              <tr key={region}>
                <td>{region}</td>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The council's answer: the referral, when it is due, the proposal, the chair's decision and the written answer. */
function Answer({ p }: { p: Petition }) {
  const t = usePT();
  const fmt = useDate();
  if (!p.proposalId && !p.responseDueOn && !p.response && !p.resolution) return null;
  return (
    <section className="pet-section" aria-labelledby="pet-answer-title">
      <h2 id="pet-answer-title">{t('petitions.page.answer')}</h2>
      {p.responseDueOn && <p>{t(p.proposalId ? 'petitions.page.referred' : 'petitions.page.responseDue', { date: fmt(p.responseDueOn) })}</p>}
      {p.proposalId && (
        <p>
          <a href={`/proposals/${p.proposalId}`}>{t('petitions.page.proposal')}</a>
        </p>
      )}
      {p.resolution && (
        <>
          <h3>{t('petitions.page.resolution')}</h3>
          <p className="pet-body">{p.resolution}</p>
        </>
      )}
      <h3>{t('petitions.page.response')}</h3>
      <p className="pet-body">{p.response ?? t('petitions.page.noAnswer')}</p>
    </section>
  );
}

function Signing({ p }: { p: Petition }) {
  const t = usePT();
  return (
    <section className="pet-section" aria-labelledby="pet-sign-title">
      <h2 id="pet-sign-title">{t('petitions.sign.title')}</h2>
      <div className="pet-methods">
        {p.verification.includes('email') && <EmailSigning p={p} />}
        {p.verification.includes('certificate') && <CertificateSigning p={p} />}
      </div>
    </section>
  );
}

/** The name and region fields both methods ask for. */
function SignerFields({ prefix }: { prefix: string }) {
  const t = usePT();
  return (
    <>
      <TextField name="name" isRequired maxLength={200} autoComplete="name" className="field">
        <Label>{t('petitions.sign.name')}</Label>
        <Input />
        <FieldError />
      </TextField>
      <TextField name="region" maxLength={64} autoComplete="address-level1" className="field" aria-describedby={`${prefix}-region-help`}>
        <Label>{t('petitions.sign.region')}</Label>
        <Input />
        <Text slot="description" id={`${prefix}-region-help`} className="pet-help">
          {t('petitions.sign.regionHelp')}
        </Text>
        <FieldError />
      </TextField>
    </>
  );
}

function Outcome({ ok, problem }: { ok: ReactNode; problem: string | null }) {
  return (
    <>
      <div role="alert" className="problem">
        {problem}
      </div>
      <div role="status" className="pet-ok">
        {ok}
      </div>
    </>
  );
}

function EmailSigning({ p }: { p: Petition }) {
  const t = usePT();
  const { lang } = useLang();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const region = String(data.get('region') ?? '').trim();
    setBusy(true);
    setDone(false);
    setProblem(null);
    try {
      unwrap(
        await api.POST('/api/v1/petitions/{petitionId}/signatures', {
          params: { path: { petitionId: p.id }, header: { 'accept-language': lang } },
          body: { method: 'email', name: String(data.get('name') ?? ''), email: String(data.get('email') ?? ''), ...(region ? { region } : {}) },
        }),
      );
      form.reset();
      setDone(true);
    } catch (e) {
      setProblem(t('petitions.sign.failed', { message: problemText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="pet-sign-email">
      <h3 id="pet-sign-email">{t('petitions.sign.email.title')}</h3>
      <ol>
        <li>{t('petitions.sign.email.step1')}</li>
        <li>{t('petitions.sign.email.step2')}</li>
        <li>{t('petitions.sign.email.step3')}</li>
      </ol>
      <Form
        className="pet-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <SignerFields prefix="pet-email" />
        <TextField name="email" type="email" isRequired maxLength={254} autoComplete="email" className="field">
          <Label>{t('petitions.sign.email.field')}</Label>
          <Input />
          <FieldError />
        </TextField>
        <Outcome ok={done && t('petitions.sign.email.done')} problem={problem} />
        <Button type="submit" isDisabled={busy} className="primary">
          {t('petitions.sign.email.button')}
        </Button>
      </Form>
    </section>
  );
}

function CertificateSigning({ p }: { p: Petition }) {
  const t = usePT();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [signature, setSignature] = useState('');
  const [done, setDone] = useState(false);
  const [copied, setCopied] = useState(false);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const text = useQuery({
    queryKey: ['petitions', p.id, 'signing-text'],
    queryFn: async () => unwrap(await api.GET('/api/v1/petitions/{petitionId}/signing-text', { params: { path: { petitionId: p.id } }, parseAs: 'text' })) as unknown as string,
  });
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const region = String(data.get('region') ?? '').trim();
    setBusy(true);
    setDone(false);
    setProblem(null);
    try {
      unwrap(
        await api.POST('/api/v1/petitions/{petitionId}/signatures', {
          params: { path: { petitionId: p.id }, header: { 'accept-language': lang } },
          body: { method: 'certificate', name: String(data.get('name') ?? ''), signature: signature.trim(), ...(region ? { region } : {}) },
        }),
      );
      form.reset();
      setSignature('');
      setFileNote(null);
      setDone(true);
      void qc.invalidateQueries({ queryKey: ['petitions', p.id] });
    } catch (e) {
      setProblem(t('petitions.sign.failed', { message: problemText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="pet-sign-cert">
      <h3 id="pet-sign-cert">{t('petitions.sign.cert.title')}</h3>
      <ol>
        <li>{t('petitions.sign.cert.step1')}</li>
        <li>{t('petitions.sign.cert.step2')}</li>
        <li>{t('petitions.sign.cert.step3')}</li>
      </ol>
      <h4 id="pet-signing-text">{t('petitions.sign.cert.text')}</h4>
      <pre className="pet-signing-text" aria-labelledby="pet-signing-text" tabIndex={0}>
        {text.data ?? ''}
      </pre>
      <div className="pet-actions">
        <a href={`/api/v1/petitions/${p.id}/signing-text`} download={`petition-${p.id}.txt`}>
          {t('petitions.sign.cert.download')}
        </a>
        <Button
          className="secondary"
          isDisabled={!text.data}
          onPress={() => {
            void navigator.clipboard?.writeText(text.data ?? '').then(() => setCopied(true));
          }}
        >
          {t('petitions.sign.cert.copy')}
        </Button>
        <span role="status">{copied && t('petitions.sign.cert.copied')}</span>
      </div>
      <Form
        className="pet-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <SignerFields prefix="pet-cert" />
        <TextField value={signature} onChange={setSignature} isRequired className="field">
          <Label>{t('petitions.sign.cert.signature')}</Label>
          <TextArea rows={5} spellCheck={false} autoCapitalize="off" autoCorrect="off" />
          <FieldError />
        </TextField>
        <div className="field">
          <label htmlFor="pet-cert-file">{t('petitions.sign.cert.file')}</label>
          <input
            id="pet-cert-file"
            type="file"
            accept=".p7s,.cms,.sig,.p7m,.txt,.b64,application/pkcs7-signature"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              void signatureFromFile(file).then((b64) => {
                setSignature(b64);
                setFileNote(t('petitions.sign.cert.fileRead', { name: file.name }));
              });
            }}
          />
          <span role="status" className="pet-help">
            {fileNote}
          </span>
        </div>
        <Outcome ok={done && t('petitions.sign.cert.done')} problem={problem} />
        <Button type="submit" isDisabled={busy} className="primary">
          {t('petitions.sign.cert.button')}
        </Button>
      </Form>
    </section>
  );
}
