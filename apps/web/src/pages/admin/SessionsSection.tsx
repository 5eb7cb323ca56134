import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedDate } from 'react-intl';
import { api, unwrap } from '../../api/client';
import type { MessageId } from '../../i18n/locale';
import { keys, useGroups, useMemberships, useReadyProposals, useSessions } from './data';
import { AdminForm, CheckField, CheckGroup, Section, SelectField, TextField, useForm } from './forms';
import { useAT } from './i18n';
import { isoDate, localToIso, wholeNumber } from './logic';

/** Sittings: the list, a new sitting (kind, group, title, time, public) and items on a sitting's agenda. */
export function SessionsSection({ councilId, canRun }: { councilId: string; canRun: boolean }) {
  const t = useAT();
  const sessions = useSessions(councilId);
  const groups = useGroups(councilId);
  const groupName = (id: string | null) => groups.data?.find((g) => g.id === id)?.name ?? '';
  return (
    <Section id="sessions" title={t('admin.sessions.title')}>
      {!canRun && <p className="a-note">{t('admin.sessions.whoRuns')}</p>}
      {sessions.isPending && <p role="status">{t('admin.loading')}</p>}
      {sessions.error && <p role="alert">{sessions.error.message}</p>}
      {sessions.data?.length === 0 && <p>{t('admin.sessions.none')}</p>}
      <ul className="a-plain" aria-label={t('admin.sessions.listName')}>
        {sessions.data?.map((s) => (
          <li key={s.id}>
            <Link to="/sessions/$sessionId" params={{ sessionId: s.id }}>
              {s.title}
            </Link>{' '}
            <span className="a-muted">
              <FormattedDate value={s.scheduledAt} dateStyle="medium" timeStyle="short" /> · {t(`session.state.${s.state}` as MessageId)} ·{' '}
              {s.kind === 'plenary' ? t('admin.sessions.plenary') : `${t('admin.sessions.workingGroup')}: ${groupName(s.workingGroupId)}`}
              {s.public ? ` · ${t('admin.sessions.isPublic')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <CreateSessionForm councilId={councilId} groups={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
      {(sessions.data ?? []).some((s) => s.state !== 'closed') && (
        <AgendaItemForm
          councilId={councilId}
          sessions={(sessions.data ?? []).filter((s) => s.state !== 'closed').map((s) => ({ value: s.id, label: s.title }))}
        />
      )}
    </Section>
  );
}

function CreateSessionForm({ councilId, groups }: { councilId: string; groups: { value: string; label: string }[] }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['kind', 'workingGroupId', 'title', 'scheduledAt', 'public']);
  const [kind, setKind] = useState<'plenary' | 'working_group'>('plenary');
  const [groupId, setGroupId] = useState('');
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [isPublic, setPublic] = useState(false);
  return (
    <AdminForm
      form={form}
      title={t('admin.sessions.create')}
      submitLabel={t('admin.sessions.createSubmit')}
      onSubmit={() => {
        const scheduledAt = localToIso(when);
        void form.submit(
          {
            title: title.trim() ? null : t('admin.error.required'),
            scheduledAt: scheduledAt ? null : t('admin.error.dateTime'),
            workingGroupId: kind === 'working_group' && !groupId ? t('admin.error.group') : null,
          },
          async () => {
            const body = { kind, title: title.trim(), scheduledAt: scheduledAt as string, public: isPublic, ...(kind === 'working_group' ? { workingGroupId: groupId } : {}) };
            const s = unwrap(await api.POST('/api/v1/councils/{councilId}/sessions', { params: { path: { councilId } }, body: body as never }));
            await qc.invalidateQueries({ queryKey: keys.sessions(councilId) });
            setTitle('');
            setWhen('');
            return t('admin.sessions.created', { title: s.title });
          },
        );
      }}
    >
      <SelectField
        label={t('admin.sessions.kind')}
        value={kind}
        onChange={(v) => setKind(v as 'plenary' | 'working_group')}
        options={[
          { value: 'plenary', label: t('admin.sessions.plenary') },
          { value: 'working_group', label: t('admin.sessions.workingGroup') },
        ]}
        error={form.errors.kind}
      />
      {kind === 'working_group' && (
        <SelectField label={t('admin.groups.group')} required value={groupId} onChange={setGroupId} options={groups} placeholder={t('admin.groups.chooseGroup')} error={form.errors.workingGroupId} />
      )}
      <TextField label={t('admin.sessions.sessionTitle')} required value={title} onChange={setTitle} error={form.errors.title} maxLength={300} />
      <TextField label={t('admin.sessions.scheduledAt')} type="datetime-local" required value={when} onChange={setWhen} error={form.errors.scheduledAt} />
      <CheckField label={t('admin.sessions.public')} checked={isPublic} onChange={setPublic} />
    </AdminForm>
  );
}

/** A new agenda item (POST /sessions/:id/agenda-items): as the console's, with field errors. */
function AgendaItemForm({ councilId, sessions }: { councilId: string; sessions: { value: string; label: string }[] }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['sessionId', 'title', 'proposalId', 'speakerMembershipIds', 'minutes']);
  const [sessionId, setSessionId] = useState('');
  const [title, setTitle] = useState('');
  const [proposalId, setProposalId] = useState('');
  const [speakers, setSpeakers] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('10');
  const proposals = useReadyProposals(councilId);
  const members = useMemberships(councilId, isoDate(new Date()));
  const session = useQuery({
    queryKey: keys.session(sessionId),
    enabled: !!sessionId,
    queryFn: async () => unwrap(await api.GET('/api/v1/sessions/{sessionId}', { params: { path: { sessionId } } })),
  });
  const m = wholeNumber(minutes);
  return (
    <>
      <AdminForm
        form={form}
        title={t('admin.agenda.add')}
        submitLabel={t('admin.agenda.addSubmit')}
        onSubmit={() =>
          void form.submit(
            {
              sessionId: sessionId ? null : t('admin.error.session'),
              title: title.trim() ? null : t('admin.error.required'),
              minutes: m !== null && m >= 1 ? null : t('admin.error.positive'),
            },
            async () => {
              const body = { title: title.trim(), minutes: m as number, speakerMembershipIds: speakers, ...(proposalId ? { proposalId } : {}) };
              const item = unwrap(await api.POST('/api/v1/sessions/{sessionId}/agenda-items', { params: { path: { sessionId } }, body: body as never }));
              await qc.invalidateQueries({ queryKey: keys.session(sessionId) });
              await qc.invalidateQueries({ queryKey: keys.proposals(councilId) });
              setTitle('');
              setProposalId('');
              setSpeakers([]);
              return t('admin.agenda.added', { title: item.title, position: item.position });
            },
          )
        }
      >
        <SelectField label={t('admin.agenda.session')} required value={sessionId} onChange={setSessionId} options={sessions} placeholder={t('admin.agenda.chooseSession')} error={form.errors.sessionId} />
        <TextField label={t('admin.agenda.itemTitle')} required value={title} onChange={setTitle} error={form.errors.title} maxLength={500} />
        <SelectField
          label={t('admin.agenda.proposal')}
          hint={t('admin.agenda.proposalHint')}
          value={proposalId}
          onChange={setProposalId}
          options={proposals.data?.map((p) => ({ value: p.id, label: p.title })) ?? []}
          placeholder={t('admin.agenda.noProposal')}
          error={form.errors.proposalId}
        />
        <CheckGroup
          legend={t('admin.agenda.speakers')}
          options={(members.data ?? []).filter((x) => x.roles.includes('member')).map((x) => ({ value: x.id, label: x.user?.fullName ?? x.userId }))}
          values={speakers}
          onChange={setSpeakers}
          error={form.errors.speakerMembershipIds}
        />
        <TextField label={t('admin.agenda.minutes')} inputMode="numeric" required value={minutes} onChange={setMinutes} error={form.errors.minutes} />
      </AdminForm>
      {session.data && (
        <div className="a-agenda">
          <h3>{t('admin.agenda.of', { title: session.data.title })}</h3>
          {session.data.agenda.length === 0 ? (
            <p>{t('admin.agenda.empty')}</p>
          ) : (
            <ol aria-label={t('admin.agenda.of', { title: session.data.title })}>
              {session.data.agenda.map((i) => (
                <li key={i.id}>
                  {i.title} <span className="a-muted">({t('admin.agenda.minutesN', { count: i.minutes })})</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </>
  );
}
