import { useEffect, useState } from 'react';
import { authedFetch } from './auth';
import { useAuth } from './useAuth';

export type CouncilRole = 'member' | 'agency_rep' | 'moderator' | 'chair' | 'secretariat' | 'observer';

export interface MyMembership {
  id: string;
  councilId: string;
  roles: CouncilRole[];
  agencyId: string | null;
  startsOn: string;
  endsOn: string | null;
}

/** The last answer, per user, for a minute: the header and the sitting page ask on every page, the server not each time. */
let kept: { userId: string; at: number; answer: Promise<MyMembership[]> } | null = null;
const KEEP_MS = 60_000;

function myMemberships(userId: string): Promise<MyMembership[]> {
  if (kept?.userId !== userId || Date.now() - kept.at > KEEP_MS) {
    const answer = authedFetch(new Request('/api/v1/auth/me'))
      .then((res) => (res.ok ? (res.json() as Promise<{ memberships: MyMembership[] }>).then((b) => b.memberships) : Promise.reject(new Error(String(res.status)))))
      .catch(() => {
        // Not kept: the next page asks again.
        if (kept?.answer === answer) kept = null;
        return [] as MyMembership[];
      });
    kept = { userId, at: Date.now(), answer };
  }
  return kept.answer;
}

/**
 * The signed-in user's memberships (GET /auth/me), or null while they load or
 * without a user. A plain fetch, not the generated client and the query cache:
 * the header and the sitting page run it on every page, and those two alone
 * cost a member's phone 5.6 KB of its 150 KB script budget.
 */
export function useMyMemberships(): { userId: string | null; memberships: MyMembership[] | null } {
  const auth = useAuth();
  const userId = auth?.user.id ?? null;
  const [me, setMe] = useState<{ userId: string; memberships: MyMembership[] } | null>(null);
  useEffect(() => {
    if (!userId) return;
    let gone = false;
    void myMemberships(userId).then((memberships) => {
      if (!gone) setMe({ userId, memberships });
    });
    return () => {
      gone = true;
    };
  }, [userId]);
  return { userId, memberships: me && me.userId === userId ? me.memberships : null };
}

/** Whether a membership's term covers the day (ISO date, inclusive at both ends). */
export const covers = (m: MyMembership, day: string): boolean => m.startsOn <= day && (!m.endsOn || m.endsOn >= day);
