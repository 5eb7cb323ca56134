import { useCouncilT } from './i18n';
import type { CouncilMessageId } from './i18n';
import { useIntl } from 'react-intl';
import { formatDay, useMemberships } from './useCouncilData';

/** The memberships whose term covers the chosen day, with their roles, attributes and term. */
export function MembersPanel({ councilId, at, dimensions }: { councilId: string; at: string; dimensions: string[] }) {
  const t = useCouncilT();
  const intl = useIntl();
  const members = useMemberships(councilId, at, true);
  const items = members.data?.items ?? [];
  return (
    <div className="council-members">
      <h3 id="council-members">{t('council.membersOn', { date: formatDay(intl, at) })}</h3>
      {members.isPending && <p role="status">{t('council.loading')}</p>}
      {members.data && <p className="muted">{t('council.memberCount', { count: items.length })}</p>}
      {members.data && items.length === 0 && <p>{t('council.noMembers')}</p>}
      {items.length > 0 && (
        <div className="council-scroll" role="region" aria-labelledby="council-members" tabIndex={0}>
          <table className="council-table">
            <thead>
              <tr>
                <th scope="col">{t('council.name')}</th>
                <th scope="col">{t('council.roles')}</th>
                {dimensions.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
                <th scope="col">{t('council.term')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.user?.fullName ?? '—'}</th>
                  <td>{m.roles.map((r) => t(`council.role.${r}` as CouncilMessageId)).join(', ')}</td>
                  {dimensions.map((d) => (
                    <td key={d}>{m.attributes[d] ?? '—'}</td>
                  ))}
                  <td>{m.endsOn ? t('council.termRange', { start: m.startsOn, end: m.endsOn }) : t('council.termOpen', { start: m.startsOn })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
