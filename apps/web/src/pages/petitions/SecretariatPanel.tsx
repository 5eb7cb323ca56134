import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, FieldError, Form, Label, TextArea, TextField } from 'react-aria-components';
import { api, unwrap } from '../../api/client';
import type { Petition } from './common';
import { usePT } from './i18n';

const problemText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Publish or reject a submitted petition (a reason is required to reject). */
export function ModerationForm({ p, onDone }: { p: Petition; onDone: (decision: 'publish' | 'reject') => void }) {
  const t = usePT();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'publish' | 'reject') => {
    if (decision === 'reject' && !reason.trim()) {
      setProblem(t('petitions.moderation.reasonNeeded'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      unwrap(
        await api.POST('/api/v1/petitions/{petitionId}/moderation', {
          params: { path: { petitionId: p.id } },
          body: decision === 'reject' ? { decision, reason: reason.trim() } : { decision },
        }),
      );
      onDone(decision);
    } catch (e) {
      setProblem(t('petitions.moderation.failed', { message: problemText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pet-form">
      <div className="pet-actions">
        <Button className="primary" isDisabled={busy} onPress={() => void decide('publish')}>
          {t('petitions.moderation.publish')}
        </Button>
      </div>
      <TextField value={reason} onChange={setReason} maxLength={2000} className="field">
        <Label>{t('petitions.moderation.reason')}</Label>
        <TextArea rows={2} />
      </TextField>
      <div className="pet-actions">
        <Button className="secondary" isDisabled={busy} onPress={() => void decide('reject')}>
          {t('petitions.moderation.reject')}
        </Button>
      </div>
      <div role="alert" className="problem">
        {problem}
      </div>
    </div>
  );
}

/** On a petition's page, for its council's secretariat: moderation while submitted, the written answer once referred. */
export function SecretariatPanel({ p }: { p: Petition }) {
  const t = usePT();
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['petitions'] });
  const answerable = p.status === 'referred' || p.status === 'answered';
  if (p.status !== 'submitted' && !answerable) return null;
  return (
    <section className="pet-section" aria-labelledby="pet-secretariat-title">
      <h2 id="pet-secretariat-title">{t('petitions.secretariat.title')}</h2>
      {p.status === 'submitted' && <ModerationForm p={p} onDone={refresh} />}
      {answerable && <ResponseForm p={p} onDone={refresh} />}
    </section>
  );
}

function ResponseForm({ p, onDone }: { p: Petition; onDone: () => void }) {
  const t = usePT();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (form: HTMLFormElement) => {
    const body = String(new FormData(form).get('body') ?? '').trim();
    setBusy(true);
    setDone(false);
    setProblem(null);
    try {
      unwrap(await api.POST('/api/v1/petitions/{petitionId}/response', { params: { path: { petitionId: p.id } }, body: { body } }));
      setDone(true);
      onDone();
    } catch (e) {
      setProblem(t('petitions.error', { message: problemText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      className="pet-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <TextField name="body" isRequired defaultValue={p.response ?? ''} maxLength={20000} className="field">
        <Label>{t('petitions.secretariat.response')}</Label>
        <TextArea rows={6} />
        <FieldError />
      </TextField>
      <div role="alert" className="problem">
        {problem}
      </div>
      <div role="status" className="pet-ok">
        {done && t('petitions.secretariat.responseDone')}
      </div>
      <Button type="submit" isDisabled={busy} className="primary">
        {t('petitions.secretariat.responseButton')}
      </Button>
    </Form>
  );
}
