import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Council = components['schemas']['CouncilDto'];
export type Membership = components['schemas']['MembershipDto'];
export type Role = Membership['roles'][number];
export const ROLES: readonly Role[] = ['member', 'agency_rep', 'moderator', 'chair', 'secretariat', 'observer'];

/** The administration's queries, all under one key so that a change refreshes what it touches. */
export const keys = {
  council: (id: string) => ['admin', id, 'council'] as const,
  me: ['admin', 'me'] as const,
  memberships: (id: string, at: string) => ['admin', id, 'memberships', at] as const,
  allMemberships: (id: string) => ['admin', id, 'memberships'] as const,
  composition: (id: string, at: string) => ['admin', id, 'composition', at] as const,
  agencies: (id: string) => ['admin', id, 'agencies'] as const,
  groups: (id: string) => ['admin', id, 'groups'] as const,
  candidates: (id: string) => ['admin', id, 'candidates'] as const,
  sessions: (id: string) => ['admin', id, 'sessions'] as const,
  session: (id: string) => ['admin', 'session', id] as const,
  proposals: (id: string) => ['admin', id, 'ready-proposals'] as const,
};

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });

export const useCouncil = (councilId: string) =>
  useQuery({ queryKey: keys.council(councilId), queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}', { params: { path: { councilId } } })) });

/** Every membership whose term covers the date (all pages). */
export const useMemberships = (councilId: string, at: string) =>
  useQuery({
    queryKey: keys.memberships(councilId, at),
    queryFn: async () => {
      const items: Membership[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/api/v1/councils/{councilId}/memberships', { params: { path: { councilId }, query: { at, limit: 200, ...(cursor ? { cursor } : {}) } } }));
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });

export const useComposition = (councilId: string, at: string) =>
  useQuery({ queryKey: keys.composition(councilId, at), queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/composition', { params: { path: { councilId }, query: { at } } })) });

export const useAgencies = (councilId: string) =>
  useQuery({ queryKey: keys.agencies(councilId), queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/agencies', { params: { path: { councilId }, query: { limit: 200 } } })).items });

/** The working groups, each with its members. */
export const useGroups = (councilId: string) =>
  useQuery({
    queryKey: keys.groups(councilId),
    queryFn: async () => {
      const groups = unwrap(await api.GET('/api/v1/councils/{councilId}/working-groups', { params: { path: { councilId }, query: { limit: 200 } } })).items;
      return Promise.all(groups.map(async (g) => unwrap(await api.GET('/api/v1/working-groups/{groupId}', { params: { path: { groupId: g.id } } }))));
    },
  });

/** The council's pool of people who may join (the secretariat's); none when the caller may not read it. */
export const useCandidates = (councilId: string) =>
  useQuery({
    queryKey: keys.candidates(councilId),
    queryFn: async () => {
      const r = await api.GET('/api/v1/councils/{councilId}/candidates', { params: { path: { councilId }, query: { limit: 200 } } });
      return r.data?.items ?? [];
    },
  });

export const useSessions = (councilId: string) =>
  useQuery({ queryKey: keys.sessions(councilId), queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/sessions', { params: { path: { councilId }, query: { limit: 200 } } })).items });

/** The proposals an agenda item may carry: recommended or deferred (API.md). */
export const useReadyProposals = (councilId: string) =>
  useQuery({
    queryKey: keys.proposals(councilId),
    queryFn: async () => {
      const of = async (status: 'recommended' | 'deferred') =>
        unwrap(await api.GET('/api/v1/councils/{councilId}/proposals', { params: { path: { councilId }, query: { status, limit: 200 } } })).items;
      const [recommended, deferred] = await Promise.all([of('recommended'), of('deferred')]);
      return [...recommended, ...deferred].map((p) => ({ id: p.id, title: p.title }));
    },
  });
