import { Link } from '@tanstack/react-router';
import { covers, useMyMemberships } from '../api/memberships';
import { useT } from '../i18n/useT';
import { PathLink } from './PathLink';

/**
 * The header's page links for a signed-in user: Home, and Consultations for
 * an agency representative (a membership with the agency_rep role whose term
 * covers today). The memberships come by a plain fetch: this header is on
 * every page, a member's phone in the hall included (its script budget).
 */
export function MainNav({ pathname }: { pathname: string }) {
  const t = useT();
  const { memberships } = useMyMemberships();
  const today = new Date().toISOString().slice(0, 10);
  const agencyRep = memberships?.some((m) => m.roles.includes('agency_rep') && covers(m, today));
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
