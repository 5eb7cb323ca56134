import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ApiProblem, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Schemas = components['schemas'];
export type Proposal = Schemas['ProposalDto'];
export type Version = Schemas['VersionDto'];
export type Comment = Schemas['CommentDto'];
export type Consultation = Schemas['ConsultationDto'];
export type Poll = Schemas['PollDto'];
export type Opinion = Schemas['MinorityOpinionDto'];
export type Group = Schemas['WorkingGroupWithMembersDto'];
export type TraceEntry = Schemas['TraceEntryDto'];
export type DiffChunk = Schemas['DiffChunkDto'];

/** The most a list answers at once (API.md, Lists). */
export const PAGE = 200;

/** Every page of a `{items, nextCursor}` list, following the cursor. */
async function all<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export const keys = {
  proposal: (id: string) => ['proposals', id] as const,
  versions: (id: string) => ['proposals', id, 'versions'] as const,
  comments: (id: string) => ['proposals', id, 'comments'] as const,
  trace: (id: string) => ['proposals', id, 'trace'] as const,
};

export const useProposal = (id: string) =>
  useQuery({
    queryKey: keys.proposal(id),
    // Not from the browser's cache: the ETag names the version, so a change of status alone would come back as a 304 with the old body.
    queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}', { params: { path: { proposalId: id } }, cache: 'no-store' })),
  });

/**
 * Single versions, each asked for when it is shown (a version picked, a comment
 * quoting an older one): GET /versions answers every version with its whole
 * text, megabytes for a long-lived proposal, where the page needs a few.
 */
export const useVersionTexts = (proposalId: string, numbers: number[]) =>
  useQueries({
    queries: numbers.map((n) => ({
      queryKey: ['proposals', proposalId, 'versions', n],
      staleTime: Infinity, // versions are immutable
      queryFn: async (): Promise<Version | null> => {
        const r = await api.GET('/api/v1/proposals/{proposalId}/versions/{n}', { params: { path: { proposalId, n: String(n) } } });
        if (r.response.status === 404 || r.response.status === 403) return null;
        return unwrap(r);
      },
    })),
  });

/** The comments, or null when the caller may not read them (403: outside the group and the secretariat). */
export const useComments = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.comments(id),
    enabled,
    queryFn: async (): Promise<Comment[] | null> => {
      try {
        return await all(async (cursor) => unwrap(await api.GET('/api/v1/proposals/{proposalId}/comments', { params: { path: { proposalId: id }, query: { limit: PAGE, cursor } } })));
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 403) return null;
        throw e;
      }
    },
  });

export const useTrace = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.trace(id),
    enabled,
    queryFn: () => all(async (cursor) => unwrap(await api.GET('/api/v1/proposals/{proposalId}/trace', { params: { path: { proposalId: id }, query: { limit: PAGE, cursor } } }))),
  });

export const useMe = () => useQuery({ queryKey: ['me'], staleTime: 60_000, queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });

/** The group with its members, or null when the caller may not see it. */
export const useGroup = (groupId: string | undefined) =>
  useQuery({
    queryKey: ['working-groups', groupId],
    enabled: !!groupId,
    queryFn: async (): Promise<Group | null> => {
      const r = await api.GET('/api/v1/working-groups/{groupId}', { params: { path: { groupId: groupId as string } } });
      if (r.response.status === 404 || r.response.status === 403) return null;
      return unwrap(r);
    },
  });

export const useAgencies = (councilId: string | undefined) =>
  useQuery({
    queryKey: ['councils', councilId, 'agencies'],
    enabled: !!councilId,
    queryFn: async () => unwrap(await api.GET('/api/v1/councils/{councilId}/agencies', { params: { path: { councilId: councilId as string }, query: { limit: PAGE } } })).items,
  });

/** Each of these that the caller may read (a 404 leaves it out). */
function useEach<T>(ids: string[], key: string, get: (id: string) => Promise<{ data?: T; error?: unknown; response: Response }>) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: [key, id],
      queryFn: async (): Promise<T | null> => {
        const r = await get(id);
        if (r.response.status === 404 || r.response.status === 403) return null;
        return unwrap(r);
      },
    })),
  });
}

export const useConsultations = (ids: string[]) =>
  useEach<Consultation>(ids, 'consultations', (id) => api.GET('/api/v1/consultations/{consultationId}', { params: { path: { consultationId: id } } }));

export const usePolls = (ids: string[], lang: string) =>
  useEach<Poll>(ids, 'polls', (id) => api.GET('/api/v1/polls/{pollId}', { params: { path: { pollId: id }, header: { 'accept-language': lang } } }));

export const useOpinions = (pollIds: string[]) =>
  useQueries({
    queries: pollIds.map((pollId) => ({
      queryKey: ['polls', pollId, 'minority-opinions'],
      queryFn: async (): Promise<Opinion[]> => {
        const r = await api.GET('/api/v1/polls/{pollId}/minority-opinions', { params: { path: { pollId }, query: { limit: PAGE } } });
        if (!r.response.ok) return [];
        return unwrap(r).items;
      },
    })),
  });
