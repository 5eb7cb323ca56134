import { authedFetch } from '../../../api/auth';

/**
 * GET of a JSON resource with the signed-in user's token; a problem answer
 * throws an Error carrying the problem's detail (or title). Plain fetch, not
 * the generated client: the member's page stays within its script budget.
 */
export async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await authedFetch(new Request(path, { headers }));
  const body = (await res.json().catch(() => null)) as (T & { detail?: string; title?: string }) | null;
  if (!res.ok) throw new Error(body?.detail || body?.title || res.statusText || String(res.status));
  return body as T;
}
