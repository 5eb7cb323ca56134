import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../api/useAuth';

export type CouncilRole = 'member' | 'agency_rep' | 'moderator' | 'chair' | 'secretariat' | 'observer';

export interface SittingRoles {
  /** The signed-in user's roles in the sitting's council today (empty for a watcher). */
  roles: CouncilRole[];
  /** Their membership with the `member` role (who votes, checks in, asks for the floor), if any. */
  memberMembershipId: string | null;
  /** Whether they run the sitting (moderator or chair: the console). */
  runs: boolean;
  isChair: boolean;
  loading: boolean;
}

/** What the signed-in user is in this sitting's council (from GET /auth/me), to choose the member's view or the console. */
export function useSittingRoles(councilId: string | undefined): SittingRoles {
  const auth = useAuth();
  const me = useQuery({
    queryKey: ['me', auth?.user.id],
    enabled: !!auth,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
  });
  const today = new Date().toISOString().slice(0, 10);
  const held = (me.data?.memberships ?? []).filter((m) => m.councilId === councilId && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  const roles = [...new Set(held.flatMap((m) => m.roles))] as CouncilRole[];
  return {
    roles,
    memberMembershipId: held.find((m) => m.roles.includes('member'))?.id ?? null,
    runs: roles.includes('moderator') || roles.includes('chair'),
    isChair: roles.includes('chair'),
    loading: !!auth && me.isPending,
  };
}
