import { useParams } from '@tanstack/react-router';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { AgenciesSection } from './AgenciesSection';
import { AuditSection } from './AuditSection';
import { useCouncil, useMe } from './data';
import { GroupsSection } from './GroupsSection';
import { AdminIntl, useAT } from './i18n';
import { covers, isoDate } from './logic';
import { MembershipsSection } from './MembershipsSection';
import { SessionsSection } from './SessionsSection';
import { SettingsSection } from './SettingsSection';
import './admin.css';

const SECTIONS = [
  ['memberships', 'admin.memberships.title'],
  ['groups', 'admin.groups.title'],
  ['agencies', 'admin.agencies.title'],
  ['sessions', 'admin.sessions.title'],
  ['audit', 'admin.audit.title'],
  ['settings', 'admin.settings.title'],
] as const;

/**
 * /councils/:councilId/admin — the secretariat's administration of a council:
 * memberships and rotation, working groups, agencies, sittings and their
 * agendas, the audit chain, the council's settings. Anyone else (the council
 * answering 404, or a member without the secretariat role) gets the
 * not-found state, never the data.
 */
export default function AdminPage() {
  return (
    <AdminIntl>
      <Admin />
    </AdminIntl>
  );
}

function Admin() {
  const t = useAT();
  const { councilId } = useParams({ strict: false }) as { councilId: string };
  const me = useMe();
  const council = useCouncil(councilId);
  if (me.isPending || (council.isPending && !council.error)) {
    return (
      <Layout>
        <h1>{t('admin.loading')}</h1>
        <p role="status">{t('admin.loading')}</p>
      </Layout>
    );
  }
  const today = isoDate(new Date());
  const roles = new Set((me.data?.memberships ?? []).filter((m) => m.councilId === councilId && covers(m, today)).flatMap((m) => m.roles));
  const isAdmin = !!me.data?.isAdmin;
  if (!council.data || !(isAdmin || roles.has('secretariat'))) {
    return (
      <Layout>
        <NotFoundState />
      </Layout>
    );
  }
  const c = council.data;
  return (
    <Layout>
      <div className="admin">
        <h1>{t('admin.title', { council: c.name })}</h1>
        <nav aria-label={t('admin.nav')} className="a-nav">
          <ul>
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={`#a-${id}`}>{t(label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <MembershipsSection council={c} />
        <GroupsSection councilId={c.id} />
        <AgenciesSection councilId={c.id} />
        <SessionsSection councilId={c.id} canRun={roles.has('moderator') || roles.has('chair')} />
        <AuditSection councilId={c.id} />
        <SettingsSection council={c} />
      </div>
    </Layout>
  );
}
