import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys, useGroups, useMemberships } from './data';
import { AdminForm, Section, SelectField, TextField, useForm } from './forms';
import { useAT } from './i18n';
import { isoDate } from './logic';

/** Working groups with their members; a new group (name and mandate); a member added with a role. */
export function GroupsSection({ councilId }: { councilId: string }) {
  const t = useAT();
  const groups = useGroups(councilId);
  return (
    <Section id="groups" title={t('admin.groups.title')}>
      {groups.isPending && <p role="status">{t('admin.loading')}</p>}
      {groups.error && <p role="alert">{groups.error.message}</p>}
      {groups.data?.length === 0 && <p>{t('admin.groups.none')}</p>}
      <ul className="a-list" aria-label={t('admin.groups.listName')}>
        {groups.data?.map((g) => (
          <li key={g.id} className="a-card">
            <h3 className="a-card-title">{g.name}</h3>
            <p className="a-muted">{g.mandate}</p>
            {g.members.length === 0 ? (
              <p>{t('admin.groups.noMembers')}</p>
            ) : (
              <ul aria-label={t('admin.groups.membersOf', { name: g.name })}>
                {g.members.map((m) => (
                  <li key={m.id}>
                    {m.fullName} — {t(m.role === 'coordinator' ? 'admin.groups.coordinator' : 'admin.groups.member')}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <CreateGroupForm councilId={councilId} />
      {(groups.data?.length ?? 0) > 0 && <AddGroupMemberForm councilId={councilId} groups={groups.data ?? []} />}
    </Section>
  );
}

function CreateGroupForm({ councilId }: { councilId: string }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['name', 'mandate']);
  const [name, setName] = useState('');
  const [mandate, setMandate] = useState('');
  return (
    <AdminForm
      form={form}
      title={t('admin.groups.create')}
      submitLabel={t('admin.groups.createSubmit')}
      onSubmit={() =>
        void form.submit({ name: name.trim() ? null : t('admin.error.required'), mandate: mandate.trim() ? null : t('admin.error.required') }, async () => {
          const g = unwrap(await api.POST('/api/v1/councils/{councilId}/working-groups', { params: { path: { councilId } }, body: { name: name.trim(), mandate: mandate.trim() } }));
          await qc.invalidateQueries({ queryKey: keys.groups(councilId) });
          setName('');
          setMandate('');
          return t('admin.groups.created', { name: g.name });
        })
      }
    >
      <TextField label={t('admin.groups.name')} required value={name} onChange={setName} error={form.errors.name} maxLength={200} />
      <TextField label={t('admin.groups.mandate')} required multiline value={mandate} onChange={setMandate} error={form.errors.mandate} />
    </AdminForm>
  );
}

function AddGroupMemberForm({ councilId, groups }: { councilId: string; groups: { id: string; name: string; members: { membershipId: string }[] }[] }) {
  const t = useAT();
  const qc = useQueryClient();
  const form = useForm(['groupId', 'membershipId', 'role']);
  const memberships = useMemberships(councilId, isoDate(new Date()));
  const [groupId, setGroupId] = useState('');
  const [membershipId, setMembershipId] = useState('');
  const [role, setRole] = useState<'member' | 'coordinator'>('member');
  const group = groups.find((g) => g.id === groupId);
  const options = (memberships.data ?? [])
    .filter((m) => !group?.members.some((x) => x.membershipId === m.id))
    .map((m) => ({ value: m.id, label: m.user?.fullName ?? m.userId }));
  return (
    <AdminForm
      form={form}
      title={t('admin.groups.addMember')}
      submitLabel={t('admin.groups.addMemberSubmit')}
      onSubmit={() =>
        void form.submit({ groupId: groupId ? null : t('admin.error.group'), membershipId: membershipId ? null : t('admin.error.person') }, async () => {
          const added = unwrap(await api.POST('/api/v1/working-groups/{groupId}/members', { params: { path: { groupId } }, body: { membershipId, role } }));
          await qc.invalidateQueries({ queryKey: keys.groups(councilId) });
          setMembershipId('');
          return t('admin.groups.memberAdded', { name: added.fullName, group: group?.name ?? '' });
        })
      }
    >
      <SelectField label={t('admin.groups.group')} required value={groupId} onChange={setGroupId} options={groups.map((g) => ({ value: g.id, label: g.name }))} placeholder={t('admin.groups.chooseGroup')} error={form.errors.groupId} />
      <SelectField label={t('admin.groups.person')} required value={membershipId} onChange={setMembershipId} options={options} placeholder={t('admin.term.choosePerson')} error={form.errors.membershipId} />
      <SelectField
        label={t('admin.groups.role')}
        value={role}
        onChange={(v) => setRole(v as 'member' | 'coordinator')}
        options={[
          { value: 'member', label: t('admin.groups.member') },
          { value: 'coordinator', label: t('admin.groups.coordinator') },
        ]}
        error={form.errors.role}
      />
    </AdminForm>
  );
}
