import { useEffect, useState } from 'react';
import { authedFetch } from '../../api/auth';
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

interface MeMembership {
  id: string;
  councilId: string;
  roles: CouncilRole[];
  startsOn: string;
  endsOn: string | null;
}

/**
 * What the signed-in user is in this sitting's council (from GET /auth/me), to
 * choose the member's view or the console. A plain fetch, not the generated
 * client and the query cache: this runs on every sitting page, and those two
 * alone cost a member's phone 5.6 KB of its 150 KB script budget.
 */
export function useSittingRoles(councilId: string | undefined): SittingRoles {
  const auth = useAuth();
  const userId = auth?.user.id ?? null;
  const [me, setMe] = useState<{ userId: string; memberships: MeMembership[] } | null>(null);
  useEffect(() => {
    if (!userId) return;
    let gone = false;
    void authedFetch(new Request('/api/v1/auth/me'))
      .then((res) => (res.ok ? (res.json() as Promise<{ memberships: MeMembership[] }>) : { memberships: [] }))
      .catch(() => ({ memberships: [] as MeMembership[] }))
      .then((body) => {
        if (!gone) setMe({ userId, memberships: body.memberships });
      });
    return () => {
      gone = true;
    };
  }, [userId]);
  const today = new Date().toISOString().slice(0, 10);
  const mine = me && me.userId === userId ? me.memberships : [];
  const held = mine.filter((m) => m.councilId === councilId && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  const roles = [...new Set(held.flatMap((m) => m.roles))];
  return {
    roles,
    memberMembershipId: held.find((m) => m.roles.includes('member'))?.id ?? null,
    runs: roles.includes('moderator') || roles.includes('chair'),
    isChair: roles.includes('chair'),
    loading: !!userId && (!me || me.userId !== userId),
  };
}
