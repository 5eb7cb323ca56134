import { PathLink } from '../../components/PathLink';
import { useCouncilT } from './i18n';
import { useGroups } from './useCouncilData';

/** The working groups with their mandate and coordinators; "New proposal" for the members of a group. */
export function GroupsPanel({ councilId, myMembershipIds }: { councilId: string; myMembershipIds: string[] }) {
  const t = useCouncilT();
  const { list, details } = useGroups(councilId, true);
  return (
    <section aria-labelledby="council-groups" className="card">
      <h2 id="council-groups">{t('council.groups')}</h2>
      {list.isPending && <p role="status">{t('council.loading')}</p>}
      {list.data?.length === 0 && <p>{t('council.noGroups')}</p>}
      <ul className="council-groups">
        {list.data?.map((g, k) => {
          const members = details[k]?.data?.members ?? [];
          const coordinators = members.filter((m) => m.role === 'coordinator').map((m) => m.fullName);
          const mayPropose = members.some((m) => myMembershipIds.includes(m.membershipId));
          return (
            <li key={g.id}>
              <h3>{g.name}</h3>
              <p>{g.mandate}</p>
              {details[k]?.data && (
                <p className="muted">
                  {coordinators.length ? t('council.coordinators', { names: coordinators.join(', ') }) : t('council.noCoordinator')} ·{' '}
                  {t('council.groupMembers', { count: members.length })}
                </p>
              )}
              {mayPropose && (
                <PathLink className="council-action" href={`/working-groups/${g.id}/proposals/new`} aria-label={t('council.newProposalIn', { group: g.name })}>
                  {t('council.newProposal')}
                </PathLink>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
