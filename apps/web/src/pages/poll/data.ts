import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Poll = components['schemas']['PollDto'];
export type Tally = components['schemas']['TallyDto'];
export type Opinion = components['schemas']['MinorityOpinionDto'];

export const pollKey = (pollId: string) => ['poll', pollId] as const;

/** GET /polls/:id; followed every few seconds while it is a draft or open (it opens and closes under the reader). */
export function usePoll(pollId: string, lang: string) {
  return useQuery({
    queryKey: pollKey(pollId),
    queryFn: async () => unwrap(await api.GET('/api/v1/polls/{pollId}', { params: { path: { pollId }, header: { 'accept-language': lang } } })),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'closed' ? 4000 : false),
  });
}

/** GET /auth/me: the user's memberships and roles. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });
}

/** GET /working-groups/:id with its members, for a group poll. */
export function useGroup(groupId: string | null | undefined) {
  return useQuery({
    queryKey: ['group', groupId],
    enabled: !!groupId,
    queryFn: async () => unwrap(await api.GET('/api/v1/working-groups/{groupId}', { params: { path: { groupId: groupId! } } })),
  });
}

/** Every receipt hash of a closed poll (GET /polls/:id/receipts, all pages). */
export async function receiptHashes(pollId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/polls/{pollId}/receipts', { params: { path: { pollId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
    out.push(...page.items.map((i) => i.receiptHash));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
