import { covers, CouncilRole, useMyMemberships } from '../../api/memberships';

export type { CouncilRole };

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

/**
 * What the signed-in user is in this sitting's council (from GET /auth/me), to
 * choose the member's view or the console. A plain fetch, not the generated
 * client and the query cache: this runs on every sitting page, and those two
 * alone cost a member's phone 5.6 KB of its 150 KB script budget.
 */
export function useSittingRoles(councilId: string | undefined): SittingRoles {
  const { userId, memberships } = useMyMemberships();
  const today = new Date().toISOString().slice(0, 10);
  const held = (memberships ?? []).filter((m) => m.councilId === councilId && covers(m, today));
  const roles = [...new Set(held.flatMap((m) => m.roles))];
  return {
    roles,
    memberMembershipId: held.find((m) => m.roles.includes('member'))?.id ?? null,
    runs: roles.includes('moderator') || roles.includes('chair'),
    isChair: roles.includes('chair'),
    loading: !!userId && !memberships,
  };
}
