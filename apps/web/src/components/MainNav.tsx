import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../api/client';
import { queryClient } from '../api/query';
import { useT } from '../i18n/useT';
import { PathLink } from './PathLink';

/**
 * The header's page links for a signed-in user: Home, and Consultations for
 * an agency representative (a membership with the agency_rep role whose term
 * covers today). The query names the app's cache itself, because the
 * not-found page draws the frame outside the cache's provider.
 */
export function MainNav({ pathname }: { pathname: string }) {
  const t = useT();
  const me = useQuery({ queryKey: ['auth', 'me'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) }, queryClient);
  const today = new Date().toISOString().slice(0, 10);
  const agencyRep = me.data?.memberships.some((m) => m.roles.includes('agency_rep') && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  return (
    <nav aria-label={t('nav.main')} className="mainnav">
      <Link to="/" aria-current={pathname === '/' ? 'page' : undefined}>
        {t('nav.home')}
      </Link>
      {agencyRep && (
        <PathLink href="/consultations" aria-current={pathname === '/consultations' ? 'page' : undefined}>
          {t('nav.consultations')}
        </PathLink>
      )}
    </nav>
  );
}
