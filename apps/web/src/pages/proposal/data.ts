import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { commentsQuery, consultationsQuery, pollsQuery, proposalQuery, traceQuery } from './prefetch';

export type Schemas = components['schemas'];
export type Proposal = Schemas['ProposalDto'];
export type Version = Schemas['VersionDto'];
export type Comment = Schemas['CommentDto'];
export type Consultation = Schemas['ConsultationDto'];
export type Poll = Schemas['PollListItemDto'];
export type Opinion = Schemas['MinorityOpinionDto'];
export type Group = Schemas['WorkingGroupWithMembersDto'];
export type TraceEntry = Schemas['TraceEntryDto'];
export type DiffChunk = Schemas['DiffChunkDto'];

/** The most a list answers at once (API.md, Lists). */
export const PAGE = 200;

export const keys = {
  proposal: (id: string) => ['proposals', id] as const,
  versions: (id: string) => ['proposals', id, 'versions'] as const,
  comments: (id: string) => ['proposals', id, 'comments'] as const,
  trace: (id: string) => ['proposals', id, 'trace'] as const,
  polls: (id: string) => ['proposals', id, 'polls'] as const,
  consultations: (id: string) => ['proposals', id, 'consultations'] as const,
};

export const useProposal = (id: string) => useQuery(proposalQuery(id));

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

export const useComments = (id: string) => useQuery(commentsQuery(id));

export const useTrace = (id: string) => useQuery(traceQuery(id));

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

/** The proposal's polls and consultations, as many as the caller may read (one request each, not one per object). */
export const usePolls = (proposalId: string) => useQuery(pollsQuery(proposalId));

/** The consultations with their comments (the list carries them: no request per consultation; the key the reply form refreshes). */
export const useConsultations = (proposalId: string) => useQuery(consultationsQuery(proposalId));

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
