import { useEffect, useState } from 'react';
import { authedFetch } from '../../../api/auth';

export type ConsoleRole = 'chair' | 'moderator';

export interface RoleMembership {
  councilId: string;
  roles: readonly string[];
  startsOn: string;
  endsOn: string | null;
}

/**
 * Whether the user runs this council's sittings, by the memberships whose
 * term covers the day (inclusive dates): `chair` (who also decides), else
 * `moderator`, else null.
 */
export function consoleRoleOf(memberships: readonly RoleMembership[], councilId: string, on: string): ConsoleRole | null {
  const roles = memberships.filter((m) => m.councilId === councilId && m.startsOn <= on && (m.endsOn === null || m.endsOn >= on)).flatMap((m) => m.roles);
  if (roles.includes('chair')) return 'chair';
  if (roles.includes('moderator')) return 'moderator';
  return null;
}

/**
 * The user's console role in the sitting's council (GET /auth/me), null for
 * everyone else. Plain fetch, not the generated client or the query cache:
 * this runs on every sitting page, members' phones included, and must not
 * add to their script.
 */
export function useConsoleRole(councilId: string | undefined, signedIn: boolean): ConsoleRole | null {
  const [role, setRole] = useState<ConsoleRole | null>(null);
  useEffect(() => {
    if (!signedIn || !councilId) {
      setRole(null);
      return;
    }
    let gone = false;
    void authedFetch(new Request('/api/v1/auth/me'))
      .then((res) => (res.ok ? (res.json() as Promise<{ memberships: RoleMembership[] }>) : null))
      .then((me) => {
        if (!gone) setRole(me ? consoleRoleOf(me.memberships, councilId, new Date().toISOString().slice(0, 10)) : null);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [councilId, signedIn]);
  return role;
}
