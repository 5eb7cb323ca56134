/**
 * The proposal page's first reads, started before the app's code has loaded.
 *
 * On a deep link to /proposals/:id the server adds a small script of its own
 * to the page (early.ts, its own entry: apps/api/src/web/page-shells.ts). It
 * runs as soon as it arrives, beside the download of the app's code, and asks
 * for the proposal, its comments and its trace with the kept access token,
 * following each list's cursor at once. The page's reads (prefetch.ts) then
 * take these answers instead of asking again; what the early script did not
 * ask for, or what needs a new token (401), they ask for themselves.
 *
 * No imports: this module is part of that script, which loads no other code.
 */

/** What one early read answered: its status and its JSON body (null when it had none). */
export interface EarlyAnswer {
  status: number;
  body: unknown;
}

/** The reads under way, by path, until the page takes them. */
type EarlyReads = Map<string, Promise<EarlyAnswer | null>>;

const GLOBAL = '__kenesEarlyReads';
const AUTH_KEY = 'kenes.auth';
/** The most that a list answers at once (API.md, Lists). */
const PAGE = 200;
/** An access token with less left than this is not used: the app renews it first. */
const MARGIN_MS = 5_000;

/** The proposal's path in the API. */
export const proposalPath = (id: string): string => `/api/v1/proposals/${encodeURIComponent(id)}`;

/** One page of a list: the most there is at once, after `cursor`. */
export const listPagePath = (path: string, cursor: string | null): string => `${path}?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** The proposal a path of the web app shows (`/proposals/:id`), or null. */
export function proposalOfPage(pathname: string): string | null {
  const m = /^\/proposals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(pathname);
  return m ? m[1] : null;
}

/** The kept access token while it is good for a few seconds more, else null (renewing is the app's). */
export function usableToken(kept: string | null, now: number): string | null {
  try {
    const token = kept ? (JSON.parse(kept) as { accessToken?: unknown }).accessToken : undefined;
    if (typeof token !== 'string') return null;
    const part = token.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))) as { exp?: unknown };
    return typeof exp === 'number' && exp * 1000 - now > MARGIN_MS ? token : null;
  } catch {
    return null;
  }
}

/** What the early script uses of the browser's window. */
interface Host {
  location: { pathname: string };
  localStorage: { getItem(key: string): string | null };
  fetch: (input: string, init: RequestInit) => Promise<Response>;
}

/**
 * Starts the reads of the page at `w.location` when it is a proposal's and a
 * user is signed in; returns them (also kept for takeEarly), or null.
 */
export function startEarlyReads(w: Host, now = Date.now()): EarlyReads | null {
  const id = proposalOfPage(w.location.pathname);
  let kept: string | null = null;
  try {
    kept = w.localStorage.getItem(AUTH_KEY);
  } catch {
    // storage refused (private mode): the app reads as usual
  }
  const token = id ? usableToken(kept, now) : null;
  if (!id || !token) return null;
  const reads: EarlyReads = new Map();
  const get = (path: string, init: RequestInit = {}) => {
    const answer = w
      .fetch(path, { ...init, headers: { Authorization: `Bearer ${token}` } })
      .then(async (res): Promise<EarlyAnswer> => ({ status: res.status, body: await res.json().catch(() => null) }))
      .catch(() => null);
    reads.set(path, answer);
    return answer;
  };
  // Every page of a list, each asked for as soon as the one before it names its cursor.
  const list = (path: string, cursor: string | null = null): void => {
    void get(listPagePath(path, cursor)).then((a) => {
      const next = a?.status === 200 ? (a.body as { nextCursor?: unknown } | null)?.nextCursor : null;
      if (typeof next === 'string' && next) list(path, next);
    });
  };
  const base = proposalPath(id);
  // As the page asks for it: not from the browser's cache (prefetch.ts, proposalQuery).
  void get(base, { cache: 'no-store' });
  list(`${base}/comments`);
  list(`${base}/trace`);
  (globalThis as Record<string, unknown>)[GLOBAL] = reads;
  return reads;
}

/** The early answer for this path, once (a later read of it asks the server again); undefined when there is none. */
export function takeEarly(path: string): Promise<EarlyAnswer | null> | undefined {
  const reads = (globalThis as Record<string, unknown>)[GLOBAL] as EarlyReads | undefined;
  const answer = reads?.get(path);
  if (answer) reads?.delete(path);
  return answer;
}
