import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Council } from './data';
import { keys } from './data';
import { AdminForm, CheckField, Section, SelectField, TextField, useForm } from './forms';
import { useAT } from './i18n';
import { quorumOf, wholeNumber } from './logic';

/**
 * The settings the secretariat may change (PATCH /councils/:id): the name, the
 * minority-opinion window, the plenary quorum, open data and proxy voting.
 * Petitions are shown as they stand (they are set up with a working group and
 * thresholds through the API).
 */
export function SettingsSection({ council }: { council: Council }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['name', 'minorityOpinionWindowHours', 'plenaryQuorum.count', 'plenaryQuorum.fraction', 'plenaryQuorum', 'publishOpenData', 'proxyVoting.maxPerDelegate', 'proxyVoting']);
  const q = council.plenaryQuorum;
  const [name, setName] = useState(council.name);
  const [hours, setHours] = useState(String(council.minorityOpinionWindowHours));
  const [quorumKind, setQuorumKind] = useState<'none' | 'count' | 'fraction'>(q === null ? 'none' : 'count' in q ? 'count' : 'fraction');
  const [count, setCount] = useState(q && 'count' in q ? String(q.count) : '');
  const [numerator, setNumerator] = useState(q && 'numerator' in q ? String(q.numerator) : '');
  const [denominator, setDenominator] = useState(q && 'denominator' in q ? String(q.denominator) : '');
  const [openData, setOpenData] = useState(council.publishOpenData);
  const [proxy, setProxy] = useState(council.proxyVoting);
  const [maxPer, setMaxPer] = useState(String(council.proxyVoting.maxPerDelegate));
  const p = council.petitions;
  return (
    <Section id="settings" title={t('admin.settings.title')}>
      <AdminForm
        form={form}
        title={t('admin.settings.edit')}
        submitLabel={t('admin.settings.save')}
        onSubmit={() => {
          const h = wholeNumber(hours);
          const quorum = quorumOf(quorumKind, count, numerator, denominator);
          const max = wholeNumber(maxPer);
          void form.submit(
            {
              name: name.trim() ? null : t('admin.error.required'),
              minorityOpinionWindowHours: h === null ? t('admin.error.whole') : null,
              [('field' in quorum && quorum.field) || 'plenaryQuorum']: 'field' in quorum ? t(quorum.field === 'plenaryQuorum.count' ? 'admin.error.positive' : 'admin.error.fraction') : null,
              'proxyVoting.maxPerDelegate': max !== null && max >= 1 ? null : t('admin.error.positive'),
            },
            async () => {
              const body = {
                name: name.trim(),
                minorityOpinionWindowHours: h as number,
                plenaryQuorum: 'quorum' in quorum ? quorum.quorum : null,
                publishOpenData: openData,
                proxyVoting: { ...proxy, maxPerDelegate: max as number },
              };
              const updated = unwrap(await api.PATCH('/api/v1/councils/{councilId}', { params: { path: { councilId: council.id } }, body }));
              qc.setQueryData(keys.council(council.id), updated);
              return t('admin.settings.saved');
            },
          );
        }}
      >
        <TextField label={t('admin.settings.name')} required value={name} onChange={setName} error={form.errors.name} maxLength={200} />
        <TextField label={t('admin.settings.window')} inputMode="numeric" required value={hours} onChange={setHours} error={form.errors.minorityOpinionWindowHours} />
        <fieldset className="a-group">
          <legend>{t('admin.settings.quorum')}</legend>
          <SelectField
            label={t('admin.settings.quorumKind')}
            value={quorumKind}
            onChange={(v) => setQuorumKind(v as 'none' | 'count' | 'fraction')}
            options={[
              { value: 'none', label: t('admin.settings.quorumNone') },
              { value: 'count', label: t('admin.settings.quorumCount') },
              { value: 'fraction', label: t('admin.settings.quorumFraction') },
            ]}
            error={form.errors.plenaryQuorum}
          />
          {quorumKind === 'count' && <TextField label={t('admin.settings.quorumMembers')} inputMode="numeric" value={count} onChange={setCount} error={form.errors['plenaryQuorum.count']} />}
          {quorumKind === 'fraction' && (
            <div className="a-row">
              <TextField label={t('admin.settings.numerator')} inputMode="numeric" value={numerator} onChange={setNumerator} error={form.errors['plenaryQuorum.fraction']} />
              <TextField label={t('admin.settings.denominator')} inputMode="numeric" value={denominator} onChange={setDenominator} />
            </div>
          )}
        </fieldset>
        <CheckField label={t('admin.settings.openData')} checked={openData} onChange={setOpenData} />
        <fieldset className="a-group">
          <legend>{t('admin.settings.proxy')}</legend>
          <CheckField label={t('admin.settings.proxyEnabled')} checked={proxy.enabled} onChange={(enabled) => setProxy({ ...proxy, enabled })} />
          <TextField label={t('admin.settings.maxPerDelegate')} inputMode="numeric" value={maxPer} onChange={setMaxPer} error={form.errors['proxyVoting.maxPerDelegate'] ?? form.errors.proxyVoting} />
          <CheckField label={t('admin.settings.delegatorMayVote')} checked={proxy.delegatorMayVote} onChange={(delegatorMayVote) => setProxy({ ...proxy, delegatorMayVote })} />
          <CheckField label={t('admin.settings.countTowardQuorum')} checked={proxy.countTowardQuorum} onChange={(countTowardQuorum) => setProxy({ ...proxy, countTowardQuorum })} />
          <CheckField label={t('admin.settings.onSecretPolls')} checked={proxy.onSecretPolls} onChange={(onSecretPolls) => setProxy({ ...proxy, onSecretPolls })} />
        </fieldset>
      </AdminForm>
      <h3>{t('admin.settings.petitions')}</h3>
      {p && p.enabled ? (
        <p>{t('admin.settings.petitionsOn', { agenda: p.agendaThreshold, days: p.signatureDays, response: p.responseDays })}</p>
      ) : (
        <p>{t('admin.settings.petitionsOff')}</p>
      )}
      <p className="a-muted">{t('admin.settings.balance', { dimensions: council.balanceDimensions.join(', ') || '—' })}</p>
    </Section>
  );
}
