import { getAll, getJson } from './http';

export { myProxy, representedBy } from './logic';
export type { Proxy } from './logic';

/** A member of the council with a vote (the `member` role), by name. */
export interface Voter {
  id: string;
  name: string;
}

interface Membership {
  id: string;
  roles: string[];
  user: { fullName: string } | null;
}

const memo = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
  let work = cache.get(key);
  if (!work) {
    work = load();
    cache.set(key, work);
    work.catch(() => cache.delete(key));
  }
  return work;
};

const enabled = new Map<string, Promise<boolean>>();
const voters = new Map<string, Promise<Voter[]>>();

/** Whether the council has proxy voting on (GET /councils/:id), asked once per council and page. */
export const proxyVotingOn = (councilId: string): Promise<boolean> =>
  memo(enabled, councilId, () => getJson<{ proxyVoting?: { enabled?: boolean } }>(`/api/v1/councils/${councilId}`).then((c) => c.proxyVoting?.enabled === true));

/** The council's members with a vote today, by name (GET /councils/:id/memberships, every page). */
export const councilVoters = (councilId: string): Promise<Voter[]> =>
  memo(voters, councilId, async () =>
    (await getAll<Membership>(`/api/v1/councils/${councilId}/memberships`))
      .filter((m) => m.roles.includes('member'))
      .map((m) => ({ id: m.id, name: m.user?.fullName ?? m.id }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
