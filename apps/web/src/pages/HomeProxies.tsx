import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/useT';
import { ProxyPanel } from './session/member/ProxyPanel';
import './session/member/member.css';

/**
 * A member's proxies on the home page: for each upcoming or running sitting
 * of this council (the home page passes those), the sitting page's own proxy panel (which shows nothing
 * where the council has proxy voting off). Only for a user who holds the
 * `member` role in the council today (GET /auth/me, asked once for all
 * councils). Loaded lazily: most visits to the home page need none of it.
 */
export default function HomeProxies({ councilId, sittings }: { councilId: string; sittings: { id: string; title: string }[] }) {
  const t = useT();
  const me = useQuery({ queryKey: ['auth', 'me'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });
  const today = new Date().toISOString().slice(0, 10);
  const membershipId = me.data?.memberships.find((m) => m.councilId === councilId && m.roles.includes('member') && m.startsOn <= today && (!m.endsOn || m.endsOn >= today))?.id;
  if (!membershipId) return null;
  return (
    <>
      {sittings.map((s) => (
        <ProxyPanel key={s.id} councilId={councilId} sessionId={s.id} membershipId={membershipId} heading={t('home.proxy', { title: s.title })} level={4} />
      ))}
    </>
  );
}
