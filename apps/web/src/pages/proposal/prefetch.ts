import { authedFetch } from '../../api/auth';
import { queryClient } from '../../api/query';
import type { components } from '../../api/schema';
import { pickLang, STORAGE_KEY } from '../../i18n/locale';
import { loadCatalog } from './messages/load';

/**
 * The proposal page's first reads (the proposal, every comment, the trace, its
 * polls and its consultations),
 * as plain fetches: the route's loader starts them while the page's code is
 * still downloading, and the page's queries take them from the cache. Kept
 * out of the typed client so that the main bundle, which carries the route
 * table, grows by a few hundred bytes only.
 */
type Schemas = components['schemas'];

/** An answer that is not 2xx, with its status (404 for what the caller may not read). */
export class ReadProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the early script's worker answered for one read (early-reads.ts). */
interface EarlyAnswer {
  status: number;
  body: unknown;
}

/**
 * The early script's answer for this path, once (a later read of it asks the
 * server again); undefined when there is none. The script shares no code with
 * the app (it is one small file): its reads wait under this global name.
 */
export function takeEarly(path: string): Promise<EarlyAnswer | null> | undefined {
  const reads = (globalThis as Record<string, unknown>).__kenesEarlyReads as Map<string, Promise<EarlyAnswer | null>> | undefined;
  const answer = reads?.get(path);
  if (answer) reads?.delete(path);
  return answer;
}

async function read<T>(path: string, init?: RequestInit): Promise<T> {
  // Asked already by the page's early script (early-reads.ts)? Its answer, unless it needs a new token.
  const early = await takeEarly(path);
  if (early && early.status !== 401) {
    if (early.status >= 200 && early.status < 300) return early.body as T;
    const body = (early.body ?? {}) as { detail?: string; title?: string };
    throw new ReadProblem(early.status, body.detail || body.title || String(early.status));
  }
  const res = await authedFetch(new Request(path, init));
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ReadProblem(res.status, body.detail || body.title || res.statusText);
  }
  return (await res.json()) as T;
}

async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await read(listPagePath(path, cursor));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The proposal's path in the API (the early script asks for the same paths). */
export const proposalPath = (id: string): string => `/api/v1/proposals/${encodeURIComponent(id)}`;
const base = proposalPath;

/** One page of a list: the most there is at once (API.md, Lists), after `cursor`. */
export const listPagePath = (path: string, cursor: string | null): string => `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/**
 * Fresh for this long: the page mounts its queries just after the loader has
 * read them, and would otherwise read each one again at once. The page's own
 * writes (a version, a comment, a move) invalidate what they change.
 */
const FRESH_MS = 30_000;

export const proposalQuery = (id: string) => ({
  queryKey: ['proposals', id] as const,
  staleTime: FRESH_MS,
  // Not from the browser's cache: the ETag names the version, so a change of status alone would come back as a 304 with the old body.
  queryFn: () => read<Schemas['ProposalDto']>(base(id), { cache: 'no-store' }),
});

/** The comments, or null when the caller may not read them (403: outside the group and the secretariat). */
export const commentsQuery = (id: string) => ({
  queryKey: ['proposals', id, 'comments'] as const,
  staleTime: FRESH_MS,
  queryFn: async (): Promise<Schemas['CommentDto'][] | null> => {
    try {
      return await all<Schemas['CommentDto']>(`${base(id)}/comments`);
    } catch (e) {
      if (e instanceof ReadProblem && e.status === 403) return null;
      throw e;
    }
  },
});

export const traceQuery = (id: string) => ({
  queryKey: ['proposals', id, 'trace'] as const,
  staleTime: FRESH_MS,
  queryFn: () => all<Schemas['TraceEntryDto']>(`${base(id)}/trace`),
});

/** The polls on the proposal (GET /proposals/:id/polls: those the caller may read, an open one included). */
export const pollsQuery = (id: string) => ({
  queryKey: ['proposals', id, 'polls'] as const,
  staleTime: FRESH_MS,
  queryFn: () => all<Schemas['PollListItemDto']>(`${base(id)}/polls`),
});

/** The consultations the caller may read (the secretariat and the group all; an agency's representative their agency's), each with its comments. */
export const consultationsQuery = (id: string) => ({
  queryKey: ['proposals', id, 'consultations'] as const,
  staleTime: FRESH_MS,
  queryFn: () => all<Schemas['ConsultationDto']>(`${base(id)}/consultations`),
});

/** The language the page will most likely be shown in (as the app chooses it on load), for its messages. */
function likelyLang(): string {
  let kept: string | null = null;
  try {
    kept = localStorage.getItem(STORAGE_KEY);
  } catch {
    // private mode
  }
  return pickLang(window.location.search, kept, navigator.languages ?? [navigator.language]);
}

/** Starts the page's first reads and its messages in Russian or Kazakh (errors are the page's to show: nothing here throws). */
export function prefetchProposal(id: string): void {
  for (const q of [proposalQuery(id), commentsQuery(id), traceQuery(id), pollsQuery(id), consultationsQuery(id)]) void queryClient.prefetchQuery<unknown>(q);
  const lang = likelyLang();
  if (lang === 'ru' || lang === 'kk') void loadCatalog(lang).catch(() => undefined);
}
