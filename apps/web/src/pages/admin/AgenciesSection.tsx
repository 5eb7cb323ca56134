import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys, useAgencies } from './data';
import { AdminForm, Section, TextField, useForm } from './forms';
import { useAT } from './i18n';

/** The council's agencies (name and code) and a new one. */
export function AgenciesSection({ councilId }: { councilId: string }) {
  const t = useAT();
  const qc = useQueryClient();
  const agencies = useAgencies(councilId);
  const form = useForm(['name', 'code']);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  return (
    <Section id="agencies" title={t('admin.agencies.title')}>
      {agencies.isPending && <p role="status">{t('admin.loading')}</p>}
      {agencies.error && <p role="alert">{agencies.error.message}</p>}
      {agencies.data?.length === 0 && <p>{t('admin.agencies.none')}</p>}
      <ul className="a-plain" aria-label={t('admin.agencies.listName')}>
        {agencies.data?.map((a) => (
          <li key={a.id}>
            <strong>{a.code}</strong> — {a.name}
          </li>
        ))}
      </ul>
      <AdminForm
        form={form}
        title={t('admin.agencies.create')}
        submitLabel={t('admin.agencies.createSubmit')}
        onSubmit={() =>
          void form.submit({ name: name.trim() ? null : t('admin.error.required'), code: code.trim() ? null : t('admin.error.required') }, async () => {
            const a = unwrap(await api.POST('/api/v1/councils/{councilId}/agencies', { params: { path: { councilId } }, body: { name: name.trim(), code: code.trim() } }));
            await qc.invalidateQueries({ queryKey: keys.agencies(councilId) });
            setName('');
            setCode('');
            return t('admin.agencies.created', { name: a.name });
          })
        }
      >
        <TextField label={t('admin.agencies.name')} required value={name} onChange={setName} error={form.errors.name} maxLength={200} />
        <TextField label={t('admin.agencies.code')} required value={code} onChange={setCode} error={form.errors.code} hint={t('admin.agencies.codeHint')} />
      </AdminForm>
    </Section>
  );
}
