import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Council } from './data';
import { keys, useGroups } from './data';
import { AdminForm, CheckField, CheckGroup, Section, SelectField, TextField, useForm } from './forms';
import { useAT } from './i18n';
import { quorumOf, wholeNumber } from './logic';

/**
 * The settings the secretariat may change (PATCH /councils/:id): the name, the
 * minority-opinion window, the plenary quorum, open data and proxy voting;
 * and, in a form of their own, how the council takes petitions (API.md,
 * Petitions: the thresholds, the days to sign and to answer, how signatures
 * are verified, and the working group that receives a referred petition).
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
      <PetitionsForm council={council} />
      <p className="a-muted">{t('admin.settings.balance', { dimensions: council.balanceDimensions.join(', ') || '—' })}</p>
    </Section>
  );
}

const PETITION_FIELDS = ['petitions.agendaThreshold', 'petitions.responseThreshold', 'petitions.signatureDays', 'petitions.responseDays', 'petitions.verification', 'petitions.workingGroupId', 'petitions'];

function PetitionsForm({ council }: { council: Council }) {
  const t = useAT();
  const qc = useQueryClient();
  const groups = useGroups(council.id);
  const form = useForm(PETITION_FIELDS);
  const p = council.petitions;
  const [enabled, setEnabled] = useState(p?.enabled ?? false);
  const [agenda, setAgenda] = useState(String(p?.agendaThreshold ?? 10000));
  const [response, setResponse] = useState(p?.responseThreshold != null ? String(p.responseThreshold) : '');
  const [signatureDays, setSignatureDays] = useState(String(p?.signatureDays ?? 90));
  const [responseDays, setResponseDays] = useState(String(p?.responseDays ?? 60));
  const [verification, setVerification] = useState<string[]>(p?.verification ?? ['email']);
  const [groupId, setGroupId] = useState(p?.workingGroupId ?? '');
  const days = (v: number | null) => (v !== null && v >= 1 && v <= 365 ? null : t('admin.error.days'));
  return (
    <AdminForm
      form={form}
      title={t('admin.petitions.title')}
      submitLabel={t('admin.petitions.save')}
      onSubmit={() => {
        const a = wholeNumber(agenda);
        const r = response.trim() ? wholeNumber(response) : null;
        const sd = wholeNumber(signatureDays);
        const rd = wholeNumber(responseDays);
        void form.submit(
          {
            'petitions.agendaThreshold': a !== null && a >= 1 ? null : t('admin.error.positive'),
            'petitions.responseThreshold': !response.trim() ? null : r === null || r < 1 ? t('admin.error.positive') : a !== null && r >= a ? t('admin.error.belowAgenda') : null,
            'petitions.signatureDays': days(sd),
            'petitions.responseDays': days(rd),
            'petitions.verification': verification.length ? null : t('admin.error.verification'),
            'petitions.workingGroupId': groupId ? null : t('admin.error.group'),
          },
          async () => {
            const petitions = {
              enabled,
              agendaThreshold: a as number,
              responseThreshold: r,
              signatureDays: sd as number,
              responseDays: rd as number,
              verification: verification as ('email' | 'certificate')[],
              workingGroupId: groupId,
            };
            const updated = unwrap(await api.PATCH('/api/v1/councils/{councilId}', { params: { path: { councilId: council.id } }, body: { petitions } }));
            qc.setQueryData(keys.council(council.id), updated);
            return t(enabled ? 'admin.petitions.savedOn' : 'admin.petitions.savedOff');
          },
        );
      }}
    >
      <CheckField label={t('admin.petitions.enabled')} checked={enabled} onChange={setEnabled} />
      <div className="a-row">
        <TextField label={t('admin.petitions.agenda')} hint={t('admin.petitions.agendaHint')} inputMode="numeric" required value={agenda} onChange={setAgenda} error={form.errors['petitions.agendaThreshold']} />
        <TextField label={t('admin.petitions.response')} hint={t('admin.petitions.responseHint')} inputMode="numeric" value={response} onChange={setResponse} error={form.errors['petitions.responseThreshold']} />
      </div>
      <div className="a-row">
        <TextField label={t('admin.petitions.signatureDays')} inputMode="numeric" required value={signatureDays} onChange={setSignatureDays} error={form.errors['petitions.signatureDays']} />
        <TextField label={t('admin.petitions.responseDays')} inputMode="numeric" required value={responseDays} onChange={setResponseDays} error={form.errors['petitions.responseDays']} />
      </div>
      <CheckGroup
        legend={t('admin.petitions.verification')}
        options={[
          { value: 'email', label: t('admin.petitions.byEmail') },
          { value: 'certificate', label: t('admin.petitions.byCertificate') },
        ]}
        values={verification}
        onChange={setVerification}
        error={form.errors['petitions.verification']}
      />
      <SelectField
        label={t('admin.petitions.group')}
        hint={t('admin.petitions.groupHint')}
        required
        value={groupId}
        onChange={setGroupId}
        options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
        placeholder={t('admin.petitions.chooseGroup')}
        error={form.errors['petitions.workingGroupId'] ?? form.errors.petitions}
      />
    </AdminForm>
  );
}
