import createClient from 'openapi-fetch';
import type { LiveProblem } from '@kenes/contracts';
import { authedFetch } from './auth';
import type { paths } from './schema';

/** The typed API client: paths carry their /api/v1 prefix (the served OpenAPI document's). */
export const api = createClient<paths>({ baseUrl: '', fetch: authedFetch });

/** Thrown for a problem answer: its message is the problem's detail (or title). */
export class ApiProblem extends Error {
  constructor(readonly problem: LiveProblem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** The data of an openapi-fetch result, or an ApiProblem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const e = result.error as Partial<LiveProblem> | undefined;
    throw new ApiProblem({
      type: e?.type ?? 'about:blank',
      title: e?.title ?? result.response.statusText,
      status: e?.status ?? result.response.status,
      detail: e?.detail ?? '',
      ...(e ?? {}),
    });
  }
  return result.data;
}
