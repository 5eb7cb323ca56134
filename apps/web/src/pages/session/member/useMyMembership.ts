import { useEffect, useState } from 'react';
import { getJson } from './http';

export type CouncilRole = 'member' | 'agency_rep' | 'moderator' | 'chair' | 'secretariat' | 'observer';

export interface MyMembership {
  id: string;
  councilId: string;
  roles: CouncilRole[];
  startsOn: string;
  endsOn: string | null;
}

/** Today's date as YYYY-MM-DD in UTC, as the server compares terms. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The signed-in user's membership in a council whose term covers today
 * (inclusive dates), preferring one with a vote; null when none.
 */
export function pickMembership(memberships: readonly MyMembership[], councilId: string, on = today()): MyMembership | null {
  const current = memberships.filter((m) => m.councilId === councilId && m.startsOn <= on && (m.endsOn === null || m.endsOn >= on));
  return current.find((m) => m.roles.includes('member')) ?? current[0] ?? null;
}

/** A member of the council who does not run the sitting: the one who gets the member's view. */
export const isSittingMember = (m: MyMembership | null): boolean => !!m && m.roles.includes('member') && !m.roles.includes('moderator') && !m.roles.includes('chair');

/** The user's membership in the sitting's council (GET /auth/me once the council is known). */
export function useMyMembership(councilId: string | undefined, enabled = true): { membership: MyMembership | null; error: Error | null } {
  const [state, setState] = useState<{ membership: MyMembership | null; error: Error | null }>({ membership: null, error: null });
  useEffect(() => {
    if (!enabled || !councilId) return;
    let gone = false;
    getJson<{ memberships: MyMembership[] }>('/api/v1/auth/me').then(
      (me) => !gone && setState({ membership: pickMembership(me.memberships, councilId), error: null }),
      (error: Error) => !gone && setState({ membership: null, error }),
    );
    return () => {
      gone = true;
    };
  }, [councilId, enabled]);
  return state;
}
