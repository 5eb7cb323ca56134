import { authedFetch } from '../../../api/auth';

/** A problem answer: its message is the problem's detail (or title). */
async function bodyOf<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as (T & { detail?: string; title?: string }) | null;
  if (!res.ok) throw new Error(body?.detail || body?.title || res.statusText || String(res.status));
  return body as T;
}

/**
 * GET of a JSON resource with the signed-in user's token; a problem answer
 * throws an Error carrying the problem's detail (or title). Plain fetch, not
 * the generated client: the member's page stays within its script budget.
 */
export async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
  return bodyOf<T>(await authedFetch(new Request(path, { headers })));
}

/** POST of a JSON body (none for an action), the same way as getJson. */
export async function postJson<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method: 'POST', headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return bodyOf<T>(await authedFetch(new Request(path, init)));
}

/** Every item of a paged list ({items, nextCursor}), 200 a page. */
export async function getAll<T>(path: string, headers: Record<string, string> = {}): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const page = await getJson<{ items: T[]; nextCursor: string | null }>(`${path}${path.includes('?') ? '&' : '?'}${q}`, headers);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
