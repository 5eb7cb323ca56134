import { useQueries, useQuery } from '@tanstack/react-query';
import type { IntlShape } from 'react-intl';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/** A calendar day (YYYY-MM-DD) in words of the page's language. */
export const formatDay = (intl: IntlShape, day: string) => intl.formatDate(`${day}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });

export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The council itself (404 for a non-member: the page shows the not-found state). */
export const useCouncil = (councilId: string) =>
  useQuery({ queryKey: ['councils', councilId], queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}', { params: { path: { councilId } } })) });

/** The caller, with memberships: who may start a proposal in a group, who is secretariat. */
export const useMe = () => useQuery({ queryKey: ['auth', 'me'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });

/** The council's working groups, each with its members (one request per group: councils have a handful). */
export function useGroups(councilId: string, enabled: boolean) {
  const list = useQuery({
    queryKey: ['councils', councilId, 'working-groups'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/working-groups', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });
  const details = useQueries({
    queries: (list.data ?? []).map((g) => ({
      queryKey: ['working-groups', g.id],
      queryFn: async () => unwrap(await api.GET('/api/v1/working-groups/{groupId}', { params: { path: { groupId: g.id } } })),
    })),
  });
  return { list, details };
}

export const useMemberships = (councilId: string, at: string, enabled: boolean) =>
  useQuery({
    queryKey: ['councils', councilId, 'memberships', at],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/memberships', { params: { path: { councilId }, query: { at, limit: 200 } } })),
  });

export const useComposition = (councilId: string, at: string, enabled: boolean) =>
  useQuery({
    queryKey: ['councils', councilId, 'composition', at],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/composition', { params: { path: { councilId }, query: { at } } })),
  });

export const useSessions = (councilId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['councils', councilId, 'sessions'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/sessions', { params: { path: { councilId }, query: { limit: 200 } } })).items,
  });

export type ProposalStatus = components['schemas']['SearchHitDto']['status'];
export interface ProposalFilters {
  q: string;
  status: ProposalStatus | '';
  groupId: string;
}

export const SEARCH_LIMIT = 50;

export const useProposalSearch = (councilId: string, f: ProposalFilters, enabled: boolean) =>
  useQuery({
    queryKey: ['councils', councilId, 'proposals', f],
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/councils/{councilId}/proposals', {
          params: { path: { councilId }, query: { limit: SEARCH_LIMIT, ...(f.q.trim() ? { q: f.q.trim() } : {}), ...(f.status ? { status: f.status } : {}), ...(f.groupId ? { groupId: f.groupId } : {}) } },
        }),
      ),
  });
